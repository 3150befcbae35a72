// One element of the watch's document, with the API Fitbit gives app code (ids, classes, text, style,
// geometry, handlers, search) and the three layers its look comes from: the view's attributes, the
// stylesheet's rules (matched once, when the view loads), and what code sets at run time, which wins.
// The painter (paint.ts) turns the result into browser SVG.

export interface Host {
  /** Something changed: paint before the next frame. */
  invalidate(): void;
  /** Reports a difference from the device (once per message). */
  warn(message: string): void;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
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

export class FbElement {
  readonly children: FbElement[] = [];
  parent: FbElement | null = null;
  /** Rules of the stylesheet that apply, matched when the view loaded (Fitbit does not restyle later). */
  css: { [prop: string]: string } = {};
  /** What code set at run time (element.style.fill, element.x, …). */
  readonly runtime: { [prop: string]: string } = {};
  /** The browser element drawing this one; null for what draws nothing (defs, link, set). */
  node: SVGElement | null = null;
  /** Inside a `use` instance: its ids are not unique in the page. */
  inInstance = false;
  /** Where the painter put it last, relative to its viewport. */
  box: Box = { x: 0, y: 0, width: 0, height: 0 };
  textOverflowing = false;
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
  /** How many characters the element holds: its `text-length`, else the length of its text in the view. */
  readonly textLength: number;
  private _class: string;

  constructor(readonly type: string, readonly attrs: { [name: string]: string }, text: string, private readonly host: Host) {
    this._class = attrs["class"] || "";
    this._text = text;
    const declared = Number(attrs["text-length"]);
    this.textLength = attrs["text-length"] !== undefined && declared >= 0 ? declared : text.length;
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
    this.host.invalidate();
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
    this.host.warn(`#${this.id || this.type}: class set to "${v}" at run time; Fitbit does not re-apply the stylesheet, and neither does the preview`);
  }

  get classList(): string[] {
    return this._class.split(/\s+/).filter((c) => c !== "");
  }

  get text(): string {
    return this._text;
  }
  set text(value: string) {
    if (TEXT_TYPES.indexOf(this.type) < 0) {
      this.host.warn(`#${this.id || this.type} is a <${this.type}>: setting its text does nothing`);
      return;
    }
    let v = String(value);
    if (v.length > this.textLength) {
      this.host.warn(`#${this.id}: text of ${v.length} characters cut to its text-length of ${this.textLength}, as the watch does`);
      v = v.substring(0, this.textLength);
    }
    if (v === this._text) return;
    this._text = v;
    this.host.invalidate();
  }

  get textContent(): string {
    return this.text;
  }
  set textContent(value: string) {
    this.text = value;
  }

  get firstChild(): FbElement | null {
    return this.children[0] || null;
  }

  get nextSibling(): FbElement | null {
    if (!this.parent) return null;
    const siblings = this.parent.children;
    return siblings[siblings.indexOf(this) + 1] || null;
  }

  get x(): number {
    return this.geometry("x", this.box.x);
  }
  set x(v: number) {
    this.setProp("x", v);
  }
  get y(): number {
    return this.geometry("y", this.box.y);
  }
  set y(v: number) {
    this.setProp("y", v);
  }
  get width(): number {
    return this.geometry("width", this.box.width);
  }
  set width(v: number) {
    this.setProp("width", v);
  }
  get height(): number {
    return this.geometry("height", this.box.height);
  }
  set height(v: number) {
    this.setProp("height", v);
  }

  /** Where it is on the screen, in screen pixels. */
  getBBox() {
    let x = 0;
    let y = 0;
    let width = 0;
    let height = 0;
    const node = this.node as SVGGraphicsElement | null;
    const screen = node && node.ownerSVGElement ? rootOf(node) : null;
    if (node && screen && typeof node.getBoundingClientRect === "function") {
      const r = node.getBoundingClientRect();
      const s = screen.getBoundingClientRect();
      const scale = s.width > 0 ? screen.width.baseVal.value / s.width : 1;
      x = (r.left - s.left) * scale;
      y = (r.top - s.top) * scale;
      width = r.width * scale;
      height = r.height * scale;
    }
    return { x, y, width, height, left: x, top: y, right: x + width, bottom: y + height };
  }

  getElementById(id: string): FbElement | null {
    return this.find((e) => e.id === id)[0] || null;
  }
  getElementsByClassName(name: string): FbElement[] {
    return this.find((e) => e.classList.indexOf(name) >= 0);
  }
  getElementsByTagName(tag: string): FbElement[] {
    return this.find((e) => e.type === tag);
  }
  getElementsByTypeName(type: string): FbElement[] {
    return this.getElementsByTagName(type);
  }

  animate(trigger: string): void {
    this.host.warn(`#${this.id || this.type}.animate("${trigger}"): animations are not drawn by the preview`);
  }

  sendEvent(event: { type: string }): void {
    const handler = (this as unknown as { [k: string]: Handler })["on" + event.type];
    if (typeof handler === "function") handler.call(this, event);
  }

  /** Descendants in document order that pass `test`. */
  find(test: (e: FbElement) => boolean): FbElement[] {
    const out: FbElement[] = [];
    const walk = (e: FbElement) => {
      for (const c of e.children) {
        if (test(c)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }

  private geometry(name: string, painted: number): number {
    const set = this.runtime[name];
    return set !== undefined && /^-?[\d.]+$/.test(set) ? Number(set) : painted;
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
  Object.defineProperty(FbElement.prototype, name, {
    get(this: FbElement) {
      const v = this.prop(NUMERIC_PROPS[name]);
      return v === undefined ? undefined : parseFloat(v);
    },
    set(this: FbElement, value: unknown) {
      this.setProp(NUMERIC_PROPS[name], value);
    },
  });
}
for (const name of Object.keys(STRING_PROPS)) {
  Object.defineProperty(FbElement.prototype, name, {
    get(this: FbElement) {
      return this.prop(STRING_PROPS[name]);
    },
    set(this: FbElement, value: unknown) {
      this.setProp(STRING_PROPS[name], value);
    },
  });
}

function rootOf(node: SVGElement): SVGSVGElement {
  let svg = node.ownerSVGElement as SVGSVGElement;
  while (svg.ownerSVGElement) svg = svg.ownerSVGElement;
  return svg;
}
