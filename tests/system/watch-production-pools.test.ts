// Pools as production configures them, from the watch's screen to the sandbox's Cognito and back: the real
// watch app on the document fake, the real companion, cognito-local with the sandbox's device tracking,
// custom-auth Lambdas, MFA set-up and password reset in front of it. Taps only: what a wearer does.
import { SETTING, SETUP_KEY } from "../../common/settings-keys";
import { ID, optionId, optionLabelId } from "../../core/watch";
import { submitCode, submitText } from "../../devkit/fakes/device/wearer";
import { poolSettings, startWatchSystem, WatchSystem } from "../../devkit/watch-system";
import { cognitoAdmin, CognitoAdmin, customAuthLambdas, DeviceConfiguration, ExplicitAuthFlow } from "../../sandbox/cognito-admin";
import { callCognito } from "../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../sandbox/cognito-local";
import { lastCode } from "../../sandbox/last-code";
import { totpFromBase32 } from "../../sandbox/totp";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
const systems: WatchSystem[] = [];

beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
});
afterAll(() => emulator?.stop());
afterEach(() => systems.splice(0).forEach((s) => s.companion.session.dispose()));

const FLOWS: ExplicitAuthFlow[] = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"];

async function pool(
  name: string,
  options: { devices?: DeviceConfiguration; custom?: Parameters<typeof customAuthLambdas>[0]; seconds?: number } = {},
) {
  const { userPoolId } = await admin.createUserPool({
    name,
    deviceConfiguration: options.devices,
    lambdaConfig: options.custom && customAuthLambdas(options.custom),
  });
  const lifetime = options.seconds ? { value: options.seconds, unit: "seconds" as const } : undefined;
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: `${name}-app`,
    explicitAuthFlows: FLOWS,
    accessToken: lifetime,
    idToken: lifetime,
  });
  return { userPoolId, clientId, endpoint: emulator.endpoint };
}

let count = 0;
async function user(p: { userPoolId: string }, email = true) {
  const username = `wearer${++count}`;
  const password = `Wear${count}Password`;
  await admin.adminCreateUser({
    userPoolId: p.userPoolId,
    username,
    temporaryPassword: `Temp${count}pass`,
    attributes: email ? { email: `${username}@example.com`, email_verified: "true" } : {},
  });
  await admin.adminSetUserPassword({ userPoolId: p.userPoolId, username, password, permanent: true });
  return { username, password };
}

function watchOn(settings: { [key: string]: string }) {
  const s = startWatchSystem(settings);
  systems.push(s);
  return s;
}

/** Sign in on the watch with the password; MFA's code typed when the pad asks. Says whether it asked. */
async function signInByTaps(s: WatchSystem, password: string, code?: () => string): Promise<boolean> {
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, password);
  await s.settle(
    () => s.watch.screen() === "signedIn" || s.watch.screen() === "code",
    () => `neither signed in nor asked a code: ${s.watch.doc.visibleTexts().join(" | ")}`,
  );
  if (s.watch.screen() === "signedIn") return false;
  submitCode(s.watch.doc, code!());
  await s.reach("signedIn");
  return true;
}

async function signOutByTaps(s: WatchSystem, button: string = ID.here) {
  s.watch.doc.tap(ID.signOut);
  await s.reach("signOut");
  await new Promise((r) => setTimeout(r, 350)); // the tap guard of a new screen
  s.watch.doc.tap(button);
  await s.reach("signedOut");
}

