import { FIELD_CHARS, TITLE_CHARS, codeText, fieldText, fitLine, isSecret, timeText, titleOf } from "../../../core/watch/present";
import { Keyboard, initialState } from "../../../core/watch/state";

const keyboard = (change: Partial<Keyboard>): Keyboard => ({
  s: "keyboard",
  purpose: "password",
  text: "",
  page: 0,
  shown: false,
  peek: 0,
  note: null,
  first: "",
  prepared: false,
  ...change,
});

describe("fieldText", () => {
  test("a password is masked, but for the last character while it peeks", () => {
    expect(fieldText(keyboard({ text: "" }))).toBe("");
    expect(fieldText(keyboard({ text: "abc" }))).toBe("•••");
    expect(fieldText(keyboard({ text: "abc", peek: 3 }))).toBe("••c");
    expect(fieldText(keyboard({ text: "abc", shown: true }))).toBe("abc");
    expect(fieldText(keyboard({ purpose: "username", text: "bob" }))).toBe("bob");
  });

  test("only passwords are masked: a username for a reset and an answer show as typed", () => {
    expect(fieldText(keyboard({ purpose: "resetUser", text: "bob" }))).toBe("bob");
    expect(fieldText(keyboard({ purpose: "answer", text: "Rex" }))).toBe("Rex");
    for (const purpose of ["newPassword", "confirm"] as const) expect(fieldText(keyboard({ purpose, text: "pw" }))).toBe("••");
    expect((["username", "resetUser", "password", "newPassword", "confirm", "answer"] as const).filter(isSecret)).toEqual([
      "password",
      "newPassword",
      "confirm",
    ]);
  });

  test("long text shows its end, to the width of the field", () => {
    const t = fieldText(keyboard({ purpose: "username", text: "abcdefghijklmnopqrstuvwxyz" }));
    expect(t).toHaveLength(FIELD_CHARS);
    expect(t).toBe("…" + "abcdefghijklmnopqrstuvwxyz".slice(-(FIELD_CHARS - 1)));
    expect(fieldText(keyboard({ text: "x".repeat(200), peek: 1 })).endsWith("•x")).toBe(true);
  });
});

test("codeText leaves room for six digits", () => {
  expect(codeText("")).toBe("______");
  expect(codeText("123")).toBe("123___");
  expect(codeText("12345678")).toBe("12345678");
});

test("timeText: the hour today, the date another day (local time)", () => {
  const now = new Date(2026, 0, 5, 9, 30).getTime();
  expect(timeText(new Date(2026, 0, 5, 7, 4).getTime(), now)).toBe("07:04");
  expect(timeText(new Date(2026, 0, 6, 0, 15).getTime(), now)).toBe("Jan 6, 00:15");
  expect(timeText(new Date(2025, 11, 31, 23, 59).getTime(), now)).toBe("Dec 31, 23:59");
});

test("a title names the user as a value after its message, and is cut to the line when it is longer", () => {
  const user = "x".repeat(64);
  const state = { ...initialState(), connected: true, view: { s: "signedOut" as const, user }, screen: keyboard({}) };
  expect(titleOf(state)).toEqual({ note: { m: "passwordFor", x: user }, warn: false });
  const t = fitLine("Password for " + user, TITLE_CHARS);
  expect(t).toHaveLength(TITLE_CHARS);
  expect(t).toBe("Password for " + "x".repeat(TITLE_CHARS - 14) + "…");
  expect(fitLine("Signed in", TITLE_CHARS)).toBe("Signed in");
  expect(fitLine("x".repeat(TITLE_CHARS), TITLE_CHARS)).toBe("x".repeat(TITLE_CHARS));
});
