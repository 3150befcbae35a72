// Remembered devices through the real `fitbit-cognito` binary, against the sandbox's device-tracking pool
// (seedDemo's `devices`: "always" remembered, a remembered device stands in for TOTP), with a recording
// proxy in front to see what went on the wire: the device confirmed and kept in the session file, its key
// on every refresh (the sandbox refuses a refresh without it), MFA skipped on the second login, forgotten
// by logout --forget-device or behind the CLI's back, and the user's choice on a pool that asks it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CognitoAdmin, cognitoAdmin } from "../../../sandbox/cognito-admin";
import { callCognito } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { seedDemo } from "../../../sandbox/seed-demo";
import { totpFromBase32 } from "../../../sandbox/totp";
import { RecordingProxy, startRecordingProxy } from "../../support/recording-proxy";
import { runCli, signInArgs } from "../../support/run-cli";

interface Pool {
  userPoolId: string;
  clientId: string;
  endpoint: string;
}

let emulator: CognitoLocal;
let proxy: RecordingProxy;
let admin: CognitoAdmin;
let dir: string;
/** seedDemo's device-tracking pool, reached through the proxy. */
let devices: Pool;
/** The same pool, through an app client whose access and ID tokens live two seconds. */
let shortLived: Pool;
/** A pool that remembers a device only when the user says so. */
let optIn: Pool;

