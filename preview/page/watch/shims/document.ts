// The device's "document" module: the app's view (built by the model the test fake shares, drawn by
// ../screen.ts) with Fitbit's search functions and physical buttons (devkit/fitbit-view), plus what is
// the preview's own: a "back" press the app does not keep (preventDefault) closes the app, as the system
// does, and more than one view is not supported.
import { ViewDocument } from "../../../../devkit/fitbit-view";
import { exitApp, isExited } from "../lifecycle";
import { root } from "../screen";

const unsupported = (what: string) => new Error(`document.${what} is not supported by the preview`);

class FbDocument extends ViewDocument {
  onunload: (() => void) | null = null;

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

  replaceSync(_path: string): void {
    throw unsupported("replaceSync (more than one view)");
  }
  getEventHandler(_elementType: string): null {
    return null;
  }
  setEventHandler(_elementType: string, _handler: unknown): void {
    throw unsupported("setEventHandler");
  }

  /** A physical button, to an app still running; "back" not kept closes it. */
  pressKey(key: string): { defaultPrevented: boolean } {
    if (isExited()) return { defaultPrevented: false };
    const result = super.pressKey(key);
    if (key === "back" && !result.defaultPrevented) exitApp("back button");
    return result;
  }
}

const fbDocument = new FbDocument(root);
export default fbDocument;

// The watch's button, for the button under the watch in the preview (and its tests)…
(window as unknown as { __watch: object }).__watch = { pressKey: (key: string) => fbDocument.pressKey(key) };
// …and for the keyboard: Escape is the back button.
window.addEventListener("keydown", (event) => {
  if (event.key === "Escape") fbDocument.pressKey("back");
});
