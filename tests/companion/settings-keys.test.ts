// Every shape a settings value takes on the phone reads as the string it stands for.
import { REQUEST, SETTING, SETUP_KEY, STATUS_KEY, settingText, settingValue } from "../../common/settings-keys";

test("TextInput, Select, plain JSON and raw strings", () => {
  expect(settingText(JSON.stringify({ name: " eu-west-1_Ab1 " }))).toBe("eu-west-1_Ab1");
  expect(settingText(JSON.stringify({ selected: [1], values: [{ name: "ID token", value: "id" }] }))).toBe("id");
  expect(settingText(JSON.stringify({ selected: [0], values: [{ name: "srp" }] }))).toBe("srp");
  expect(settingText(JSON.stringify("1732600000000"))).toBe("1732600000000");
  expect(settingText("raw text")).toBe("raw text");
  expect(settingText(null)).toBe("");
  expect(settingText(JSON.stringify({ other: 1 }))).toBe("");
});

test('a Toggle\'s "true" and "false" read as those words (core/signin/config.ts compares with "false")', () => {
  expect(settingText("true")).toBe("true");
  expect(settingText("false")).toBe("false");
  expect(settingText(JSON.stringify(false))).toBe("false");
});

test("every key is one key's only: a request is never taken for a setting, nor the companion's own for either", () => {
  const all = [...Object.values(SETTING), ...Object.values(REQUEST), STATUS_KEY, SETUP_KEY];
  expect(new Set(all).size).toBe(all.length);
});

test("passwords keep their spaces", () => {
  expect(settingValue(JSON.stringify({ name: " pass word " }))).toBe(" pass word ");
  expect(settingText(JSON.stringify({ name: " pass word " }))).toBe("pass word");
});
