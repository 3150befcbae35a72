// Issue 13's flows driven from the settings page on the phone, end to end: the real page writes into
// settingsStorage, the real companion takes each request (and removes it at once), signs in against
// cognito-local and the sandbox in front of it (MFA set-up, password reset, custom challenges, remembered
// devices), and the page shows what the companion wrote back: the status, and the authenticator's key
// while, and only while, it is being set up.
import { REQUEST, SETTING, SETUP_KEY, STATUS_KEY } from "../../common/settings-keys";
import { View } from "../../common/protocol";
import { startCompanion, Companion } from "../../core/signin";
import { createChannel } from "../../devkit/fakes/channel";
import { LiveStorage, MemoryStorage, WITHHELD } from "../../devkit/phone-storage";
import { Node, button, findAll, inputFor, loadSettingsPage, pageSide, texts } from "../../devkit/fakes/settings/page";
import { cognitoAdmin, CognitoAdmin, customAuthLambdas, DeviceConfiguration, ExplicitAuthFlow } from "../../sandbox/cognito-admin";
import { CognitoLocal, startCognitoLocal } from "../../sandbox/cognito-local";
import { lastCode } from "../../sandbox/last-code";
import { totpFromBase32 } from "../../sandbox/totp";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
const companions: Companion[] = [];

beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
});
afterAll(() => emulator?.stop());
afterEach(() => companions.splice(0).forEach((c) => c.session.dispose()));

const render = loadSettingsPage();
const FLOWS: ExplicitAuthFlow[] = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"];

async function pool(name: string, options: { devices?: DeviceConfiguration; custom?: Parameters<typeof customAuthLambdas>[0] } = {}) {
  const { userPoolId } = await admin.createUserPool({
    name,
    deviceConfiguration: options.devices,
    lambdaConfig: options.custom && customAuthLambdas(options.custom),
  });
  const { clientId } = await admin.createUserPoolClient({ userPoolId, name: `${name}-app`, explicitAuthFlows: FLOWS });
  return { userPoolId, clientId };
}

let count = 0;
async function user(p: { userPoolId: string }) {
  const username = `page${++count}`;
  const password = `Page${count}Password`;
  await admin.adminCreateUser({
    userPoolId: p.userPoolId,
    username,
    temporaryPassword: `Temp${count}pass`,
    attributes: { email: `${username}@example.com`, email_verified: "true" },
  });
  await admin.adminSetUserPassword({ userPoolId: p.userPoolId, username, password, permanent: true });
  return { username, password };
}

