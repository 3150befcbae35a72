// One element of the watch's document, with the API Fitbit gives app code (ids, classes, text, style,
// geometry, handlers, search) and the three layers its look comes from: the view's attributes, the
// stylesheet's rules (matched once, when the view loads), and what code sets at run time, which wins.
// What the watch does with it follows from these: an element is shown when neither it nor a group above
// has display "none" or visibility "hidden"; only pointer-events="visible" takes a touch; a text holds at
// most its text-length. Shared by the browser preview (which paints it: preview/page/watch/view/) and
// the test fake (devkit/fakes/device/document.ts); nothing here knows a browser or Node.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the model needs from whoever runs it: the preview (paints, reports) or the test fake (has no
 *  screen, fails the test). The model does what the watch does; the host decides what to do about what
 *  the watch would do without a word. */
export interface ViewHost {
  /** Something that shows changed (the preview paints before the next frame; the fake has nothing to do). */
  changed(): void;
  /**
   * The app or its resources did what the watch takes quietly but is surely a mistake: a text longer
   * than its element holds (the watch cuts it), a text set on an element that has none, a class changed
   * at run time (the watch does not restyle), an id twice in the view, a symbol, file or element that is
   * not there, a selector Fitbit does not read. The model carries on as the watch does once told: the
   * preview reports it beside the watch; the test fake throws, so the test fails.
   */
  mistake(message: string): void;
  /** What the model does not follow (Fitbit's system widgets, animations): the preview reports it. */
  unsupported(message: string): void;
  /** Where the element is on the screen, in screen pixels, for a host that lays the view out itself (the
   *  preview measures its SVG); without it, getBBox() answers with the element's own box. */
  screenBox?(element: ViewElement): Box;
}

type Handler = ((event: any) => void) | null;

/** Element properties code may set, by Fitbit's camelCase name → the attribute they stand for. */
const NUMERIC_PROPS: { [name: string]: string } = {
  cx: "cx",
  cy: "cy",
  r: "r",
  x1: "x1",
  y1: "y1",
  x2: "x2",
  y2: "y2",
  arcWidth: "arc-width",
  startAngle: "start-angle",
  sweepAngle: "sweep-angle",
  rows: "rows",
  lineIncrement: "line-increment",
  letterSpacing: "letter-spacing",
};
const STRING_PROPS: { [name: string]: string } = {
  textAnchor: "text-anchor",
  textOverflow: "text-overflow",
  displayAlign: "display-align",
  href: "href",
};
/** element.style.<name> → property. */
const STYLE_PROPS: { [name: string]: { prop: string; numeric: boolean } } = {
  display: { prop: "display", numeric: false },
  visibility: { prop: "visibility", numeric: false },
  fill: { prop: "fill", numeric: false },
  fillOpacity: { prop: "fill-opacity", numeric: true },
  opacity: { prop: "opacity", numeric: true },
  fontFamily: { prop: "font-family", numeric: false },
  fontSize: { prop: "font-size", numeric: true },
  fontWeight: { prop: "font-weight", numeric: false },
  textAnchor: { prop: "text-anchor", numeric: false },
  letterSpacing: { prop: "letter-spacing", numeric: true },
  textDecoration: { prop: "text-decoration", numeric: false },
};
const STYLE_DEFAULTS: { [prop: string]: string } = { display: "inline", visibility: "visible" };

export const TEXT_TYPES = ["text", "textarea"];
const PIXELS = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;

export class ViewElement {
  readonly children: ViewElement[] = [];
  parent: ViewElement | null = null;
  /** Rules of the stylesheet that apply, matched when the view loaded (Fitbit does not restyle later). */
  css: { [prop: string]: string } = {};
  /** What code set at run time (element.style.fill, element.x, …). */
  readonly runtime: { [prop: string]: string } = {};
  /** Inside a `use` instance: its ids are not unique in the view. */
  inInstance = false;
  /** Where a layout put it last, relative to its viewport (the preview's painter lays it out; the test
   *  fake has no layout, so its geometry is the view's own pixel numbers). */
  layout: Box | null = null;
  readonly style: { [name: string]: any };
  onclick: Handler = null;
  onmousedown: Handler = null;
  onmouseup: Handler = null;
  onmousemove: Handler = null;
  onmouseover: Handler = null;
  onmouseout: Handler = null;
  layer = 0;
  state = "";
  value: number | [number, number] = 0;
  mode: number | [number, number] = 0;
  enabled = true;
  private _text: string;
  /** How many characters the element holds (text and textarea): its `text-length`, else the length of
   *  its text in the view. */
  readonly textCapacity: number;
  private _class: string;

  constructor(
    readonly type: string,
    readonly attrs: { [name: string]: string },
    text: string,
    private readonly host: ViewHost,
  ) {
    this._class = attrs["class"] || "";
    this._text = TEXT_TYPES.indexOf(type) >= 0 ? text : "";
    const declared = Number(attrs["text-length"]);
    this.textCapacity = attrs["text-length"] !== undefined && declared >= 0 ? declared : this._text.length;
    this.style = this.makeStyle();
  }

  /** The winning value of a property: run time, then stylesheet, then the view's attribute. */
  prop(name: string): string | undefined {
    if (this.runtime[name] !== undefined) return this.runtime[name];
    if (this.css[name] !== undefined) return this.css[name];
    return this.attrs[name];
  }

  setProp(name: string, value: unknown): void {
    const v = String(value);
    if (this.runtime[name] === v) return;
    this.runtime[name] = v;
    this.host.changed();
  }

  get id(): string {
    return this.attrs["id"] || "";
  }

