// The view itself: every screen fits the 336 × 336 display, keys do not overlap, and each text
// element can hold the longest text the app puts in it (the device would cut it otherwise), measured
// with the words of app/i18n/en-US.po.
import { readFileSync } from "fs";
import * as L from "../../common/limits";
import { ID, KEY_COUNT, SCREENS, keyId, optionLabelId, screenId } from "../../core/watch";
import { MESSAGES_FILE, parsePo } from "../../devkit/messages";
import { FIELD_CHARS, TITLE_CHARS } from "../../core/watch";
import { createDocument } from "../../devkit/fakes/device/document";

const doc = createDocument();
const SIZE = 336;

test("every screen is a group hidden until the app shows it", () => {
  for (const s of SCREENS) {
    const g = doc.element(screenId(s));
    expect(g.type).toBe("g");
    expect(g.style.display).toBe("none");
  }
});

test("a screen has one name: its group is screen-<name>, the ids in it <name>-<part> (core/watch/ids.ts)", () => {
  const groups = doc.root.find((e) => e.id.startsWith("screen-")).map((g) => g.id);
  expect(groups.sort()).toEqual(SCREENS.map(screenId).sort());
  for (const s of SCREENS) {
    const ids = doc
      .element(screenId(s))
      .find((e) => e.id !== "")
      .map((e) => e.id);
    expect(ids.filter((id) => !id.startsWith(s + "-"))).toEqual([]);
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

test("where a finger that taps a button lands on the next screen: the cases the tap guard is tested on", () => {
  const under = (button: string, target: string) => {
    const b = doc.element(button).getBBox();
    const t = doc.element(target).getBBox();
    const [x, y] = [(b.left + b.right) / 2, (b.top + b.bottom) / 2];
    return t.left <= x && x <= t.right && t.top <= y && y <= t.bottom;
  };
  // "Sign out" → "Everywhere" (tests/e2e/preview.test.ts taps there twice); "Sign in" → a key.
  expect(under(ID.signOut, ID.everywhere)).toBe(true);
  expect(under(ID.signIn, keyId(24))).toBe(true);
  // The new buttons that open the keyboard have a key under them too: what the guard keeps from typing.
  expect(under(ID.answerGo, keyId(24))).toBe(true);
});

test("keys are in reading order: row by row, left to right", () => {
  for (let i = 1; i < KEY_COUNT; i++) {
    const a = doc.element(keyId(i - 1));
    const b = doc.element(keyId(i));
    expect(b.y > a.y || (b.y === a.y && b.x > a.x)).toBe(true);
  }
});

describe("text elements hold the longest text put in them", () => {
  const po = parsePo(readFileSync(MESSAGES_FILE, "utf8"));
  const words = (id: string) => po[id].length;
  const longest = (ids: string[]) => Math.max(...ids.map(words));
  // A note from the companion may be any message, with a detail of Cognito's own words after a space.
  const anyWords = longest(Object.keys(po));
  const note = anyWords + 1 + L.MAX_DETAIL_LENGTH;
  const time = "Sep 30, 23:59".length;
  const withValue = (ids: string[], value: number) => longest(ids) + 1 + value;
  const options = Object.keys(po).filter((id) => /^[A-Z_]+$/.test(id)); // looked up by Cognito's names

  const needs: [string, number][] = [
    [ID.title, TITLE_CHARS],
    [ID.titleWarn, TITLE_CHARS],
    [ID.signedOutUser, Math.max(L.MAX_NAME_LENGTH, words("noUsername"))],
    [ID.signedOutReason, note],
    [ID.field, FIELD_CHARS],
    [ID.showLabel, longest(["show", "hide"])],
    [ID.busyLabel, anyWords], // the companion's label may be any message
    [ID.newPasswordText, withValue(["newPasswordFor"], L.MAX_NAME_LENGTH) + ". ".length + L.MAX_POLICY_LENGTH],
    [ID.newPasswordError, note],
    [ID.codeField, L.MAX_CODE_LENGTH],
    // why a code was not taken, where it went, what to do first, or the question the digits answer
    [ID.codeInfo, Math.max(note, withValue(["sentTo"], L.MAX_DESTINATION_LENGTH), words("addKeyFromPhone"), L.MAX_PROMPT_LENGTH, anyWords)],
    // a Lambda's prompt, or the words of any message ID (`ask`)
    [ID.answerText, Math.max(L.MAX_PROMPT_LENGTH, anyWords)],
    [ID.answerError, note],
    [ID.signedInUser, L.MAX_NAME_LENGTH],
    [ID.signedInEmail, L.MAX_NAME_LENGTH],
    [ID.signedInUntil, withValue(["validUntil", "expiredAt"], time)],
    [ID.signedInRefreshed, withValue(["refreshedAt"], time)],
    [ID.signedInChecked, withValue(["checkedAt"], time)],
    [ID.errorText, note],
    [ID.retryLabel, longest(["retry", "ok"])],
    ...Array.from({ length: L.MAX_OPTIONS }, (_, i): [string, number] => [
      optionLabelId(i),
      Math.max(L.MAX_OPTION_LENGTH, longest(options)),
    ]),
  ];
  test.each(needs)("#%s: %i characters", (id, length) => {
    expect(doc.element(id).textCapacity).toBeGreaterThanOrEqual(length);
  });

  test("the title line is measured in characters that fit it", () => {
    // Titles are cut to TITLE_CHARS; the watch's own titles are never cut.
    const titles = [
      "appName",
      "phoneNotConnected",
      "setUpOnPhone",
      "signInTitle",
      "busyTitle",
      "newPasswordNeeded",
      "usernameTitle",
      "passwordTitle",
      "newPasswordTitle",
      "repeatNewPassword",
      "totpCode",
      "smsCode",
      "emailCode",
      "secondStep",
      "signInWith",
      "answerNeeded",
      "answerTitle",
      "setupCode",
      "resetCode",
      "setUpSecondStep",
      "signedInTitle",
      "signOutQuestion",
      "errorTitle",
      "typeUsername",
      "typePassword",
      "passwordsDiffer",
      "typeWholeCode",
      "typeAnswer",
    ];
    expect(longest(titles)).toBeLessThanOrEqual(TITLE_CHARS);
    expect(withValue(["maxLength"], String(L.MAX_PASSWORD_LENGTH).length)).toBeLessThanOrEqual(TITLE_CHARS);
  });
});
