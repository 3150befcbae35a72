// Remembered devices with our own client and session keeper, against the sandbox's device tracking in front
// of cognito-local (proven on its own by amazon-cognito-identity-js in tests/node/sandbox/cognito-devices.test.ts):
// the new device confirmed with our verifier, the session refreshed with its key across many expiries of
// second-long tokens, an MFA user's second sign-in proved by the device (no code), a device Cognito forgot
// recovered by itself, and a device forgotten on purpose. Every request checked as it went on the wire.
import { CognitoClient, cognitoClient, SignInStep } from "../../core/cognito";
import {
  DeviceBook,
  deviceBook,
  sessionFromSignIn,
  sessionManager,
  settleDevice,
  signInWithDevice,
  forgetSessionDevice,
} from "../../core/session";
import { memoryStore } from "../../devkit/simulation/memory-store";
import { cognitoAdmin, CognitoAdmin, DeviceConfiguration } from "../../sandbox/cognito-admin";
import { callCognito } from "../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../sandbox/cognito-local";
import { totpFromBase32 } from "../../sandbox/totp";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
let always: { userPoolId: string; clientId: string };
let optIn: { userPoolId: string; clientId: string };

async function pool(name: string, deviceConfiguration: DeviceConfiguration) {
  const { userPoolId } = await admin.createUserPool({ name, deviceConfiguration });
  await admin.setUserPoolMfaConfig({ userPoolId, mfa: "OPTIONAL", softwareToken: true });
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: `${name}-app`,
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    accessToken: { value: 1, unit: "seconds" },
    idToken: { value: 1, unit: "seconds" },
  });
  return { userPoolId, clientId };
}

beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
  always = await pool("always", { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
  optIn = await pool("opt-in", { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
});
afterAll(() => emulator?.stop());

let count = 0;
async function mfaUser(p: { userPoolId: string; clientId: string }) {
  const username = `dev${++count}`;
  const password = `Dev-${count}-Password`;
  await admin.adminCreateUser({ userPoolId: p.userPoolId, username, temporaryPassword: `Temp${count}pass` });
  await admin.adminSetUserPassword({ userPoolId: p.userPoolId, username, password, permanent: true });
  const { secret } = await admin.enableTotpMfa({ clientId: p.clientId, username, password });
  return { username, password, code: () => totpFromBase32(secret) };
}

/** Our client on `p`, recording the action and the body of every request. */
function clientOn(p: { userPoolId: string; clientId: string }) {
  const sent: { action: string; body: any }[] = [];
  const client = cognitoClient({
    userPoolId: p.userPoolId,
    clientId: p.clientId,
    endpoint: emulator.endpoint,
    deviceName: "Test watch",
    fetch: (url, init) => {
      sent.push({ action: init.headers["X-Amz-Target"].split(".")[1], body: JSON.parse(init.body) });
      return fetch(url, init);
    },
  });
  return { client, sent, actions: () => sent.map((s) => s.action) };
}

/** A whole sign-in as the companion makes it: the device named, MFA answered when asked, the device settled. */
async function signIn(
  client: CognitoClient,
  book: DeviceBook,
  user: { username: string; password: string; code: () => string },
  remember = true,
) {
  let step: SignInStep = await signInWithDevice(client, book, user.username, user.password, { flow: "srp" }, () => undefined);
  let askedCode = false;
  if (step.kind === "challenge" && step.pending.challenge.name === "SOFTWARE_TOKEN_MFA") {
    askedCode = true;
    step = await client.respond(step.pending, { name: "SOFTWARE_TOKEN_MFA", code: user.code() });
  }
  if (step.kind !== "signedIn") throw new Error(`not signed in: ${step.pending.challenge.name}`);
  const deviceKey = await settleDevice(client, book, user.username, step, { remember, deviceName: "Test watch" }, () => undefined);
  return { session: sessionFromSignIn(client.config, user.username, step.tokens, deviceKey), askedCode };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("an MFA user on an always-remembering pool: confirmed device, refreshes across expiries, no code the second time", async () => {
  const user = await mfaUser(always);
  const { client, sent, actions } = clientOn(always);
  const store = memoryStore();
  const book = deviceBook(store);
  const first = await signIn(client, book, user);
  expect(first.askedCode).toBe(true);
  expect(actions()).toEqual(["InitiateAuth", "RespondToAuthChallenge", "RespondToAuthChallenge", "ConfirmDevice"]);
  const device = book.find(always.userPoolId, user.username)!;
  expect(device.deviceKey).toBe(first.session.deviceKey);
  expect(sent[3].body).toMatchObject({ DeviceKey: device.deviceKey, DeviceName: "Test watch" });
  // Never on the wire: the device's password (only its verifier is).
  expect(JSON.stringify(sent)).not.toContain(device.randomPassword);

  // The session keeper refreshes with the device's key; second-long tokens expire between refreshes.
  const session = sessionManager({ store, client: () => client, log: () => undefined });
  await session.adopt(first.session);
  const accessTokens = new Set<string>();
  for (let i = 0; i < 5; i++) {
    await sleep(1100);
    const s = await session.freshSession();
    accessTokens.add(s.accessToken);
  }
  expect(accessTokens.size).toBe(5);
  const refreshes = sent.filter((s) => s.action === "InitiateAuth" && s.body.AuthFlow === "REFRESH_TOKEN_AUTH");
  expect(refreshes.length).toBeGreaterThanOrEqual(5);
  for (const r of refreshes) expect(r.body.AuthParameters.DEVICE_KEY).toBe(device.deviceKey);
  await session.signOut(false);
  session.dispose();

  // The second sign-in names the device: Cognito asks the device, not the wearer, for proof.
  sent.length = 0;
  const second = await signIn(client, book, user);
  expect(second.askedCode).toBe(false);
  expect(actions()).toEqual(["InitiateAuth", "RespondToAuthChallenge", "RespondToAuthChallenge", "RespondToAuthChallenge"]);
  expect(sent[0].body.AuthParameters.DEVICE_KEY).toBe(device.deviceKey);
  expect(sent[1].body).toMatchObject({ ChallengeName: "PASSWORD_VERIFIER", ChallengeResponses: { DEVICE_KEY: device.deviceKey } });
  expect(sent[2].body).toMatchObject({ ChallengeName: "DEVICE_SRP_AUTH", ChallengeResponses: { DEVICE_KEY: device.deviceKey } });
  expect(sent[3].body).toMatchObject({ ChallengeName: "DEVICE_PASSWORD_VERIFIER", ChallengeResponses: { DEVICE_KEY: device.deviceKey } });
  expect(second.session.deviceKey).toBe(device.deviceKey);
});

test("without the device's key the same refresh token is refused: the key is what keeps the session", async () => {
  const user = await mfaUser(always);
  const { client } = clientOn(always);
  const first = await signIn(client, deviceBook(memoryStore()), user);
  await expect(client.refresh(first.session.refreshToken, first.session.username)).rejects.toMatchObject({
    type: "NotAuthorizedException",
  });
  await expect(client.refresh(first.session.refreshToken, first.session.username, first.session.deviceKey)).resolves.toBeDefined();
});

test("a device Cognito forgot behind the phone's back: the next sign-in forgets it too and goes on without it", async () => {
  const user = await mfaUser(always);
  const { client, sent } = clientOn(always);
  const book = deviceBook(memoryStore());
  const first = await signIn(client, book, user);
  const gone = first.session.deviceKey!;
  const forgot = await callCognito(emulator.endpoint, "ForgetDevice", { AccessToken: first.session.accessToken, DeviceKey: gone });
  expect(forgot.ok).toBe(true);
  sent.length = 0;
  const again = await signIn(client, book, user);
  expect(again.askedCode).toBe(true);
  expect(sent[0].body.AuthParameters.DEVICE_KEY).toBe(gone);
  expect(sent.filter((s) => s.action === "InitiateAuth").map((s) => s.body.AuthParameters.DEVICE_KEY)).toEqual([gone, undefined]);
  expect(again.session.deviceKey).toBeDefined();
  expect(again.session.deviceKey).not.toBe(gone);
  expect(book.find(always.userPoolId, user.username)!.deviceKey).toBe(again.session.deviceKey);
});

test("forgotten on purpose (ForgetDevice): gone from the phone and from Cognito, so MFA is asked again", async () => {
  const user = await mfaUser(always);
  const { client } = clientOn(always);
  const book = deviceBook(memoryStore());
  const first = await signIn(client, book, user);
  await forgetSessionDevice(() => Promise.resolve(first.session), client, book);
  expect(book.find(always.userPoolId, user.username)).toBeUndefined();
  const listed = await callCognito<any>(emulator.endpoint, "ListDevices", { AccessToken: first.session.accessToken });
  expect(listed.ok && listed.body.Devices).toEqual([]);
  expect((await signIn(client, book, user)).askedCode).toBe(true);
});

test("user opt-in: remembered when the setting says so (UpdateDeviceStatus), else MFA stays", async () => {
  const yes = await mfaUser(optIn);
  const a = clientOn(optIn);
  const bookA = deviceBook(memoryStore());
  await signIn(a.client, bookA, yes, true);
  expect(a.actions()).toContain("UpdateDeviceStatus");
  expect((await signIn(a.client, bookA, yes)).askedCode).toBe(false);

  const no = await mfaUser(optIn);
  const b = clientOn(optIn);
  const bookB = deviceBook(memoryStore());
  const first = await signIn(b.client, bookB, no, false);
  expect(b.actions()).not.toContain("UpdateDeviceStatus");
  // Not remembered, yet confirmed: the refresh token still goes with the device's key.
  await expect(b.client.refresh(first.session.refreshToken, first.session.username, first.session.deviceKey)).resolves.toBeDefined();
  expect((await signIn(b.client, bookB, no, false)).askedCode).toBe(true);
});
