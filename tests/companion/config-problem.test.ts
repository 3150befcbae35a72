// What the companion tells the watch about settings it cannot use (core/signin/config.ts): which one to
// check, as a message ID the watch puts in words. Why it is wrong is the settings page's to say.
import { SETTING } from "../../common/settings-keys";
import { configReader } from "../../core/signin";

const GOOD = { [SETTING.userPoolId]: "eu-west-1_AbC123", [SETTING.clientId]: "abc123" };

function problemOf(settings: { [key: string]: string }) {
  const result = configReader((key) => (settings[key] === undefined ? null : JSON.stringify({ name: settings[key] })))();
  return result.ok ? "usable" : result.problem;
}

test("each setting the companion checks is named by its own message", () => {
  expect(problemOf(GOOD)).toBe("usable");
  expect(problemOf({ ...GOOD, [SETTING.userPoolId]: "eu-west-1AbC123" })).toEqual({ m: "checkPoolId" });
  expect(problemOf({ ...GOOD, [SETTING.clientId]: "has space" })).toEqual({ m: "checkClientId" });
  expect(problemOf({ ...GOOD, [SETTING.clientSecret]: "not/a/secret" })).toEqual({ m: "checkClientSecret" });
  expect(problemOf({ ...GOOD, [SETTING.endpoint]: "http://example.com" })).toEqual({ m: "checkEndpoint" });
});

test("nothing entered yet is no problem to name: the watch asks to set up", () => {
  expect(problemOf({})).toBeUndefined();
  expect(problemOf({ [SETTING.userPoolId]: "eu-west-1_AbC123" })).toBeUndefined();
});
