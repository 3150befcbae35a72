// The requests of the flows production pools need (DESIGN.md "Remembered devices", "Custom authentication",
// "Other API facts"), field by field against scripted answers: ClientMetadata on every sign-in request,
// refresh and reset; DEVICE_KEY where Cognito reads it; the device calls; MFA set-up's Sessions; a reset's
// SecretHash keyed on the username.
import { createHmac } from "crypto";
import { cognitoClient, CognitoConfigError, CLIENT_METADATA_LIMITS } from "../../../core/cognito";
import type { PendingChallenge, RememberedDevice } from "../../../core/cognito";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { recordingFetch, ScriptedAnswer } from "../../support/recording-fetch";

const POOL = "eu-west-1_AbC123";
const CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado";
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const META = { tenant: "acme", app: "watch" };
const DEVICE: RememberedDevice = { deviceKey: "eu-west-1_dev-1", deviceGroupKey: "-grp1", randomPassword: "cGFzc3dvcmQ=" };

const jwt = () => makeJwt({ sub: "u-1", username: "ann", iat: NOW / 1000, exp: NOW / 1000 + 3600 });
const result = (extra: object = {}): ScriptedAnswer => ({
  body: { AuthenticationResult: { AccessToken: jwt(), IdToken: jwt(), RefreshToken: "r-1", ExpiresIn: 3600, ...extra } },
});
const challenge = (name: string, parameters: object = {}, session = "s".repeat(30)): ScriptedAnswer => ({
  body: { ChallengeName: name, ChallengeParameters: parameters, Session: session },
});

function clientWith(answers: ScriptedAnswer[], extra: object = {}) {
  const { fetch, requests } = recordingFetch(answers);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW, ...extra });
  return { client, requests, actions: () => requests.map((r) => r.target.split(".")[1]) };
}

test("ClientMetadata on InitiateAuth, RespondToAuthChallenge, both refreshes and the reset calls", async () => {
  const t = clientWith(
    [
      challenge("CUSTOM_CHALLENGE", { prompt: "Pet?" }),
      result(),
      result(),
      result(),
      { body: { CodeDeliveryDetails: { Destination: "a***@e***", DeliveryMedium: "EMAIL" } } },
      { body: {} },
    ],
    { clientMetadata: META },
  );
  const step = await t.client.signIn("ann", "", { flow: "custom" });
  if (step.kind !== "challenge" || step.pending.challenge.name !== "CUSTOM_CHALLENGE") throw new Error("no custom challenge");
  await t.client.respond(step.pending as PendingChallenge<"CUSTOM_CHALLENGE">, { name: "CUSTOM_CHALLENGE", answer: "Rex" });
  await t.client.refresh("r-1", "ann");
  await t.client.refreshRotating("r-1");
  await t.client.forgotPassword("ann");
  await t.client.confirmForgotPassword("ann", "123456", "New-pass-1");
  expect(t.actions()).toEqual([
    "InitiateAuth",
    "RespondToAuthChallenge",
    "InitiateAuth",
    "GetTokensFromRefreshToken",
    "ForgotPassword",
    "ConfirmForgotPassword",
  ]);
  for (const r of t.requests) expect(r.body.ClientMetadata).toEqual(META);
  expect(t.requests[1].body.ChallengeResponses).toEqual({ ANSWER: "Rex", USERNAME: "ann" });
});

test("no ClientMetadata field at all when none is set", async () => {
  const t = clientWith([result()]);
  await t.client.signIn("ann", "pw", { flow: "password" });
  expect("ClientMetadata" in t.requests[0].body).toBe(false);
});

