// What the companion tells the watch about settings it cannot use (core/signin/config.ts): which one to
// check, as a message ID the watch puts in words. Why it is wrong is the settings page's to say.
import { SETTING } from "../../common/settings-keys";
import { configReader } from "../../core/signin";
import { loadSettingsPage, texts } from "../../devkit/fakes/settings/page";

const GOOD: { [key: string]: string } = { [SETTING.userPoolId]: "eu-west-1_AbC123", [SETTING.clientId]: "abc123" };
/** GOOD as the settings page's TextInputs store it. */
const goodAsStored = () => {
  const settings: { [key: string]: string } = {};
  for (const key of Object.keys(GOOD)) settings[key] = JSON.stringify({ name: GOOD[key] });
  return settings;
};

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

// The settings page checks client metadata itself (settings/index.tsx, without the companion's
// controller); it must refuse exactly what the companion refuses, or the page would call good what the
// watch then calls wrong.
test("client metadata: the settings page and the companion refuse the same texts", () => {
  const render = loadSettingsPage();
  const pageSays = (metadata: string) => {
    const settings = goodAsStored();
    settings[SETTING.clientMetadata] = JSON.stringify({ name: metadata });
    return texts(render({ settings, settingsStorage: { setItem: () => undefined } })).join("\n");
  };
  const seventeen = Array.from({ length: 17 }, (_, i) => `k${i}=v`).join(",");
  const cases: [string, boolean][] = [
    ["", true],
    ["tenant=acme", true],
    [" tenant = acme , app = watch ", true],
    ["a=b=c", true],
    [",,tenant=acme,", true],
    ['{"tenant":"acme","app":"watch"}', true],
    ["{}", true],
    [seventeen.replace(/,k16=v$/, ""), true],
    ["tenant", false],
    ["=acme", false],
    ["{tenant:acme}", false],
    ['{"n":1}', false],
    ['{"n":{"deep":"x"}}', false],
    ["k=" + "x".repeat(257), false],
    ["k".repeat(65) + "=v", false],
    ["my key=v", false],
    [seventeen, false],
  ];
  for (const [metadata, good] of cases) {
    const problem = problemOf({ ...GOOD, [SETTING.clientMetadata]: metadata });
    expect([metadata, problem]).toEqual([metadata, good ? "usable" : { m: "checkClientMetadata" }]);
    expect([metadata, /Check the client metadata/.test(pageSays(metadata))]).toEqual([metadata, !good]);
  }
});

// A Toggle stores "true" or "false" (JSON booleans as text); before the wearer touches it, nothing.
test('"Remember this watch": on unless the Toggle stored "false"', () => {
  const remember = (raw: string | undefined) => {
    const settings = goodAsStored();
    if (raw !== undefined) settings[SETTING.rememberDevice] = raw;
    const result = configReader((key) => (settings[key] === undefined ? null : settings[key]))();
    if (!result.ok) throw new Error("the settings should be usable");
    return result.config.rememberDevice;
  };
  expect(remember(undefined)).toBe(true);
  expect(remember("true")).toBe(true);
  expect(remember("false")).toBe(false);
  expect(remember(JSON.stringify(false))).toBe(false);
  expect(remember(JSON.stringify(true))).toBe(true);
});
