// Turns the page's elements (./elements.ts) into @zos/ui widgets. A widget costs the watch heap, so the
// widgets of a screen are made once, when the screen (its set of elements and their places) changes, and
// the previous screen's are deleted first; while the screen stays, only the texts and colours that
// changed are written, as one setProperty each. Nothing is drawn per frame.
import type { UiEvent } from "../../core/watch";
import { PRESSED, TEXT } from "./colors";
import { Element } from "./elements";

/** What the renderer uses of @zos/ui, as a plain structural type: the module itself satisfies it
 *  (./index.ts hands it in), and so does the tests' fake, in a TypeScript project without Zepp's types. */
export interface UiLike {
  readonly widget: { readonly TEXT: number; readonly BUTTON: number };
  readonly prop: { readonly MORE: number };
  readonly align: { readonly CENTER_H: number; readonly CENTER_V: number };
  readonly text_style: { readonly WRAP: number; readonly ELLIPSIS: number };
  createWidget(type: number, options: Record<string, unknown>): WidgetLike;
  deleteWidget(widget: WidgetLike): unknown;
}

export interface WidgetLike {
  setProperty(prop: number, value: Record<string, unknown>): unknown;
}

export interface Renderer {
  render(elements: Element[]): void;
  /** Deletes every widget (the page is going away). */
  clear(): void;
}

type Widget = WidgetLike;

export function createRenderer(ui: UiLike, tap: (event: UiEvent) => void): Renderer {
  const { align, prop, text_style, widget } = ui;
  let shown: Element[] = [];
  let widgets: Widget[] = [];
  let shape = "";

  function clear(): void {
    for (let i = 0; i < widgets.length; i++) ui.deleteWidget(widgets[i]);
    widgets = [];
    shown = [];
    shape = "";
  }

  function make(el: Element): Widget {
    const r = el.rect;
    if (el.kind === "button") {
      const event = el.tap;
      return ui.createWidget(widget.BUTTON, {
        x: r.x,
        y: r.y,
        w: r.w,
        h: r.h,
        text: el.text,
        text_size: el.size,
        color: TEXT,
        normal_color: el.color,
        press_color: PRESSED,
        radius: Math.round(r.h / 4),
        click_func: () => tap(event),
      });
    }
    return ui.createWidget(widget.TEXT, {
      x: r.x,
      y: r.y,
      w: r.w,
      h: r.h,
      text: el.text,
      text_size: el.size,
      color: el.color,
      align_h: align.CENTER_H,
      align_v: align.CENTER_V,
      text_style: el.style === "wrap" ? text_style.WRAP : text_style.ELLIPSIS,
    });
  }

  function render(elements: Element[]): void {
    const next = shapeOf(elements);
    if (next !== shape) {
      clear();
      for (let i = 0; i < elements.length; i++) widgets.push(make(elements[i]));
      shown = elements;
      shape = next;
      return;
    }
    // The same screen: its texts only (a button's words and colour are part of its shape), with their size.
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i];
      const was = shown[i];
      if (el.kind === "text" && (el.text !== was.text || el.color !== was.color || el.size !== was.size)) {
        const r = el.rect;
        widgets[i].setProperty(prop.MORE, { x: r.x, y: r.y, w: r.w, h: r.h, text: el.text, color: el.color, text_size: el.size });
      }
    }
    shown = elements;
  }

  return { render, clear };
}

/** What makes a screen: every element's kind, id and place, and a button's words and colour. A text's
 *  words are not part of it: they change in place. */
function shapeOf(elements: Element[]): string {
  let s = "";
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    const r = el.rect;
    s += el.kind + " " + el.id + " " + r.x + "," + r.y + "," + r.w + "," + r.h;
    if (el.kind === "button") s += " " + el.color + " " + el.text;
    s += "\n";
  }
  return s;
}
