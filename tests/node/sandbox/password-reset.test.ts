// Password reset on the sandbox's cognito-local (password-reset.ts in front of the emulator's own
// ForgotPassword/ConfirmForgotPassword, and the AdminResetUserPassword it lacks), with the codes read from
// the sandbox's mailbox (GET /sandbox/codes): a reset asked for by the user, one required by an
// administrator, and the sign-ins (password flow and SRP) with the new password afterwards.
import { CognitoAdmin, cognitoAdmin } from "../../../sandbox/cognito-admin";
import { callCognito, CognitoReply } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { codesUrl, lastCode, sentCodes } from "../../../sandbox/last-code";
import { signInWithLibrary } from "../../support/library-sign-in";
import { expectOk, jwtPayload, passwordSignIn } from "../../support/raw-auth";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
let userPoolId: string;
let clientId: string;

beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
  ({ userPoolId } = await admin.createUserPool({
    name: "reset",
    passwordPolicy: { MinimumLength: 10, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false },
  }));
  ({ clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: "app",
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  }));
});
afterAll(() => emulator?.stop());

let count = 0;
async function user(email = true): Promise<{ username: string; password: string }> {
  const username = `reset${++count}`;
  const password = `Reset${count}Password`;
  await admin.adminCreateUser({
    userPoolId,
    username,
    temporaryPassword: `Temp${count}Password`,
    attributes: email ? { email: `${username}@example.com` } : {},
  });
  await admin.adminSetUserPassword({ userPoolId, username, password, permanent: true });
  return { username, password };
}

const call = <T = unknown>(action: string, body: object) => callCognito<T>(emulator.endpoint, action, body);
const refused = (reply: CognitoReply<unknown>) => (reply.ok ? "accepted" : `${reply.type}: ${reply.message}`);
const forgot = (username: string) =>
  call<{ CodeDeliveryDetails: object }>("ForgotPassword", { ClientId: clientId, Username: username, ClientMetadata: { from: "test" } });
const confirm = (username: string, code: string, password: string) =>
  call("ConfirmForgotPassword", { ClientId: clientId, Username: username, ConfirmationCode: code, Password: password });
const differentCode = (code: string) => (code === "000000" ? "111111" : "000000");
const RESET_REQUIRED = "PasswordResetRequiredException: Password reset required for the user";

async function signsInBothWays(username: string, password: string): Promise<void> {
  const tokens = expectOk(await passwordSignIn(emulator.endpoint, clientId, username, password)).AuthenticationResult!;
  expect(jwtPayload(tokens.AccessToken).username).toBe(username);
  const srp = await signInWithLibrary({ userPoolId, clientId, endpoint: emulator.endpoint }, username, password);
  if (!srp.ok) throw new Error(`SRP sign-in failed: ${srp.err.code}: ${srp.err.message}`);
  expect(srp.session.getAccessToken().decodePayload().username).toBe(username);
}