test("ClientMetadata is checked before anything is sent: strings only, within the limits", () => {
  const bad: unknown[] = [
    { n: 1 },
    { "a key": "v" },
    { k: "x".repeat(CLIENT_METADATA_LIMITS.valueLength + 1) },
    { ["k".repeat(CLIENT_METADATA_LIMITS.keyLength + 1)]: "v" },
    Object.fromEntries(Array.from({ length: CLIENT_METADATA_LIMITS.entries + 1 }, (_, i) => ["k" + i, "v"])),
    ["a", "b"],
  ];
  for (const clientMetadata of bad) {
    expect(() => cognitoClient({ userPoolId: POOL, clientId: CLIENT, clientMetadata: clientMetadata as any })).toThrow(CognitoConfigError);
  }
  expect(() => cognitoClient({ userPoolId: POOL, clientId: CLIENT, clientMetadata: { "k-1": "a=b, c" } })).not.toThrow();
});

test("a remembered device's key on InitiateAuth, on both refreshes (DEVICE_KEY, DeviceKey)", async () => {
  const t = clientWith([result(), result(), result()]);
  const step = await t.client.signIn("ann", "pw", { flow: "password", device: DEVICE });
  expect(t.requests[0].body.AuthParameters).toEqual({ USERNAME: "ann", PASSWORD: "pw", DEVICE_KEY: DEVICE.deviceKey });
  expect(step.kind === "signedIn" && step.device).toEqual(DEVICE);
  await t.client.refresh("r-1", "ann", DEVICE.deviceKey);
  await t.client.refreshRotating("r-1", DEVICE.deviceKey);
  expect(t.requests[1].body.AuthParameters).toEqual({ REFRESH_TOKEN: "r-1", DEVICE_KEY: DEVICE.deviceKey });
  expect(t.requests[2].body).toEqual({ RefreshToken: "r-1", ClientId: CLIENT, DeviceKey: DEVICE.deviceKey });
});

test("NewDeviceMetadata is read; ConfirmDevice sends a verifier, never the device's password; the status calls", async () => {
  const t = clientWith([
    result({ NewDeviceMetadata: { DeviceKey: "eu-west-1_new", DeviceGroupKey: "-g" } }),
    { body: { UserConfirmationNecessary: true } },
    { body: {} },
    { body: {} },
  ]);
  const step = await t.client.signIn("ann", "pw", { flow: "password" });
  if (step.kind !== "signedIn" || !step.newDevice) throw new Error("no new device");
  expect(step.newDevice).toEqual({ deviceKey: "eu-west-1_new", deviceGroupKey: "-g" });
  const confirmed = await t.client.confirmDevice("access-1", step.newDevice, "Versa 3");
  expect(confirmed.userConfirmationNecessary).toBe(true);
  expect(confirmed.device.deviceKey).toBe("eu-west-1_new");
  expect(t.requests[1].body).toEqual({
    AccessToken: "access-1",
    DeviceKey: "eu-west-1_new",
    DeviceName: "Versa 3",
    DeviceSecretVerifierConfig: {
      PasswordVerifier: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      Salt: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
    },
  });
  expect(JSON.stringify(t.requests)).not.toContain(confirmed.device.randomPassword);
  await t.client.rememberDevice("access-1", "eu-west-1_new");
  await t.client.forgetDevice("access-1", "eu-west-1_new");
  expect(t.requests[2].body).toEqual({ AccessToken: "access-1", DeviceKey: "eu-west-1_new", DeviceRememberedStatus: "remembered" });
  expect(t.requests[3].body).toEqual({ AccessToken: "access-1", DeviceKey: "eu-west-1_new" });
});

test("DEVICE_SRP_AUTH is answered at once with the device's key and SRP_A, then its verifier; no code asked", async () => {
  const t = clientWith([
    challenge("DEVICE_SRP_AUTH", {}, "d1".repeat(15)),
    // B = 0 is refused by the SRP check: what matters is what went out before it.
    challenge("DEVICE_PASSWORD_VERIFIER", { SRP_B: "00", SALT: "a1", SECRET_BLOCK: "c2VjcmV0" }, "d2".repeat(15)),
  ]);
  await expect(t.client.signIn("ann", "pw", { flow: "password", device: DEVICE })).rejects.toMatchObject({ kind: "badResponse" });
  expect(t.requests[1].body).toEqual({
    ChallengeName: "DEVICE_SRP_AUTH",
    ClientId: CLIENT,
    Session: "d1".repeat(15),
    ChallengeResponses: { DEVICE_KEY: DEVICE.deviceKey, SRP_A: expect.stringMatching(/^[0-9a-f]+$/), USERNAME: "ann" },
  });
});

