// A fake of Zepp's @zos/ui for the tests: createWidget records each widget (its type and properties),
// setProperty(prop.MORE, …) merges into them, deleteWidget removes it. What a test needs to act as the
// wearer: the widgets on screen, what they say, and a tap on a button found by its words (its click_func
// runs, as the watch runs it when the finger lifts). Only what the page uses is here; the rest throws.

export const widget = { TEXT: 1, BUTTON: 2, FILL_RECT: 3 } as const;
export const prop = { MORE: 1001, TEXT: 1002, VISIBLE: 1003 } as const;
export const align = { LEFT: 0, RIGHT: 1, CENTER_H: 2, TOP: 3, BOTTOM: 4, CENTER_V: 5 } as const;
export const text_style = { WRAP: 0, CHAR_WRAP: 1, ELLIPSIS: 2, NONE: 3 } as const;

export type WidgetKind = "text" | "button" | "fillRect";
const KINDS: { [type: number]: WidgetKind } = { 1: "text", 2: "button", 3: "fillRect" };

export interface FakeWidget {
  readonly kind: WidgetKind;
  /** Every property it was made with or set to. */
  readonly props: { [name: string]: any };
  deleted: boolean;
  setProperty(p: number, value: any): boolean;
  getProperty(p: number): any;
}

let live: FakeWidget[] = [];
let made = 0;

export function createWidget(type: number, options: { [name: string]: any }): FakeWidget {
  const kind = KINDS[type];
  if (!kind) throw new Error("the fake @zos/ui has no widget type " + type);
  for (const name of ["x", "y", "w", "h"])
    if (typeof options[name] !== "number" || !isFinite(options[name])) throw new Error(`${kind} without a numeric ${name}`);
  const w: FakeWidget = {
    kind,
    props: { ...options },
    deleted: false,
    setProperty(p, value) {
      if (w.deleted) throw new Error("setProperty on a deleted widget");
      if (p === prop.MORE) Object.assign(w.props, value);
      else if (p === prop.TEXT) w.props.text = value;
      else if (p === prop.VISIBLE) w.props.visible = value;
      else throw new Error("the fake @zos/ui has no property " + p);
      return true;
    },
    getProperty(p) {
      if (p === prop.MORE) return { ...w.props };
      if (p === prop.TEXT) return w.props.text;
      throw new Error("the fake @zos/ui has no property " + p);
    },
  };
  live.push(w);
  made++;
  return w;
}

export function deleteWidget(w: FakeWidget): boolean {
  const i = live.indexOf(w);
  if (i < 0) throw new Error("deleteWidget of a widget not on screen");
  live.splice(i, 1);
  w.deleted = true;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// the test's side

/** The widgets on screen now, in the order they were made. */
export function widgets(): FakeWidget[] {
  return live.slice();
}

/** How many widgets were ever made: a test can see that a screen that stays makes none. */
export function madeCount(): number {
  return made;
}

/** What every widget on screen says, in order. */
export function texts(): string[] {
  return live.filter((w) => w.props.visible !== false).map((w) => String(w.props.text));
}

/** The buttons on screen that say `text`. */
export function buttons(text: string): FakeWidget[] {
  return live.filter((w) => w.kind === "button" && w.props.visible !== false && w.props.text === text);
}

/** Taps the one button that says `text` (throws when there is none or more than one). */
export function tap(text: string): void {
  const found = buttons(text);
  if (found.length !== 1) throw new Error(`${found.length} buttons say ${JSON.stringify(text)}; on screen: ${JSON.stringify(texts())}`);
  const click = found[0].props.click_func;
  if (typeof click !== "function") throw new Error(`the button ${JSON.stringify(text)} has no click_func`);
  click(found[0]);
}

/** Forgets every widget (between tests). */
export function reset(): void {
  live = [];
  made = 0;
  statusBarVisible = undefined;
}

/** Whether the page hid the status bar (square screens), or undefined when it never said. */
export let statusBarVisible: boolean | undefined;

export function setStatusBarVisible(visible: boolean): void {
  statusBarVisible = visible;
}
