// Acting as the wearer on the real view through the document fake: typing a text on the on-screen
// keyboard tap by tap (the fewest taps, from the page the keyboard shows), entering a code on the pad.
// For device tests and the whole-system test.
import { KEY_CURRENT } from "../../../app/ui/colors";
import { digitId, ID, keyId, pageId } from "../../../core/watch";
import { PAGES, plan } from "../../../core/watch";
import { FakeDocument } from "./document";

/** The keyboard page on screen, read as the wearer sees it: the highlighted page key. */
export function currentPage(doc: FakeDocument): number {
  for (let p = 0; p < PAGES.length; p++) if (doc.element(pageId(p)).style.fill === KEY_CURRENT) return p;
  throw new Error("no keyboard page is highlighted");
}

/** Types `text` on the keyboard; returns the number of taps. Does not press OK. */
export function typeText(doc: FakeDocument, text: string): number {
  const taps = plan(text, currentPage(doc));
  if (!taps) throw new Error("a character of the text is not on the keyboard");
  for (const tap of taps) doc.tap("page" in tap ? pageId(tap.page) : keyId(tap.key));
  return taps.length;
}

/** Types `text` and presses OK. */
export function submitText(doc: FakeDocument, text: string): number {
  const taps = typeText(doc, text);
  doc.tap(ID.ok);
  return taps + 1;
}

/** Enters `code` on the code pad and presses OK. */
export function submitCode(doc: FakeDocument, code: string): void {
  for (const d of code) doc.tap(digitId(Number(d)));
  doc.tap(ID.codeOk);
}