describe("remembered devices", () => {
  test("an MFA user: a new device at the first sign-in, refreshes that keep working, no code the second time", async () => {
    const p = await pool("watch-devices", {
      devices: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      seconds: 2,
    });
    await admin.setUserPoolMfaConfig({ userPoolId: p.userPoolId, mfa: "OPTIONAL", softwareToken: true });
    const u = await user(p);
    const { secret } = await admin.enableTotpMfa({ clientId: p.clientId, username: u.username, password: u.password });
    const s = watchOn(poolSettings(p, u.username));
    expect(await signInByTaps(s, u.password, () => totpFromBase32(secret))).toBe(true);
    const state = s.companion.session.state();
    const deviceKey = state.kind === "signedIn" ? state.session.deviceKey : undefined;
    expect(deviceKey).toMatch(/_/);
    // Three refreshes, each with the device's key (the sandbox refuses any other): the session lives on.
    const seen = new Set<number>();
    await s.settle(
      () => {
        const st = s.companion.session.state();
        if (st.kind === "signedIn" && st.session.lastRefreshAt) seen.add(st.session.lastRefreshAt);
        return seen.size >= 3;
      },
      () => `refreshes seen: ${seen.size}; ${s.logs.join(" / ")}`,
      15_000,
    );
    expect(s.watch.screen()).toBe("signedIn");
    expect(s.watch.doc.textOf(ID.signedInRefreshed)).toMatch(/\d\d:\d\d/);
    // Nothing of the device reaches the watch but the fact (the sign-out screen's third choice).
    expect(JSON.stringify(s.channel.log)).not.toContain(deviceKey!);
    await signOutByTaps(s);
    expect(await signInByTaps(s, u.password)).toBe(false);
  }, 30_000);

  test("a device Cognito forgot recovers by itself; 'Forget this watch' makes the next sign-in ask the code again", async () => {
    const p = await pool("watch-forget", { devices: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } });
    await admin.setUserPoolMfaConfig({ userPoolId: p.userPoolId, mfa: "OPTIONAL", softwareToken: true });
    const u = await user(p);
    const { secret } = await admin.enableTotpMfa({ clientId: p.clientId, username: u.username, password: u.password });
    const code = () => totpFromBase32(secret);
    const s = watchOn(poolSettings(p, u.username));
    await signInByTaps(s, u.password, code);
    // Behind the phone's back (another app, an administrator): Cognito forgets the device.
    const st = s.companion.session.state();
    if (st.kind !== "signedIn") throw new Error("not signed in");
    expect(
      (await callCognito(emulator.endpoint, "ForgetDevice", { AccessToken: st.session.accessToken, DeviceKey: st.session.deviceKey })).ok,
    ).toBe(true);
    await signOutByTaps(s);
    // The sign-in names the forgotten device, is told it does not exist, and goes on as a new device.
    expect(await signInByTaps(s, u.password, code)).toBe(true);
    expect(s.logs.join("\n")).toMatch(/no longer knows this device/);
    expect(await (async () => (await signOutByTaps(s), signInByTaps(s, u.password, code)))()).toBe(false);
    // Now on purpose, from the watch.
    await signOutByTaps(s, ID.forget);
    expect(s.watch.doc.textOf(ID.signedOutReason)).toMatch(/no longer remembers this watch/);
    expect(await signInByTaps(s, u.password, code)).toBe(true);
  }, 30_000);
});

describe("custom authentication", () => {
  test("a code challenge: the Lambda's prompt on the pad, a wrong code is another round, the right one signs in", async () => {
    const p = await pool("watch-custom", { custom: "code" });
    const u = await user(p);
    const s = watchOn({ ...poolSettings(p, u.username), [SETTING.flow]: "custom" });
    await s.reach("signedOut");
    s.watch.doc.tap(ID.signIn); // passwordless: no keyboard
    await s.reach("code");
    expect(s.watch.doc.textOf(ID.codeInfo)).toMatch(/code/i);
    const right = await lastCode(emulator.endpoint, p.userPoolId, u.username);
    const sentBefore = s.channel.log.length;
    submitCode(s.watch.doc, right === "000000" ? "111111" : "000000");
    // Another round: the pad again, cleared, and no session.
    await s.settle(
      () => s.watch.screen() === "code" && s.companion.controller.view().s === "answer" && s.channel.log.length > sentBefore + 2,
      () => `not back on the pad: ${s.watch.screen()}`,
    );
    expect(s.companion.session.state().kind).toBe("signedOut");
    expect(s.watch.doc.textOf(ID.codeField)).not.toMatch(/\d/);
    submitCode(s.watch.doc, await lastCode(emulator.endpoint, p.userPoolId, u.username));
    await s.reach("signedIn");
  });

  test("a question on the keyboard, after the password proven by SRP", async () => {
    const p = await pool("watch-question", { custom: "question" });
    const u = await user(p);
    const s = watchOn({ ...poolSettings(p, u.username), [SETTING.flow]: "customSrp" });
    await s.reach("signedOut");
    s.watch.doc.tap(ID.signIn);
    await s.reach("keyboard");
    submitText(s.watch.doc, u.password);
    await s.reach("answer");
    expect(s.watch.doc.textOf(ID.answerText)).toMatch(/pet/i);
    s.watch.doc.tap(ID.answerGo);
    await s.reach("keyboard");
    submitText(s.watch.doc, "rex");
    await s.reach("signedIn");
  });
});