beforeAll(async () => {
  emulator = await startCognitoLocal();
  proxy = await startRecordingProxy(emulator.endpoint);
  admin = cognitoAdmin(emulator.endpoint);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-devices-"));
  const seed = await seedDemo(emulator.endpoint);
  devices = { userPoolId: seed.devices.userPoolId, clientId: seed.devices.clientId, endpoint: proxy.endpoint };
  const quick = await admin.createUserPoolClient({
    userPoolId: devices.userPoolId,
    name: "two-second-tokens",
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    accessToken: { value: 2, unit: "seconds" },
    idToken: { value: 2, unit: "seconds" },
    refreshToken: { value: 1, unit: "days" },
  });
  shortLived = { userPoolId: devices.userPoolId, clientId: quick.clientId, endpoint: proxy.endpoint };
  const { userPoolId } = await admin.createUserPool({
    name: "opt-in",
    deviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  });
  await admin.setUserPoolMfaConfig({ userPoolId, mfa: "OPTIONAL", softwareToken: true });
  const client = await admin.createUserPoolClient({
    userPoolId,
    name: "opt-in-app",
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  optIn = { userPoolId, clientId: client.clientId, endpoint: proxy.endpoint };
});
afterAll(async () => {
  await proxy?.close();
  await emulator?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let count = 0;
/** A confirmed user of `pool`; with `mfa`, TOTP set up (as a person does in an authenticator app). */
async function newUser(pool: Pool, mfa = false): Promise<{ username: string; password: string; code: () => string }> {
  const username = `dev${++count}`;
  const password = `Dev-${count}-Passw0rd`;
  await admin.adminCreateUser({ userPoolId: pool.userPoolId, username, temporaryPassword: `Temp${count}Pass` });
  await admin.adminSetUserPassword({ userPoolId: pool.userPoolId, username, password, permanent: true });
  if (!mfa) return { username, password, code: () => "000000" };
  const { secret } = await admin.enableTotpMfa({ clientId: pool.clientId, username, password });
  return { username, password, code: () => totpFromBase32(secret) };
}

/** What the session file holds: its session (the newest record's) and its remembered devices. */
function inFile(file: string): { session: any; devices: any[] } {
  const all = JSON.parse(fs.readFileSync(file, "utf8"));
  const records = Object.keys(all)
    .filter((k) => k.startsWith("cognito.session."))
    .map((k) => JSON.parse(all[k]))
    .filter((r) => r.session)
    .sort((a, b) => b.seq - a.seq);
  return { session: records[0] && records[0].session, devices: all["cognito.devices"] ? JSON.parse(all["cognito.devices"]) : [] };
}

/** The requests sent from now on. */
function from(): () => typeof proxy.sent {
  const start = proxy.sent.length;
  return () => proxy.sent.slice(start);
}

const challengesAnswered = (sent: typeof proxy.sent) =>
  sent.filter((r) => r.action === "RespondToAuthChallenge").map((r) => r.body.ChallengeName);

test("login to a device-tracking pool confirms the new device and keeps it in the 0600 session file; the session names its key", async () => {
  const who = await newUser(devices);
  const file = path.join(dir, "first.json");
  const sent = from();
  const login = await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n`);
  expect(login.stderr).toBe("");
  expect(login.code).toBe(0);

  const { session, devices: kept } = inFile(file);
  expect(kept).toEqual([
    {
      pool: devices.userPoolId,
      user: who.username,
      typed: who.username,
      device: { deviceKey: expect.stringMatching(/^local_/), deviceGroupKey: expect.any(String), randomPassword: expect.any(String) },
    },
  ]);
  expect(session.deviceKey).toBe(kept[0].device.deviceKey);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  // The first sign-in had no device to name; Cognito issued one, and the CLI confirmed that one.
  expect(sent().map((r) => r.action)).toEqual(["InitiateAuth", "RespondToAuthChallenge", "ConfirmDevice"]);
  expect(sent()[0].body.AuthParameters.DEVICE_KEY).toBeUndefined();
  expect(sent()[2].body.DeviceKey).toBe(session.deviceKey);
  // The device's password stays in the file: never on the wire, never printed.
  expect(JSON.stringify(sent())).not.toContain(kept[0].device.randomPassword);
  expect(login.stdout + login.stderr).not.toContain(kept[0].device.randomPassword);
});

test("refresh with two-second tokens works expiry after expiry, each time with the device's key", async () => {
  const who = await newUser(shortLived);
  const file = path.join(dir, "refresh.json");
  expect((await runCli(signInArgs(shortLived, who.username, { file }), `${who.password}\n`)).code).toBe(0);
  const { session } = inFile(file);
  expect(session.deviceKey).toMatch(/^local_/);

  // What the sandbox enforces, as Cognito does: without the confirmed device's key, the token is refused.
  const bare = await callCognito(emulator.endpoint, "InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: shortLived.clientId,
    AuthParameters: { REFRESH_TOKEN: session.refreshToken },
  });
  expect(bare.ok ? "accepted" : `${bare.type}: ${bare.message}`).toBe("NotAuthorizedException: Invalid Refresh Token");

  const sent = from();
  let accessToken = session.accessToken;
  for (let round = 0; round < 3; round++) {
    await new Promise((r) => setTimeout(r, 2100)); // the access token has expired
    const res = round === 1 ? await runCli(["whoami", "--session-file", file]) : await runCli(["refresh", "--session-file", file]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const now = inFile(file).session;
    expect(now.accessToken).not.toBe(accessToken);
    expect(now.deviceKey).toBe(session.deviceKey);
    accessToken = now.accessToken;
  }
  // Every refresh named the device: GetTokensFromRefreshToken (tried first; the sandbox lacks it) by
  // DeviceKey, REFRESH_TOKEN_AUTH by DEVICE_KEY.
  const refreshes = sent().filter((r) => r.action === "GetTokensFromRefreshToken" || r.body.AuthFlow === "REFRESH_TOKEN_AUTH");
  expect(refreshes.filter((r) => r.body.AuthFlow === "REFRESH_TOKEN_AUTH")).toHaveLength(3);
  for (const r of refreshes) {
    expect(r.action === "GetTokensFromRefreshToken" ? r.body.DeviceKey : r.body.AuthParameters.DEVICE_KEY).toBe(session.deviceKey);
  }
});

test("an MFA user's second login asks no code: the remembered device answers DEVICE_SRP_AUTH; logout --forget-device ends that", async () => {
  const who = await newUser(devices, true);
  const file = path.join(dir, "mfa.json");
  const first = await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n${who.code()}\n`);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  const key = inFile(file).session.deviceKey;
  expect(key).toMatch(/^local_/);

  // Only the password on standard input: a code asked for would end it with a usage error.
  const sent = from();
  const second = await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n`);
  expect(second.stderr).toBe("");
  expect(second.code).toBe(0);
  expect(inFile(file).session.deviceKey).toBe(key);
  const initiate = sent().filter((r) => r.action === "InitiateAuth")[0];
  expect(initiate.body.AuthFlow).toBe("USER_SRP_AUTH");
  expect(initiate.body.AuthParameters.DEVICE_KEY).toBe(key);
  expect(challengesAnswered(sent())).toEqual(["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"]);
  const verifier = sent().filter((r) => r.body && r.body.ChallengeName === "PASSWORD_VERIFIER")[0];
  expect(verifier.body.ChallengeResponses.DEVICE_KEY).toBe(key);
  expect(sent().map((r) => r.action)).not.toContain("ConfirmDevice");

  const forgetting = from();
  const logout = await runCli(["logout", "--forget-device", "--session-file", file]);
  expect(logout.stderr).toBe("");
  expect(logout.code).toBe(0);
  expect(
    forgetting()
      .filter((r) => r.action === "ForgetDevice")
      .map((r) => r.body.DeviceKey),
  ).toEqual([key]);
  // Nothing left to keep: no session, no device.
  expect(fs.existsSync(file)).toBe(false);

  const asked = await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n`);
  expect(asked.code).toBe(2);
  expect(asked.stderr.trim()).toBe("fitbit-cognito: standard input ended before the code from your authenticator app");
  const third = await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n${who.code()}\n`);
  expect(third.code).toBe(0);
  expect(inFile(file).session.deviceKey).not.toBe(key);
});

test("plain logout keeps the device for the next login: the file then holds no session, which whoami says", async () => {
  const who = await newUser(devices, true);
  const file = path.join(dir, "keep.json");
  expect((await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n${who.code()}\n`)).code).toBe(0);
  const key = inFile(file).session.deviceKey;
  const logout = await runCli(["logout", "--session-file", file]);
  expect(logout.code).toBe(0);
  expect(inFile(file)).toEqual({
    session: undefined,
    devices: [expect.objectContaining({ device: expect.objectContaining({ deviceKey: key }) })],
  });
  const whoami = await runCli(["whoami", "--session-file", file]);
  expect(whoami.code).toBe(2);
  expect(whoami.stderr).toMatch(/holds no session \(signed out\): sign in first/);
  const again = await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n`);
  expect(again.stderr).toBe("");
  expect(again.code).toBe(0);
  expect(inFile(file).session.deviceKey).toBe(key);
});

test("a device Cognito forgot behind the CLI's back: login forgets it too, signs in without it, and confirms a new one", async () => {
  const who = await newUser(devices, true);
  const file = path.join(dir, "forgotten.json");
  expect((await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n${who.code()}\n`)).code).toBe(0);
  const { session } = inFile(file);
  const gone = await callCognito(emulator.endpoint, "ForgetDevice", { AccessToken: session.accessToken, DeviceKey: session.deviceKey });
  expect(gone.ok).toBe(true);

  const sent = from();
  const login = await runCli(signInArgs(devices, who.username, { file }), `${who.password}\n${who.code()}\n`);
  expect(login.code).toBe(0);
  expect(login.stderr.trim()).toBe("fitbit-cognito: device: Cognito no longer knows this device; signing in without it");
  const after = inFile(file);
  expect(after.session.deviceKey).toMatch(/^local_/);
  expect(after.session.deviceKey).not.toBe(session.deviceKey);
  expect(after.devices.map((d) => d.device.deviceKey)).toEqual([after.session.deviceKey]);
  // The first try named the forgotten key; the second named none; the new device was confirmed.
  const initiates = sent().filter((r) => r.action === "InitiateAuth");
  expect(initiates.map((r) => r.body.AuthParameters.DEVICE_KEY)).toEqual([session.deviceKey, undefined]);
  expect(
    sent()
      .filter((r) => r.action === "ConfirmDevice")
      .map((r) => r.body.DeviceKey),
  ).toEqual([after.session.deviceKey]);
  // And the new session refreshes with the new key.
  const refresh = await runCli(["refresh", "--session-file", file]);
  expect(refresh.code).toBe(0);
});

