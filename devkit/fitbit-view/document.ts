// The watch's `document` as the model has it: the view's elements found by id, class or type, and the
// physical buttons. A press is keydown, keypress, keyup, each to its on<type> handler and then to the
// listeners added for it; whether the app kept the press (preventDefault on keypress) decides what the
// system does next — for "back", close the app — which is the host's part (the preview closes it; the
// test fake reports it).
import { ViewElement } from "./element";

export interface KeyEvent {
  type: string;
  key: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

type KeyHandler = ((event: KeyEvent) => void) | null;

export class ViewDocument {
  onkeypress: KeyHandler = null;
  onkeydown: KeyHandler = null;
  onkeyup: KeyHandler = null;
  private listeners: { [type: string]: ((event: KeyEvent) => void)[] } = {};

  constructor(readonly root: ViewElement) {}

  getElementById(id: string): ViewElement | null {
    return this.root.getElementById(id);
  }
  getElementsByClassName(name: string): ViewElement[] {
    return this.root.getElementsByClassName(name);
  }
  getElementsByTagName(tag: string): ViewElement[] {
    return this.root.getElementsByTagName(tag);
  }
  getElementsByTypeName(type: string): ViewElement[] {
    return this.root.getElementsByTypeName(type);
  }
  addEventListener(type: string, listener: (event: KeyEvent) => void): void {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }
  removeEventListener(type: string, listener: (event: KeyEvent) => void): void {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
  }

  /** A physical button: keydown, keypress, keyup. Tells whether the app kept it. */
  pressKey(key: string): { defaultPrevented: boolean } {
    let prevented = false;
    for (const type of ["keydown", "keypress", "keyup"]) {
      const event: KeyEvent = {
        type,
        key,
        defaultPrevented: false,
        preventDefault() {
          event.defaultPrevented = true;
        },
      };
      const handler = (this as unknown as { [k: string]: KeyHandler })["on" + type];
      if (handler) handler(event);
      for (const l of (this.listeners[type] || []).slice()) l(event);
      if (type === "keypress") prevented = event.defaultPrevented;
    }
    return { defaultPrevented: prevented };
  }
}
