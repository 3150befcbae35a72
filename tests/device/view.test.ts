// The view itself: every screen fits the 336 × 336 display, keys do not overlap, and each text
// element can hold the longest text the app puts in it (the device would cut it otherwise).
import * as L from "../../common/limits";
import { ID, KEY_COUNT, SCREENS, keyId, screenId } from "../../app/ui/ids";
import { FIELD_CHARS, TITLE_CHARS } from "../../app/ui/present";
import { createDocument } from "../fakes/device/document";

const doc = createDocument();
const SIZE = 336;

test("every screen is a group hidden until the app shows it", () => {
  for (const s of SCREENS) {
    const g = doc.element(screenId(s));
    expect(g.type).toBe("g");
    expect(g.style.display).toBe("none");
  }
});

test("everything that takes a tap is inside the screen and at least 40 px each way", () => {
  const tappable = doc.root.find((e) => e.takesTouches);
  expect(tappable.length).toBeGreaterThan(KEY_COUNT);
  for (const e of tappable) {
    expect(e.type).toBe("rect");
    expect(e.x).toBeGreaterThanOrEqual(0);
    expect(e.y).toBeGreaterThanOrEqual(0);
    expect(e.x + e.width).toBeLessThanOrEqual(SIZE);
    expect(e.y + e.height).toBeLessThanOrEqual(SIZE);
    expect(Math.min(e.width, e.height)).toBeGreaterThanOrEqual(40);
  }
});

test("within a screen, no two tappable elements overlap", () => {
  for (const s of SCREENS) {
    const rects = doc.element(screenId(s)).find((e) => e.takesTouches);
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i].getBBox();
        const b = rects[j].getBBox();
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap ? `${rects[i].id} overlaps ${rects[j].id}` : "").toBe("");
      }
  }
});

test("keys are in reading order: row by row, left to right", () => {
  for (let i = 1; i < KEY_COUNT; i++) {
    const a = doc.element(keyId(i - 1));
    const b = doc.element(keyId(i));
    expect(b.y > a.y || (b.y === a.y && b.x > a.x)).toBe(true);
  }
});

test("text elements hold the longest text put in them", () => {
  const needs: [string, number][] = [
    [ID.title, TITLE_CHARS],
    [ID.titleWarn, TITLE_CHARS],
    [ID.startUser, L.MAX_NAME_LENGTH],
    [ID.startReason, L.MAX_TEXT_LENGTH],
    [ID.field, FIELD_CHARS],
    [ID.busyLabel, L.MAX_LABEL_LENGTH],
    [ID.newpwText, "Choose a new password for .".length + L.MAX_NAME_LENGTH + 1 + L.MAX_POLICY_LENGTH],
    [ID.newpwError, L.MAX_TEXT_LENGTH],
    [ID.codeField, L.MAX_CODE_LENGTH],
    [ID.codeInfo, Math.max(L.MAX_TEXT_LENGTH, "Sent to ".length + L.MAX_DESTINATION_LENGTH)],
    [ID.statusUser, L.MAX_NAME_LENGTH],
    [ID.statusEmail, L.MAX_NAME_LENGTH],
    [ID.statusUntil, "Valid until Sep 30, 23:59".length],
    [ID.statusRefreshed, "Refreshed Sep 30, 23:59".length],
    [ID.statusChecked, "Checked with Cognito Sep 30, 23:59".length],
    [ID.errorText, L.MAX_TEXT_LENGTH],
    [ID.retryLabel, "Retry".length],
    ["opt-0-t", Math.max(L.MAX_OPTION_LENGTH, "Authenticator app".length)],
  ];
  for (const [id, length] of needs) expect([id, doc.element(id).textCapacity >= length]).toEqual([id, true]);
});