test("a pool that lets the user choose: remembered by default (UpdateDeviceStatus), not with --no-remember-device", async () => {
  const remembered = await newUser(optIn, true);
  const file = path.join(dir, "opt-in.json");
  const sent = from();
  expect((await runCli(signInArgs(optIn, remembered.username, { file }), `${remembered.password}\n${remembered.code()}\n`)).code).toBe(0);
  const key = inFile(file).session.deviceKey;
  expect(
    sent()
      .filter((r) => r.action === "UpdateDeviceStatus")
      .map((r) => [r.body.DeviceKey, r.body.DeviceRememberedStatus]),
  ).toEqual([[key, "remembered"]]);
  const skipped = await runCli(signInArgs(optIn, remembered.username, { file }), `${remembered.password}\n`);
  expect(skipped.stderr).toBe("");
  expect(skipped.code).toBe(0);

  const notRemembered = await newUser(optIn, true);
  const other = path.join(dir, "opt-out.json");
  const args = [...signInArgs(optIn, notRemembered.username, { file: other }), "--no-remember-device"];
  const sentToo = from();
  expect((await runCli(args, `${notRemembered.password}\n${notRemembered.code()}\n`)).code).toBe(0);
  expect(sentToo().map((r) => r.action)).not.toContain("UpdateDeviceStatus");
  // Confirmed (the refresh token needs it) but not remembered: MFA is asked again.
  expect(inFile(other).session.deviceKey).toMatch(/^local_/);
  const asked = await runCli(signInArgs(optIn, notRemembered.username, { file: other }), `${notRemembered.password}\n`);
  expect(asked.code).toBe(2);
  expect(asked.stderr.trim()).toBe("fitbit-cognito: standard input ended before the code from your authenticator app");
});

test("without --session-file a tracked device is not confirmed (its secrets would be kept nowhere), and the login says so", async () => {
  const who = await newUser(devices);
  const sent = from();
  const login = await runCli(signInArgs(devices, who.username), `${who.password}\n`);
  expect(login.code).toBe(0);
  expect(login.stderr.trim()).toBe(
    "fitbit-cognito: the pool tracks devices: without --session-file this one is not confirmed, and the refresh token will not refresh",
  );
  expect(sent().map((r) => r.action)).not.toContain("ConfirmDevice");
});
