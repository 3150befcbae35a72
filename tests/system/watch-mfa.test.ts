// Codes on the watch, end to end: TOTP typed on the code pad against cognito-local's real check (a
// wrong code first), a choice of MFA method and a passwordless USER_AUTH sign-in by emailed code
// against a server scripted as Cognito answers, an MFA_SETUP the watch cannot do explained, and a required
// attribute named. (MFA set-up the watch does: watch-production-pools.test.ts.)
import { SETTING } from "../../common/settings-keys";
import { ID, optionId, optionLabelId } from "../../core/watch";
import { totpFromBase32 } from "../../sandbox/totp";
import { submitCode, submitText } from "../../devkit/fakes/device/wearer";
import { startMisbehavingServer, MisbehavingServer } from "../support/misbehaving-server";
import { makeJwt } from "../../devkit/simulation/jwt";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { poolSettings, startWatchSystem } from "../../devkit/watch-system";

let pool: TestPool;
let scripted: MisbehavingServer;
beforeAll(async () => {
  pool = await startTestPool();
  scripted = await startMisbehavingServer();
});
afterAll(async () => {
  if (pool) await pool.stop();
  if (scripted) await scripted.close();
});

test("TOTP on the code pad: a wrong code is explained on the pad, the right one signs in", async () => {
  const user = await pool.totpUser();
  const s = startWatchSystem(poolSettings(pool, user.username));
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, user.password);
  await s.reach("code");
  expect(s.watch.doc.visibleTexts().join(" ")).toMatch(/authenticator/i);
  const right = totpFromBase32(user.secret);
  submitCode(s.watch.doc, String((Number(right) + 500000) % 1000000).padStart(6, "0"));
  await s.settle(
    () => /Wrong code/.test(s.watch.doc.textOf(ID.codeInfo)),
    () => "no wrong-code message",
  );
  expect(s.watch.screen()).toBe("code");
  expect(s.watch.doc.textOf(ID.codeInfo)).toBe("Wrong code. Check it and try again.");
  submitCode(s.watch.doc, totpFromBase32(user.secret));
  await s.reach("signedIn");
  expect(s.companion.session.state().kind).toBe("signedIn");
  s.companion.session.dispose();
});

const now = Math.floor(Date.now() / 1000);
const jwt = makeJwt({ sub: "s-1", username: "ann", email: "ann@example.com", iat: now, exp: now + 3600 });
const tokens = { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r-1", ExpiresIn: 3600 } };
const scriptedSettings = () => ({
  [SETTING.userPoolId]: "eu-west-1_Script1",
  [SETTING.clientId]: "scriptclient",
  [SETTING.endpoint]: scripted.endpoint,
  [SETTING.username]: "ann",
});

test("a choice of MFA method on the watch, then the SMS code", async () => {
  scripted.respondWith(
    {
      kind: "json",
      body: {
        ChallengeName: "SELECT_MFA_TYPE",
        ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' },
        Session: "s".repeat(30),
      },
    },
    {
      kind: "json",
      body: { ChallengeName: "SMS_MFA", ChallengeParameters: { CODE_DELIVERY_DESTINATION: "+*******1234" }, Session: "t".repeat(30) },
    },
    { kind: "json", body: tokens },
  );
  const s = startWatchSystem({ ...scriptedSettings(), [SETTING.flow]: "password" });
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, "Pw-1");
  await s.reach("choose");
  const labels = [0, 1].map((i) => s.watch.doc.textOf(optionLabelId(i)));
  const sms = labels.findIndex((l) => /SMS|text/i.test(l));
  expect(sms).toBeGreaterThanOrEqual(0);
  s.watch.doc.tap(optionId(sms));
  await s.reach("code");
  expect(s.watch.doc.textOf(ID.codeInfo)).toContain("1234");
  submitCode(s.watch.doc, "123456");
  await s.reach("signedIn");
  const sent = scripted.requests.slice(-3).map((r) => (r.json as any).ChallengeResponses || (r.json as any).AuthParameters);
  expect(sent[1]).toMatchObject({ ANSWER: "SMS_MFA" });
  expect(sent[2]).toMatchObject({ SMS_MFA_CODE: "123456" });
  s.companion.session.dispose();
});

