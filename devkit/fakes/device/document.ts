// The watch's "document" module for the tests, built from the app's real resources/ by the model of the
// view the preview shares (devkit/fitbit-view: ids, classes, the stylesheet, symbols, text-length,
// display and visibility down the groups, touches, the buttons), so code that asks for an id the view
// lacks gets null as on the device. Two things are the fake's own:
//   - what the watch would do quietly but is surely a mistake (a text longer than its element holds,
//     which the watch cuts; a text set on a rect…) throws here, so the test fails;
//   - what a test needs to act as the wearer: tap an element (only if it is shown and takes touches),
//     press a button, read what is on screen.
// There is no layout: geometry is the view's own pixel numbers.
import { ViewDocument, ViewElement, ViewHost, VIEW_FILE, buildView } from "../../fitbit-view";
import { RESOURCES_DIR, readViewFiles } from "../../view-files";

/** The fake's elements are the model's. */
export type FakeElement = ViewElement;

const strict: ViewHost = {
  changed() {},
  mistake(message) {
    throw new Error(message);
  },
  // What the model does not follow leaves nothing a test could see: a system widget's elements are not
  // there (a lookup of them gets null and fails the test), an animation changes no state.
  unsupported() {},
};

export class FakeDocument extends ViewDocument {
  /** How long the wearer takes before each tap, in ms; 0: no time passes (the document has no clock). */
  pace = 0;
  /** The time the wearer's taps took so far: the watch fake adds it to the app's clock (./watch.ts). */
  tapTime = 0;

  // ---- what a wearer does ------------------------------------------------------------------------

  /** The element with `id`; throws when the view has none, so a wrong id fails the test. */
  element(id: string): FakeElement {
    const e = this.getElementById(id);
    if (!e) throw new Error(`no element #${id} in ${VIEW_FILE}`);
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
    return this.pressKey(key);
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

/** A view from the text of an index.view alone (no stylesheet, no symbols). */
export function parseView(xml: string): FakeElement {
  return buildView({ [VIEW_FILE]: xml }, strict);
}

/** A document of the view in `resourcesDir` (the app's resources/ by default). */
export function createDocument(resourcesDir: string = RESOURCES_DIR): FakeDocument {
  return new FakeDocument(buildView(readViewFiles(resourcesDir).files, strict));
}

/** The module's default export, as `import document from "document"` gets it. */
const document = createDocument();
export default document;