  get class(): string {
    return this._class;
  }
  set class(value: string) {
    const v = String(value);
    if (v === this._class) return;
    this._class = v;
    this.host.mistake(
      `#${this.id || this.type}: class set to "${v}" at run time; Fitbit does not re-apply the stylesheet, and neither does this model`,
    );
  }

  get classList(): string[] {
    return this._class.split(/\s+/).filter((c) => c !== "");
  }

  get text(): string {
    return this._text;
  }
  set text(value: string) {
    if (TEXT_TYPES.indexOf(this.type) < 0) {
      this.host.mistake(`#${this.id || this.type} is a <${this.type}>: setting its text does nothing`);
      return;
    }
    let v = String(value);
    if (v.length > this.textCapacity) {
      const n = this.textCapacity;
      this.host.mistake(`#${this.id}: text of ${v.length} characters cut to its text-length of ${n}, as the watch does (it holds ${n})`);
      v = v.substring(0, n);
    }
    if (v === this._text) return;
    this._text = v;
    this.host.changed();
  }

  get textContent(): string {
    return this.text;
  }
  set textContent(value: string) {
    this.text = value;
  }

  get firstChild(): ViewElement | null {
    return this.children[0] || null;
  }

  get nextSibling(): ViewElement | null {
    if (!this.parent) return null;
    const siblings = this.parent.children;
    return siblings[siblings.indexOf(this) + 1] || null;
  }

  get x(): number {
    return this.geometry("x");
  }
  set x(v: number) {
    this.setProp("x", v);
  }
  get y(): number {
    return this.geometry("y");
  }
  set y(v: number) {
    this.setProp("y", v);
  }
  get width(): number {
    return this.geometry("width");
  }
  set width(v: number) {
    this.setProp("width", v);
  }
  get height(): number {
    return this.geometry("height");
  }
  set height(v: number) {
    this.setProp("height", v);
  }

  /** Where it is on the screen, in screen pixels. */
  getBBox() {
    const own = () => ({ x: this.x, y: this.y, width: this.width, height: this.height });
    const { x, y, width, height } = this.host.screenBox ? this.host.screenBox(this) : own();
    return { x, y, width, height, left: x, top: y, right: x + width, bottom: y + height };
  }

  /** On screen: neither it nor a group above has display "none" or visibility "hidden" (a hidden group
   *  hides everything below, whatever a child says). */
  get shown(): boolean {
    for (let e: ViewElement | null = this; e; e = e.parent) if (e.style.display === "none" || e.style.visibility === "hidden") return false;
    return true;
  }

  /** Takes a finger: only pointer-events="visible" does; everything else lets it through. */
  get takesTouches(): boolean {
    return this.prop("pointer-events") === "visible";
  }

  getElementById(id: string): ViewElement | null {
    return this.find((e) => e.id === id)[0] || null;
  }
  getElementsByClassName(name: string): ViewElement[] {
    return this.find((e) => e.classList.indexOf(name) >= 0);
  }
  getElementsByTagName(tag: string): ViewElement[] {
    return this.find((e) => e.type === tag);
  }
  getElementsByTypeName(type: string): ViewElement[] {
    return this.getElementsByTagName(type);
  }

  animate(trigger: string): void {
    this.host.unsupported(`#${this.id || this.type}.animate("${trigger}"): animations are not modelled (they play on the watch only)`);
  }

  sendEvent(event: { type: string }): void {
    const handler = (this as unknown as { [k: string]: Handler })["on" + event.type];
    if (typeof handler === "function") handler.call(this, event);
  }

  /** Descendants in document order that pass `test`. */
  find(test: (e: ViewElement) => boolean): ViewElement[] {
    const out: ViewElement[] = [];
    const walk = (e: ViewElement) => {
      for (const c of e.children) {
        if (test(c)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }

  /** What code set, else where the layout put it, else the view's own pixel number (NaN for a length
   *  only a layout can resolve: "50%", "$+6"). */
  private geometry(name: "x" | "y" | "width" | "height"): number {
    const set = this.runtime[name];
    if (set !== undefined && PIXELS.test(set)) return Number(set);
    if (this.layout) return this.layout[name];
    const own = this.prop(name);
    return own !== undefined && PIXELS.test(own) ? Number(own) : NaN;
  }

  private makeStyle(): { [name: string]: any } {
    const style: { [name: string]: any } = {};
    for (const name of Object.keys(STYLE_PROPS)) {
      const { prop, numeric } = STYLE_PROPS[name];
      Object.defineProperty(style, name, {
        enumerable: true,
        get: () => {
          const v = this.prop(prop);
          if (v === undefined) return numeric ? undefined : STYLE_DEFAULTS[prop];
          return numeric ? parseFloat(v) : v;
        },
        set: (value: unknown) => this.setProp(prop, value),
      });
    }
    return style;
  }
}

for (const name of Object.keys(NUMERIC_PROPS)) {
  Object.defineProperty(ViewElement.prototype, name, {
    get(this: ViewElement) {
      const v = this.prop(NUMERIC_PROPS[name]);
      return v === undefined ? undefined : parseFloat(v);
    },
    set(this: ViewElement, value: unknown) {
      this.setProp(NUMERIC_PROPS[name], value);
    },
  });
}
for (const name of Object.keys(STRING_PROPS)) {
  Object.defineProperty(ViewElement.prototype, name, {
    get(this: ViewElement) {
      return this.prop(STRING_PROPS[name]);
    },
    set(this: ViewElement, value: unknown) {
      this.setProp(STRING_PROPS[name], value);
    },
  });
}