describe("ForgotPassword and ConfirmForgotPassword", () => {
  test("the code goes to the mailbox, the address masked in the answer; wrong code, weak password, then the new password signs in both ways", async () => {
    const { username, password } = await user();
    expect(expectOk(await forgot(username))).toEqual({
      CodeDeliveryDetails: { Destination: "r***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" },
    });
    const sent = await sentCodes(emulator.endpoint, userPoolId, username);
    expect(sent).toEqual([
      {
        code: expect.stringMatching(/^\d{6}$/),
        purpose: "ForgotPassword",
        destination: `${username}@example.com`,
        sentAt: expect.any(String),
      },
    ]);
    const code = sent[0].code;
    const chosen = `Chosen${count}Password`;

    expect(refused(await confirm(username, differentCode(code), chosen))).toBe(
      "CodeMismatchException: Invalid verification code provided, please try again.",
    );
    expect(refused(await confirm(username, code, "Short1"))).toBe(
      "InvalidPasswordException: Password does not conform to policy: Password not long enough",
    );
    expect(refused(await confirm(username, code, "alllowercase1"))).toBe(
      "InvalidPasswordException: Password does not conform to policy: Password must have uppercase characters",
    );
    // Still not reset: the old password works until the code is used.
    expect(expectOk(await passwordSignIn(emulator.endpoint, clientId, username, password)).AuthenticationResult).toBeDefined();

    expect(expectOk(await confirm(username, code, chosen))).toEqual({});
    expect(refused(await confirm(username, code, `${chosen}2`))).toBe(
      "ExpiredCodeException: Invalid code provided, please request a code again.",
    );
    expect((await passwordSignIn(emulator.endpoint, clientId, username, password)).ok).toBe(false);
    const srpOld = await signInWithLibrary({ userPoolId, clientId, endpoint: emulator.endpoint }, username, password);
    expect(srpOld.ok).toBe(false);
    await signsInBothWays(username, chosen);
  });

  test("a second ForgotPassword replaces the first code; no code asked for is ExpiredCodeException; no email, no reset", async () => {
    const { username } = await user();
    expect(refused(await confirm(username, "123456", "Whatever123A"))).toBe(
      "ExpiredCodeException: Invalid code provided, please request a code again.",
    );
    expectOk(await forgot(username));
    expectOk(await forgot(username));
    const [first, second] = await sentCodes(emulator.endpoint, userPoolId, username);
    expect(second.code).toBe(await lastCode(emulator.endpoint, userPoolId, username));
    if (first.code !== second.code) expect((await confirm(username, first.code, "Replaced123A")).ok).toBe(false);
    expect(expectOk(await confirm(username, second.code, "Replaced123A"))).toEqual({});

    const silent = await user(false);
    expect(await forgot(silent.username)).toMatchObject({ ok: false, type: "InvalidParameterException" });
    await expect(lastCode(emulator.endpoint, userPoolId, silent.username)).rejects.toThrow(/sent no code/);
  });
});

describe("AdminResetUserPassword: RESET_REQUIRED", () => {
  test("sign-in answers PasswordResetRequiredException (password flow and SRP alike) until the user resets with a code", async () => {
    const { username, password } = await user();
    await admin.adminResetUserPassword({ userPoolId, username });
    const [sent] = await sentCodes(emulator.endpoint, userPoolId, username);
    expect(sent).toMatchObject({ purpose: "AdminResetUserPassword", code: expect.stringMatching(/^\d{6}$/) });

    expect(refused(await passwordSignIn(emulator.endpoint, clientId, username, password))).toBe(RESET_REQUIRED);
    const srpStart = await call("InitiateAuth", {
      AuthFlow: "USER_SRP_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, SRP_A: "2" },
    });
    expect(refused(srpStart)).toBe(RESET_REQUIRED);
    const srp = await signInWithLibrary({ userPoolId, clientId, endpoint: emulator.endpoint }, username, password);
    expect(srp.ok ? "signed in" : `${srp.err.code}: ${srp.err.message}`).toBe(RESET_REQUIRED);

    // The user asks for a code of their own (as an app does on PasswordResetRequiredException) and resets.
    expectOk(await forgot(username));
    const code = await lastCode(emulator.endpoint, userPoolId, username);
    expect(expectOk(await confirm(username, code, `Renewed${count}Password`))).toEqual({});
    await signsInBothWays(username, `Renewed${count}Password`);
  });

  test("the code the reset itself sent works too; an unknown user is UserNotFoundException", async () => {
    const { username } = await user();
    await admin.adminResetUserPassword({ userPoolId, username });
    expect(expectOk(await confirm(username, await lastCode(emulator.endpoint, userPoolId, username), "FromAdmin123A"))).toEqual({});
    await signsInBothWays(username, "FromAdmin123A");
    expect(await call("AdminResetUserPassword", { UserPoolId: userPoolId, Username: "nobody" })).toMatchObject({
      ok: false,
      type: "UserNotFoundException",
    });
  });
});

test("the codes route: a list per user, 400 without the pool or the user; an ordinary Cognito request still works beside it", async () => {
  const { username } = await user();
  const empty = await fetch(codesUrl(emulator.endpoint, userPoolId, username));
  expect(empty.status).toBe(200);
  expect(await empty.json()).toEqual({ codes: [] });
  const missing = await fetch(`${emulator.endpoint}/sandbox/codes?pool=${userPoolId}`);
  expect(missing.status).toBe(400);
  expect((await fetch(`${emulator.endpoint}/health`)).status).toBe(200);
});