test("CUSTOM_AUTH without a password: no PASSWORD, the device named; the Lambda's public parameters read by the convention", async () => {
  const t = clientWith([challenge("CUSTOM_CHALLENGE", { USERNAME: "ann", prompt: "Code?", answerFormat: "digits", hint: "email" })]);
  const step = await t.client.signIn("ann", "", { flow: "custom", device: DEVICE });
  expect(t.requests[0].body).toEqual({
    AuthFlow: "CUSTOM_AUTH",
    ClientId: CLIENT,
    AuthParameters: { USERNAME: "ann", DEVICE_KEY: DEVICE.deviceKey },
  });
  expect(step.kind === "challenge" && step.pending.challenge).toEqual({
    name: "CUSTOM_CHALLENGE",
    prompt: "Code?",
    digits: true,
    parameters: { prompt: "Code?", answerFormat: "digits", hint: "email" },
  });
});

test("MFA_SETUP: AssociateSoftwareToken and VerifySoftwareToken each move the Session on; the answer carries the last", async () => {
  const t = clientWith([
    challenge("MFA_SETUP", { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","SMS_MFA"]' }, "s0".repeat(15)),
    { body: { SecretCode: "ABCDEFGH", Session: "s1".repeat(15) } },
    { body: { Status: "SUCCESS", Session: "s2".repeat(15) } },
    result(),
  ]);
  const step = await t.client.signIn("ann", "pw", { flow: "password" });
  if (step.kind !== "challenge" || step.pending.challenge.name !== "MFA_SETUP") throw new Error("no MFA_SETUP");
  const pending = step.pending as PendingChallenge<"MFA_SETUP">;
  expect(pending.challenge.options).toEqual(["SOFTWARE_TOKEN_MFA"]);
  const associated = await t.client.associateSoftwareToken(pending);
  expect(associated.secretCode).toBe("ABCDEFGH");
  const verified = await t.client.verifySoftwareToken(associated.pending, "123456");
  const done = await t.client.respond(verified, { name: "MFA_SETUP" });
  expect(done.kind).toBe("signedIn");
  expect(t.requests.slice(1).map((r) => r.body.Session)).toEqual(["s0".repeat(15), "s1".repeat(15), "s2".repeat(15)]);
  expect(t.requests[2].body.UserCode).toBe("123456");
  expect(t.requests[3].body.ChallengeResponses).toEqual({ USERNAME: "ann" });
});

test("a VerifySoftwareToken that does not say SUCCESS is a bad answer, not a set-up", async () => {
  const t = clientWith([
    challenge("MFA_SETUP", { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }),
    { body: { Status: "ERROR", Session: "x".repeat(30) } },
  ]);
  const step = await t.client.signIn("ann", "pw", { flow: "password" });
  if (step.kind !== "challenge") throw new Error("no challenge");
  await expect(t.client.verifySoftwareToken(step.pending as PendingChallenge<"MFA_SETUP">, "1")).rejects.toMatchObject({
    kind: "badResponse",
  });
});

test("the reset calls of a client with a secret carry SecretHash for the username", async () => {
  const secret = "s3cr3tValue";
  const hash = createHmac("sha256", secret)
    .update("ann" + CLIENT)
    .digest("base64");
  const t = clientWith([{ body: {} }, { body: {} }], { clientSecret: secret });
  const sent = await t.client.forgotPassword(" ann ");
  expect(sent).toEqual({ destination: undefined, medium: undefined });
  await t.client.confirmForgotPassword("ann", "123456", "New-pass-1");
  expect(t.requests[0].body).toEqual({ ClientId: CLIENT, Username: "ann", SecretHash: hash });
  expect(t.requests[1].body).toEqual({
    ClientId: CLIENT,
    Username: "ann",
    ConfirmationCode: "123456",
    Password: "New-pass-1",
    SecretHash: hash,
  });
});
