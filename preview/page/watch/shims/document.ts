// The device's "document" module: the app's view (built and painted by ../screen.ts) with Fitbit's
// search functions, and the physical buttons. A key press runs the app's handlers; a "back" press the
// app does not keep (preventDefault) closes the app, as the system does.
import { exitApp, isExited } from "../lifecycle";
import { root } from "../screen";
import { FbElement } from "../view/element";

type KeyHandler = ((event: KeyEvent) => void) | null;

export interface KeyEvent {
  type: string;
  key: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

const unsupported = (what: string) => new Error(`document.${what} is not supported by the preview`);

class FbDocument {
  onkeypress: KeyHandler = null;
  onkeydown: KeyHandler = null;
  onkeyup: KeyHandler = null;
  onunload: (() => void) | null = null;
  private listeners: { [type: string]: ((event: KeyEvent) => void)[] } = {};

  readonly location = {
    pathname: "/index.view",
    assign: (_path: string) => Promise.reject(unsupported("location.assign (more than one view)")),
    replace: (_path: string) => Promise.reject(unsupported("location.replace (more than one view)")),
  };
  readonly history = {
    length: 1,
    back() {
      throw new RangeError("no other view");
    },
    forward() {
      throw new RangeError("no other view");
    },
    go() {
      throw new RangeError("no other view");
    },
  };

  getElementById(id: string): FbElement | null {
    return root.getElementById(id);
  }
  getElementsByClassName(name: string): FbElement[] {
    return root.getElementsByClassName(name);
  }
  getElementsByTagName(tag: string): FbElement[] {
    return root.getElementsByTagName(tag);
  }
  getElementsByTypeName(type: string): FbElement[] {
    return root.getElementsByTypeName(type);
  }
  addEventListener(type: string, listener: (event: KeyEvent) => void): void {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }
  removeEventListener(type: string, listener: (event: KeyEvent) => void): void {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
  }
  replaceSync(_path: string): void {
    throw unsupported("replaceSync (more than one view)");
  }
  getEventHandler(_elementType: string): null {
    return null;
  }
  setEventHandler(_elementType: string, _handler: unknown): void {
    throw unsupported("setEventHandler");
  }

  /** A physical button: keydown, keypress, keyup. Tells whether the app kept it. */
  pressKey(key: string): { defaultPrevented: boolean } {
    if (isExited()) return { defaultPrevented: false };
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
    if (key === "back" && !prevented) exitApp("back button");
    return { defaultPrevented: prevented };
  }
}

const fbDocument = new FbDocument();
export default fbDocument;

// The watch's button, for the button under the watch in the preview (and its tests)…
(window as unknown as { __watch: object }).__watch = { pressKey: (key: string) => fbDocument.pressKey(key) };
// …and for the keyboard: Escape is the back button.
window.addEventListener("keydown", (event) => {
  if (event.key === "Escape") fbDocument.pressKey("back");
});
