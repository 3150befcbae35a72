// The watch's "document" module, built from the app's real resources/index.view: ids, classes, types,
// attributes and text come from the view, so code that asks for an id the view lacks gets null as on the
// device. Beyond the platform API it offers what a test needs to act like a wearer: tap an element
// (only if it is shown and takes touches), press the back button, read what is on screen.
//
// Device semantics followed: an element is shown when neither it nor an ancestor has display "none"
// or visibility "hidden"; only elements with pointer-events="visible" take taps; a text element holds at
// most its `text-length` characters (default: the length of its text in the view) — the device would cut
// anything longer, so the fake throws instead, to catch it.
import * as fs from "fs";
import * as path from "path";

export const VIEW_PATH = path.resolve(__dirname, "../../../resources/index.view");

type Handler = ((event: any) => void) | null;

export class FakeElement {
  readonly children: FakeElement[] = [];
  parent: FakeElement | null = null;
  readonly style: { display: string; visibility: string; fill?: string; opacity?: number; fontSize?: number };
  class: string;
  onclick: Handler = null;
  onmousedown: Handler = null;
  onmouseup: Handler = null;
  onmousemove: Handler = null;
  private _text: string;
  /** How many characters the element can hold (text and textarea only). */
  readonly textCapacity: number;

  constructor(readonly type: string, readonly attributes: { [name: string]: string }, text: string) {
    this.class = attributes["class"] || "";
    this.style = { display: attributes["display"] || "inline", visibility: attributes["visibility"] || "visible" };
    if (attributes["fill"]) this.style.fill = attributes["fill"];
    this._text = text;
    const declared = attributes["text-length"];
    this.textCapacity = declared !== undefined ? Number(declared) : text.length;
  }

  get id(): string {
    return this.attributes["id"] || "";
  }

  get text(): string {
    return this._text;
  }

  set text(value: string) {
    if (this.type !== "text" && this.type !== "textarea") throw new Error(`#${this.id} is a <${this.type}>, it has no text`);
    if (value.length > this.textCapacity)
      throw new Error(`#${this.id} holds ${this.textCapacity} characters (text-length), was given ${value.length}`);
    this._text = String(value);
  }

  get textContent(): string {
    return this._text;
  }

  get firstChild(): FakeElement | null {
    return this.children[0] || null;
  }

  get nextSibling(): FakeElement | null {
    if (!this.parent) return null;
    const siblings = this.parent.children;
    return siblings[siblings.indexOf(this) + 1] || null;
  }

  get x(): number {
    return num(this.attributes["x"]);
  }
  get y(): number {
    return num(this.attributes["y"]);
  }
  get width(): number {
    return num(this.attributes["width"]);
  }
  get height(): number {
    return num(this.attributes["height"]);
  }

  getBBox() {
    const { x, y, width, height } = this;
    return { x, y, width, height, left: x, top: y, right: x + width, bottom: y + height };
  }

  /** Shown on screen: no display "none" or visibility "hidden" here or above. */
  get shown(): boolean {
    for (let e: FakeElement | null = this; e; e = e.parent)
      if (e.style.display === "none" || e.style.visibility === "hidden") return false;
    return true;
  }

  get takesTouches(): boolean {
    return this.attributes["pointer-events"] === "visible";
  }

  getElementById(id: string): FakeElement | null {
    return this.find((e) => e.id === id)[0] || null;
  }

  getElementsByClassName(name: string): FakeElement[] {
    return this.find((e) => e.class.split(/\s+/).indexOf(name) >= 0);
  }

  getElementsByTagName(tag: string): FakeElement[] {
    return this.find((e) => e.type === tag);
  }

  getElementsByTypeName(type: string): FakeElement[] {
    return this.getElementsByTagName(type);
  }

  animate(): void {}

  sendEvent(event: { type: string }): void {
    const handler = (this as any)["on" + event.type] as Handler;
    if (handler) handler(event);
  }