describe("MFA set-up during sign-in", () => {
  test("the key on the phone's settings page, the app's first code on the watch, then signed in; TOTP asked next time", async () => {
    const p = await pool("watch-setup");
    const u = await user(p);
    await admin.setUserPoolMfaConfig({ userPoolId: p.userPoolId, mfa: "ON", softwareToken: true });
    const s = watchOn({ ...poolSettings(p, u.username), [SETTING.flow]: "password" });
    await s.reach("signedOut");
    s.watch.doc.tap(ID.signIn);
    await s.reach("keyboard");
    submitText(s.watch.doc, u.password);
    await s.reach("code");
    const shown = JSON.parse(s.settingsStorage.getItem(SETUP_KEY) || "null");
    expect(shown.uri).toMatch(new RegExp(`^otpauth://totp/fitbit-cognito:${u.username}\\?secret=[A-Z2-7]+&issuer=fitbit-cognito$`));
    const secret = shown.secret.replace(/ /g, "");
    submitCode(s.watch.doc, totpFromBase32(secret));
    await s.reach("signedIn");
    expect(s.settingsStorage.getItem(SETUP_KEY)).toBeNull();
    await signOutByTaps(s);
    expect(await signInByTaps(s, u.password, () => totpFromBase32(secret))).toBe(true);
  });
});

describe("password reset", () => {
  test("Forgot password? on the watch: the code sent by email, a new password twice, signed in with it", async () => {
    const p = await pool("watch-reset");
    const u = await user(p);
    const s = watchOn({ ...poolSettings(p, u.username), [SETTING.flow]: "srp" });
    await s.reach("signedOut");
    s.watch.doc.tap(ID.forgot);
    await s.reach("code");
    expect(s.watch.doc.textOf(ID.codeInfo)).toMatch(/\*\*\*/);
    submitCode(s.watch.doc, await lastCode(emulator.endpoint, p.userPoolId, u.username));
    await s.reach("newPassword");
    s.watch.doc.tap(ID.newPasswordGo);
    await s.reach("keyboard");
    submitText(s.watch.doc, "Reset1-Password");
    await s.reach("keyboard");
    submitText(s.watch.doc, "Reset1-Password");
    await s.reach("signedIn");
    await signOutByTaps(s);
    expect(await signInByTaps(s, "Reset1-Password")).toBe(false);
  });

  test("a reset an administrator required starts at sign-in", async () => {
    const p = await pool("watch-required");
    const u = await user(p);
    await admin.adminResetUserPassword({ userPoolId: p.userPoolId, username: u.username });
    const s = watchOn({ ...poolSettings(p, u.username), [SETTING.flow]: "password" });
    await s.reach("signedOut");
    s.watch.doc.tap(ID.signIn);
    await s.reach("keyboard");
    submitText(s.watch.doc, u.password);
    await s.reach("code");
    submitCode(s.watch.doc, await lastCode(emulator.endpoint, p.userPoolId, u.username));
    await s.reach("newPassword");
    s.watch.doc.tap(ID.newPasswordGo);
    await s.reach("keyboard");
    submitText(s.watch.doc, "Brand2-NewPass");
    await s.reach("keyboard");
    submitText(s.watch.doc, "Brand2-NewPass");
    await s.reach("signedIn");
  });
});
