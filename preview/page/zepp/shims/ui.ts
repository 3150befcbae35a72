// @zos/ui in the browser: the widgets the Zepp page makes (TEXT, BUTTON) drawn as positioned elements in
// the watch's screen (#screen, the device's size, round or not), with what the page sets on them
// (setProperty(prop.MORE, …)) and their click_func. Only what the page uses is drawn; a property it does
// not use is kept but not drawn, and a widget type the preview does not draw is reported and made as an
// empty box. Fonts and text measurement are the browser's (preview/README.md).

export const widget = { TEXT: 1, BUTTON: 2, FILL_RECT: 3, IMG: 4, ARC: 5, CIRCLE: 6 } as const;
export const prop = { MORE: 1001, TEXT: 1002, VISIBLE: 1003, X: 1004, Y: 1005, W: 1006, H: 1007 } as const;
export const align = { LEFT: 0, RIGHT: 1, CENTER_H: 2, TOP: 3, BOTTOM: 4, CENTER_V: 5 } as const;
export const text_style = { WRAP: 0, CHAR_WRAP: 1, ELLIPSIS: 2, NONE: 3 } as const;

type Props = { [name: string]: any };

const KINDS: { [type: number]: string } = { 1: "text", 2: "button", 3: "fill-rect" };

/** What the preview's tests and chrome read: when the widgets on screen were last made. */
export const screenInfo = { builtAt: 0, made: 0 };

/** Something the preview does not follow, said once per kind in the page's log. */
const said = new Set<string>();
function report(what: string): void {
  if (said.has(what)) return;
  said.add(what);
  console.warn(`[preview] @zos/ui: ${what}`);
}

function css(color: unknown, fallback: string): string {
  return typeof color === "number" ? "#" + (color >>> 0).toString(16).padStart(6, "0").slice(-6) : fallback;
}

function screen(): HTMLElement {
  const s = document.getElementById("screen");
  if (!s) throw new Error("no #screen in the page");
  return s;
}

export class Widget {
  readonly props: Props;
  readonly el: HTMLDivElement;
  private readonly label: HTMLSpanElement;
  deleted = false;

  constructor(
    readonly kind: string,
    options: Props,
  ) {
    this.props = { ...options };
    this.el = document.createElement("div");
    this.el.className = `zos-${kind}`;
    this.label = document.createElement("span");
    this.el.appendChild(this.label);
    if (kind === "button") this.listen();
    this.draw();
  }

  setProperty(p: number, value: any): boolean {
    if (this.deleted) throw new Error("setProperty on a deleted widget");
    if (p === prop.MORE) Object.assign(this.props, value);
    else if (p === prop.TEXT) this.props.text = value;
    else if (p === prop.VISIBLE) this.props.visible = value;
    else if (p === prop.X) this.props.x = value;
    else if (p === prop.Y) this.props.y = value;
    else if (p === prop.W) this.props.w = value;
    else if (p === prop.H) this.props.h = value;
    else report(`setProperty of property ${p} is not drawn`);
    this.draw();
    return true;
  }

  getProperty(p: number): any {
    if (p === prop.MORE) return { ...this.props };
    if (p === prop.TEXT) return this.props.text;
    return undefined;
  }

  private draw(pressed = false): void {
    const p = this.props;
    const s = this.el.style;
    s.left = `${p.x}px`;
    s.top = `${p.y}px`;
    s.width = `${p.w}px`;
    s.height = `${p.h}px`;
    s.display = p.visible === false ? "none" : "";
    s.fontSize = `${p.text_size || 24}px`;
    this.label.textContent = p.text === undefined ? "" : String(p.text);
    if (this.kind === "button") {
      s.color = css(p.color, "#ffffff");
      s.background = css(pressed ? p.press_color : p.normal_color, "transparent");
      s.borderRadius = `${p.radius || 0}px`;
    } else if (this.kind === "text") {
      s.color = css(p.color, "#ffffff");
      s.justifyContent = p.align_h === align.CENTER_H ? "center" : p.align_h === align.RIGHT ? "flex-end" : "flex-start";
      s.alignItems = p.align_v === align.CENTER_V ? "center" : p.align_v === align.BOTTOM ? "flex-end" : "flex-start";
      s.textAlign = p.align_h === align.CENTER_H ? "center" : p.align_h === align.RIGHT ? "right" : "left";
      const style = p.text_style === undefined ? text_style.ELLIPSIS : p.text_style;
      this.el.dataset.style =
        style === text_style.WRAP || style === text_style.CHAR_WRAP ? "wrap" : style === text_style.NONE ? "none" : "ellipsis";
    } else if (this.kind === "fill-rect") {
      s.background = css(p.color, "transparent");
      s.borderRadius = `${p.radius || 0}px`;
    }
  }

  /** A press shows press_color; the click, when the finger lifts over the button it went down on, runs
   *  click_func, as the watch does. */
  private listen(): void {
    const up = () => this.draw(false);
    this.el.addEventListener("pointerdown", () => this.draw(true));
    this.el.addEventListener("pointerup", up);
    this.el.addEventListener("pointerleave", up);
    this.el.addEventListener("click", () => {
      if (this.deleted || swipedJustNow()) return;
      const click = this.props.click_func;
      if (typeof click === "function") click(this);
    });
  }
}

/** A swipe (page/zepp/shims/interaction.ts) is not also a tap on what it started on. */
let swipeAt = 0;
export function noteSwipe(): void {
  swipeAt = Date.now();
}
function swipedJustNow(): boolean {
  return Date.now() - swipeAt < 50;
}

const live: Widget[] = [];

export function createWidget(type: number, options: Props = {}): Widget {
  let kind = KINDS[type];
  if (!kind) {
    report(`widget type ${type} is not drawn (an empty box stands in)`);
    kind = "unknown";
  }
  const w = new Widget(kind, options);
  screen().appendChild(w.el);
  live.push(w);
  screenInfo.builtAt = Date.now();
  screenInfo.made++;
  return w;
}

export function deleteWidget(w: Widget): void {
  const i = live.indexOf(w);
  if (i < 0) return;
  live.splice(i, 1);
  w.deleted = true;
  w.el.remove();
}

/** Every widget on screen, in the order made (the preview's tests read them). */
export function widgets(): Widget[] {
  return live.slice();
}

/** The page hides the status bar on square screens; the preview draws none. */
export function setStatusBarVisible(_visible: boolean): void {
  return undefined;
}