  /** Descendants in document order matching `test`. */
  find(test: (e: FakeElement) => boolean): FakeElement[] {
    const out: FakeElement[] = [];
    const walk = (e: FakeElement) => {
      for (const c of e.children) {
        if (test(c)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
}

export interface KeyEvent {
  key: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export class FakeDocument {
  onkeypress: ((event: KeyEvent) => void) | null = null;
  /** How long the wearer takes before each tap, in ms; 0: no time passes (the document has no clock). */
  pace = 0;
  /** The time the wearer's taps took so far: the watch fake adds it to the app's clock (./watch.ts). */
  tapTime = 0;
  private keyListeners: ((event: KeyEvent) => void)[] = [];

  constructor(readonly root: FakeElement) {}

  getElementById(id: string): FakeElement | null {
    return this.root.getElementById(id);
  }
  getElementsByClassName(name: string): FakeElement[] {
    return this.root.getElementsByClassName(name);
  }
  getElementsByTagName(tag: string): FakeElement[] {
    return this.root.getElementsByTagName(tag);
  }
  getElementsByTypeName(type: string): FakeElement[] {
    return this.root.getElementsByTypeName(type);
  }
  addEventListener(type: string, listener: (event: KeyEvent) => void): void {
    if (type === "keypress") this.keyListeners.push(listener);
  }
  removeEventListener(type: string, listener: (event: KeyEvent) => void): void {
    if (type === "keypress") this.keyListeners = this.keyListeners.filter((l) => l !== listener);
  }

  // ---- what a wearer does ------------------------------------------------------------------------

  /** The element with `id`; throws when the view has none, so a wrong id fails the test. */
  element(id: string): FakeElement {
    const e = this.getElementById(id);
    if (!e) throw new Error(`no element #${id} in ${path.basename(VIEW_PATH)}`);
    return e;
  }

  /**
   * Touches `id` as a finger would: mousedown, mouseup, click, `pace` ms after the tap before, or at once
   * when `quick` (the second tap of a double tap, a burst). Throws if it is hidden or takes no touch.
   */
  tap(id: string, quick = false): void {
    const e = this.element(id);
    if (!e.shown) throw new Error(`#${id} is not shown`);
    if (!e.takesTouches) throw new Error(`#${id} does not take touches (pointer-events)`);
    if (!e.onclick && !e.onmousedown && !e.onmouseup) throw new Error(`#${id} has no handler`);
    if (!quick) this.tapTime += this.pace;
    for (const type of ["mousedown", "mouseup", "click"]) e.sendEvent({ type });
  }

  /** Presses a physical button; tells whether the app kept it (preventDefault) or left it to the system. */
  press(key: "back" | "up" | "down"): { defaultPrevented: boolean } {
    const event: KeyEvent = {
      key,
      defaultPrevented: false,
      preventDefault() {
        event.defaultPrevented = true;
      },
    };
    if (this.onkeypress) this.onkeypress(event);
    for (const l of this.keyListeners.slice()) l(event);
    return { defaultPrevented: event.defaultPrevented };
  }

  isShown(id: string): boolean {
    return this.element(id).shown;
  }

  /** The text of a text or textarea element. */
  textOf(id: string): string {
    return this.element(id).text;
  }

  /** Texts on screen now, in document order, blank ones left out. */
  visibleTexts(): string[] {
    return this.root
      .find((e) => (e.type === "text" || e.type === "textarea") && e.shown)
      .map((e) => e.text.trim())
      .filter((t) => t !== "");
  }
}

/** A document of the view at `viewPath` (the app's index.view by default). */
export function createDocument(viewPath: string = VIEW_PATH): FakeDocument {
  return new FakeDocument(parseView(fs.readFileSync(viewPath, "utf8")));
}

/** A small XML reader for .view files: elements, attributes, text, comments, the five entities. */
export function parseView(xml: string): FakeElement {
  const root = new FakeElement("#document", {}, "");
  const stack: { element: FakeElement; text: string }[] = [{ element: root, text: "" }];
  const token = /<!--[\s\S]*?-->|<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(xml))) {
    if (m.index !== at) throw new Error(`index.view: cannot read at ${at}: ${xml.substr(at, 30)}`);
    at = token.lastIndex;
    if (m[0].startsWith("<!--")) continue;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
    } else if (m[1] !== undefined) {
      if (top.element.type !== m[1]) throw new Error(`index.view: </${m[1]}> closes <${top.element.type}>`);
      stack.pop();
      finish(top);
    } else {
      const attributes: { [name: string]: string } = {};
      const attr = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
      let a: RegExpExecArray | null;
      while ((a = attr.exec(m[3]))) {
        if (attributes[a[1]] !== undefined) throw new Error(`index.view: <${m[2]}> repeats ${a[1]}`);
        attributes[a[1]] = decode(a[2] ?? a[3]);
      }
      const frame = { element: new FakeElement(m[2], attributes, ""), text: "" };
      frame.element.parent = top.element;
      top.element.children.push(frame.element);
      if (m[4] === "/") finish(frame);
      else stack.push(frame);
    }
  }
  if (at !== xml.length || stack.length !== 1) throw new Error("index.view: unclosed element or trailing text");
  const ids = new Set<string>();
  for (const e of root.find((x) => x.id !== "")) {
    if (ids.has(e.id)) throw new Error(`index.view: id ${e.id} twice`);
    ids.add(e.id);
  }
  return root;
}

function finish(frame: { element: FakeElement; text: string }): void {
  const e = frame.element;
  if (e.type !== "text" && e.type !== "textarea") return;
  const text = frame.text.replace(/\s+/g, " ");
  // Rebuilt so the capacity default (the view's own text) is known from the start.
  const made = new FakeElement(e.type, e.attributes, text);
  made.parent = e.parent;
  const siblings = e.parent!.children;
  siblings[siblings.indexOf(e)] = made;
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, n) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as any)[n]);
}

function num(v: string | undefined): number {
  return v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}

/** The module's default export, as `import document from "document"` gets it. */
const document = createDocument();
export default document;