/** The companion on a phone whose settings page has been filled in (TextInputs store `{"name": …}`). */
function phone(p: { userPoolId: string; clientId: string }, settings: { [key: string]: string }) {
  const storage = new LiveStorage();
  const logs: string[] = [];
  const companion = startCompanion({
    peerSocket: createChannel().companion,
    settingsStorage: storage,
    localStorage: new MemoryStorage(),
    log: (line) => logs.push(line),
    timers: { set: (fn, ms) => setTimeout(fn, ms).unref(), clear: (t) => clearTimeout(t as NodeJS.Timeout) },
  });
  companions.push(companion);
  const all: { [key: string]: string } = {
    [SETTING.userPoolId]: p.userPoolId,
    [SETTING.clientId]: p.clientId,
    [SETTING.endpoint]: emulator.endpoint,
    ...settings,
  };
  for (const key of Object.keys(all)) storage.fromPage(key, JSON.stringify({ name: all[key] }));
  /** The page as the phone draws it now; its buttons write as the page does. */
  const page = (): Node => render({ settings: storage.snapshot(), settingsStorage: pageSide(storage) });
  /** What the wearer types into the page's field for `key` and saves. */
  const type = (key: string, value: string) => {
    expect(inputFor(page(), key)).toBeDefined();
    storage.fromPage(key, JSON.stringify({ name: value }));
    expect(storage.getItem(key)).toBeNull(); // taken the moment it was written
  };
  const status = (): View => JSON.parse(storage.getItem(STATUS_KEY) || "{}");
  const until = async (check: (v: View) => boolean, what: string, ms = 8000) => {
    const deadline = Date.now() + ms;
    while (!check(status())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(status())} ${logs.join(" / ")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  /** Nothing typed on the page is left in settingsStorage, written back by the companion, or logged (the
   *  history's record of the page's own writes of a request aside). */
  const requestKeys: string[] = Object.values(REQUEST);
  const keptNowhere = (...secrets: string[]) => {
    const seen = JSON.stringify({
      settings: storage.snapshot(),
      history: storage.history.filter((h) => h.value !== WITHHELD && requestKeys.indexOf(h.key) < 0),
      logs,
    });
    for (const secret of secrets) expect(seen).not.toContain(secret);
  };
  return { storage, companion, page, type, status, until, keptNowhere };
}

test('"Remember this watch": the companion stores the default it reads, so the Toggle shows it; a "false" stays', async () => {
  const p = await pool("page-remember");
  const fresh = phone(p, {});
  expect(fresh.storage.getItem(SETTING.rememberDevice)).toBe("true");
  // Settings cleared wholesale: the default again.
  fresh.storage.clear();
  fresh.storage.fromPage(null as unknown as string, null); // what Fitbit reports for clear(): a change of no key
  expect(fresh.storage.getItem(SETTING.rememberDevice)).toBe("true");

  const off = new LiveStorage();
  off.fromPage(SETTING.rememberDevice, "false");
  companions.push(startCompanion({ peerSocket: createChannel().companion, settingsStorage: off, localStorage: new MemoryStorage() }));
  expect(off.getItem(SETTING.rememberDevice)).toBe("false");
});

test("an authenticator app set up from the page: the key shown while asked for, its first code typed here, then gone", async () => {
  const p = await pool("page-setup");
  const u = await user(p);
  await admin.setUserPoolMfaConfig({ userPoolId: p.userPoolId, mfa: "ON", softwareToken: true });
  const s = phone(p, { [SETTING.username]: u.username, [SETTING.flow]: "password" });
  await s.until((v) => v.s === "signedOut", "signed out");
  expect(findAll(s.page(), (n) => n.type === "Link")).toHaveLength(0);

  s.type(REQUEST.password, u.password);
  await s.until((v) => v.s === "code" && v.kind === "setup", "the set-up's code");
  const written = JSON.parse(s.storage.getItem(SETUP_KEY)!);
  const tree = s.page();
  expect(texts(tree)[0]).toMatch(/^Enter the first code your authenticator app shows/);
  expect(findAll(tree, (n) => n.type === "Link")[0].props.source).toBe(written.uri);
  expect(written.uri).toMatch(/^otpauth:\/\/totp\//);
  expect(texts(tree)).toContain(written.secret);
  expect(written.secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);

  // A wrong code: asked again, the key still there.
  const right = totpFromBase32(written.secret.replace(/ /g, ""));
  s.type(REQUEST.code, String((Number(right) + 500000) % 1000000).padStart(6, "0"));
  await s.until((v) => v.s === "code" && !!v.error, "the wrong code's note");
  expect(s.storage.getItem(SETUP_KEY)).not.toBeNull();

  s.type(REQUEST.code, totpFromBase32(written.secret.replace(/ /g, "")));
  await s.until((v) => v.s === "signedIn", "signed in");
  expect(s.storage.getItem(SETUP_KEY)).toBeNull();
  expect(texts(s.page())).not.toContain("Set up your authenticator app");
  s.keptNowhere(u.password);
});

test("an authenticator set-up cancelled from the page takes its key with it", async () => {
  const p = await pool("page-setup-cancel");
  const u = await user(p);
  await admin.setUserPoolMfaConfig({ userPoolId: p.userPoolId, mfa: "ON", softwareToken: true });
  const s = phone(p, { [SETTING.username]: u.username, [SETTING.flow]: "password" });
  s.type(REQUEST.password, u.password);
  await s.until((v) => v.s === "code" && v.kind === "setup", "the set-up's code");
  expect(s.storage.getItem(SETUP_KEY)).not.toBeNull();
  button(s.page(), "Cancel")!.props.onClick();
  await s.until((v) => v.s === "signedOut", "signed out");
  expect(s.storage.getItem(SETUP_KEY)).toBeNull();
});

test('"Forgot password?" on the page: the code sent by email, typed here, a new password, signed in with it', async () => {
  const p = await pool("page-reset");
  const u = await user(p);
  const s = phone(p, { [SETTING.username]: u.username, [SETTING.flow]: "srp" });
  await s.until((v) => v.s === "signedOut", "signed out");
  button(s.page(), "Forgot password?")!.props.onClick();
  expect(s.storage.getItem(REQUEST.forgot)).toBeNull();
  await s.until((v) => v.s === "code" && v.kind === "reset", "the reset's code");
  expect(texts(s.page())[0]).toMatch(/^Enter the password reset code sent to .*\*\*\*.*\.$/);

  s.type(REQUEST.code, await lastCode(emulator.endpoint, p.userPoolId, u.username));
  await s.until((v) => v.s === "newPassword", "the new password");
  s.type(REQUEST.newPassword, "Reset9-Password");
  await s.until((v) => v.s === "signedIn", "signed in");
  s.keptNowhere("Reset9-Password");
});

test("a custom challenge answered on the page: the Lambda's question, a wrong answer, the right one", async () => {
  const p = await pool("page-question", { custom: "question" });
  const u = await user(p);
  const s = phone(p, { [SETTING.username]: u.username, [SETTING.flow]: "customSrp" });
  s.type(REQUEST.password, u.password);
  await s.until((v) => v.s === "answer", "the question");
  expect(texts(s.page())[0]).toBe("Name of your first pet?");
  expect(inputFor(s.page(), REQUEST.code)).toBeUndefined();

  // A wrong answer: the Lambda asks again (a new CUSTOM_CHALLENGE), so the page shows the question anew.
  const before = s.storage.history.length;
  s.type(REQUEST.answer, "tiddles");
  const statusesSince = () =>
    s.storage.history
      .slice(before)
      .filter((h) => h.key === STATUS_KEY && typeof h.value === "string")
      .map((h) => JSON.parse(h.value as string).s);
  await s.until(() => statusesSince().join(",").indexOf("busy,answer") >= 0, "the question again");
  expect(s.status()).toMatchObject({ s: "answer", prompt: "Name of your first pet?" });
  s.type(REQUEST.answer, "rex");
  await s.until((v) => v.s === "signedIn", "signed in");
  s.keptNowhere(u.password, "tiddles");
});

test("client metadata typed on the page reaches the pool's Lambdas", async () => {
  const p = await pool("page-metadata", { custom: "metadata" });
  const u = await user(p);
  const s = phone(p, { [SETTING.username]: u.username, [SETTING.flow]: "customSrp", [SETTING.clientMetadata]: "tenant=acme, app=watch" });
  expect(texts(s.page()).join("\n")).not.toMatch(/Check the/);
  s.type(REQUEST.password, u.password);
  await s.until((v) => v.s === "answer", "the question");
  expect(texts(s.page())[0]).toBe("Type the name of your organisation");
  s.type(REQUEST.answer, "acme");
  await s.until((v) => v.s === "signedIn", "signed in");
});

test('a remembered watch: "Sign out and forget this watch" on the page makes Cognito forget it', async () => {
  const p = await pool("page-forget", { devices: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } });
  const u = await user(p);
  const s = phone(p, { [SETTING.username]: u.username, [SETTING.flow]: "srp" });
  s.type(REQUEST.password, u.password);
  await s.until((v) => v.s === "signedIn", "signed in");
  expect(s.status()).toMatchObject({ device: true });
  button(s.page(), "Sign out and forget this watch")!.props.onClick();
  expect(s.storage.getItem(REQUEST.signOutForget)).toBeNull();
  await s.until((v) => v.s === "signedOut", "signed out");
  expect(s.status()).toMatchObject({ reason: { m: "signedOutForgotten" } });
});

test("a passwordless sign-in from the page: a Sign in button (no password field), the Lambda's code, signed in", async () => {
  const p = await pool("page-passwordless", { custom: "code" });
  const u = await user(p);
  const s = phone(p, { [SETTING.username]: u.username, [SETTING.flow]: "custom" });
  await s.until((v) => v.s === "signedOut", "signed out");
  expect(inputFor(s.page(), REQUEST.password)).toBeUndefined();
  expect(button(s.page(), "Forgot password?")).toBeUndefined();
  button(s.page(), "Sign in")!.props.onClick();
  await s.until((v) => v.s === "answer", "the Lambda's question");
  expect(s.storage.getItem(REQUEST.signIn)).toBeNull();
  s.type(REQUEST.code, await lastCode(emulator.endpoint, p.userPoolId, u.username));
  await s.until((v) => v.s === "signedIn", "signed in");
});