test("passwordless USER_AUTH: the wearer picks the emailed code and types it on the pad", async () => {
  scripted.respondWith(
    {
      kind: "json",
      body: {
        ChallengeName: "SELECT_CHALLENGE",
        AvailableChallenges: ["PASSWORD", "EMAIL_OTP"],
        ChallengeParameters: {},
        Session: "s".repeat(30),
      },
    },
    {
      kind: "json",
      body: { ChallengeName: "EMAIL_OTP", ChallengeParameters: { CODE_DELIVERY_DESTINATION: "a***@e***" }, Session: "t".repeat(30) },
    },
    { kind: "json", body: tokens },
  );
  const before = scripted.requests.length;
  const s = startWatchSystem({ ...scriptedSettings(), [SETTING.flow]: "choice" });
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn); // no password first: the companion asks Cognito what it offers
  await s.reach("choose");
  const labels = [0, 1].map((i) => s.watch.doc.textOf(optionLabelId(i)));
  s.watch.doc.tap(optionId(labels.findIndex((l) => /mail/i.test(l))));
  await s.reach("code");
  submitCode(s.watch.doc, "87654321");
  await s.reach("signedIn");
  const sent = scripted.requests.slice(before).map((r) => r.json as any);
  expect(sent[0]).toMatchObject({ AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ann" } });
  expect(sent[0].AuthParameters.PASSWORD).toBeUndefined();
  expect(sent[2].ChallengeResponses).toMatchObject({ EMAIL_OTP_CODE: "87654321" });
  s.companion.session.dispose();
});

test("MFA_SETUP of a method no watch sets up (SMS: the phone number is verified elsewhere): the wearer is told to set up MFA first", async () => {
  scripted.respondWith({
    kind: "json",
    body: { ChallengeName: "MFA_SETUP", ChallengeParameters: { MFAS_CAN_SETUP: '["SMS_MFA"]' }, Session: "s".repeat(30) },
  });
  const s = startWatchSystem({ ...scriptedSettings(), [SETTING.flow]: "password" });
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, "Pw-1");
  await s.settle(
    () => /Set up MFA/.test(s.watch.doc.textOf(ID.signedOutReason)),
    () => "no MFA_SETUP message",
  );
  expect(s.watch.screen()).toBe("signedOut");
  expect(s.watch.doc.textOf(ID.signedOutReason)).toMatch(/^Set up MFA .* first, then sign in\.$/);
  s.companion.session.dispose();
});

test("NEW_PASSWORD_REQUIRED with an attribute the pool requires: the watch says which, nothing is sent", async () => {
  scripted.respondWith({
    kind: "json",
    body: {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ChallengeParameters: { USER_ID_FOR_SRP: "ann", requiredAttributes: '["userAttributes.given_name"]', userAttributes: "{}" },
      Session: "s".repeat(30),
    },
  });
  const s = startWatchSystem({ ...scriptedSettings(), [SETTING.flow]: "password" });
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, "Temp-1");
  await s.reach("newPassword");
  const sent = scripted.requests.length;
  s.watch.doc.tap(ID.newPasswordGo);
  await s.reach("keyboard");
  submitText(s.watch.doc, "New-pass-1");
  await s.reach("keyboard");
  submitText(s.watch.doc, "New-pass-1");
  await s.settle(
    () => /given_name/.test(s.watch.doc.visibleTexts().join(" ")),
    () => `no attribute message: ${s.watch.doc.visibleTexts().join(" | ")}`,
  );
  expect(s.watch.screen()).toBe("newPassword");
  expect(s.watch.doc.textOf(ID.newPasswordError)).toBe('Sign-in is not set up right: attribute "given_name" is required by the user pool');
  expect(scripted.requests.length).toBe(sent);
  s.companion.session.dispose();
});
