// MFA set-up during sign-in on the sandbox's cognito-local (the emulator refuses the sign-in of a user
// without MFA on a pool whose MFA is ON, and its AssociateSoftwareToken/VerifySoftwareToken take no
// Session; mfa-setup.ts answers as Cognito does): MFA_SETUP over raw requests, then through
// amazon-cognito-identity-js with SRP, and the next sign-in asking for the code.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { CognitoAdmin, cognitoAdmin, MfaConfiguration } from "../../../sandbox/cognito-admin";
import { callCognito, CognitoReply } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { lastCode, sentCodes } from "../../../sandbox/last-code";
import { totpFromBase32 } from "../../../sandbox/totp";
import { answerChallenge, AuthReply, expectOk, jwtPayload, passwordSignIn, refreshSignIn } from "../../support/raw-auth";

let emulator: CognitoLocal;
let admin: CognitoAdmin;

async function pool(mfa: MfaConfiguration, email = false): Promise<{ userPoolId: string; clientId: string }> {
  const { userPoolId } = await admin.createUserPool({ name: `mfa-${mfa}` });
  await admin.setUserPoolMfaConfig({ userPoolId, mfa, softwareToken: true, email });
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: "app",
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  return { userPoolId, clientId };
}

let required: { userPoolId: string; clientId: string };
beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
  required = await pool("ON");
});
afterAll(() => emulator?.stop());

let count = 0;
async function user(at = required): Promise<{ username: string; password: string }> {
  const username = `mfa${++count}`;
  const password = `Mfa-${count}-password`;
  await admin.adminCreateUser({ userPoolId: at.userPoolId, username, temporaryPassword: `Temp${count}pass` });
  await admin.adminSetUserPassword({ userPoolId: at.userPoolId, username, password, permanent: true });
  return { username, password };
}

const call = <T = AuthReply>(action: string, body: object) => callCognito<T>(emulator.endpoint, action, body);
const refused = (reply: CognitoReply<unknown>) => (reply.ok ? "accepted" : `${reply.type}: ${reply.message}`);
const INVALID_SESSION = "NotAuthorizedException: Invalid session for the user.";
/** A code the secret never shows near now (TOTP accepts a step either side). */
const wrongCode = (secret: string) => {
  const near = [-1, 0, 1].map((step) => totpFromBase32(secret, { time: Date.now() + step * 30_000 }));
  for (let n = 0; ; n++) if (!near.includes(String(n).padStart(6, "0"))) return String(n).padStart(6, "0");
};

test("MFA_SETUP: associate with the Session, verify a code, answer MFA_SETUP → tokens; the next sign-in asks SOFTWARE_TOKEN_MFA", async () => {
  const { username, password } = await user();
  const setUp = expectOk(await passwordSignIn(emulator.endpoint, required.clientId, username, password));
  expect(setUp.AuthenticationResult).toBeUndefined();
  expect(setUp.ChallengeName).toBe("MFA_SETUP");
  expect(setUp.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });
  expect(setUp.Session).toEqual(expect.any(String));

  const associated = expectOk(await call<{ SecretCode: string; Session: string }>("AssociateSoftwareToken", { Session: setUp.Session }));
  expect(associated.SecretCode).toMatch(/^[A-Z2-7]{16,}$/);
  expect(associated.Session).not.toBe(setUp.Session);
  // Each Session answers once.
  expect(refused(await call("AssociateSoftwareToken", { Session: setUp.Session }))).toBe(INVALID_SESSION);
  // MFA_SETUP cannot be answered before a code was verified.
  expect(
    refused(await answerChallenge(emulator.endpoint, required.clientId, "MFA_SETUP", associated.Session, { USERNAME: username })),
  ).toBe(INVALID_SESSION);

  const wrong = await call("VerifySoftwareToken", { Session: associated.Session, UserCode: wrongCode(associated.SecretCode) });
  expect(refused(wrong)).toBe("EnableSoftwareTokenMFAException: Code mismatch and fail enable Software Token MFA");
  // A wrong code leaves the Session good for another try.
  const verified = expectOk(
    await call<{ Status: string; Session: string }>("VerifySoftwareToken", {
      Session: associated.Session,
      UserCode: totpFromBase32(associated.SecretCode),
      FriendlyDeviceName: "watch",
    }),
  );
  expect(verified.Status).toBe("SUCCESS");
  expect(verified.Session).toEqual(expect.any(String));
  expect(verified.Session).not.toBe(associated.Session);

  const tokens = expectOk(
    await answerChallenge(emulator.endpoint, required.clientId, "MFA_SETUP", verified.Session, { USERNAME: username }),
  ).AuthenticationResult!;
  expect(jwtPayload(tokens.AccessToken)).toMatchObject({ username, token_use: "access" });
  expect(expectOk(await refreshSignIn(emulator.endpoint, required.clientId, tokens.RefreshToken!)).AuthenticationResult).toBeDefined();
  expect(refused(await answerChallenge(emulator.endpoint, required.clientId, "MFA_SETUP", verified.Session, { USERNAME: username }))).toBe(
    INVALID_SESSION,
  );

  const next = expectOk(await passwordSignIn(emulator.endpoint, required.clientId, username, password));
  expect(next.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
  expect(next.ChallengeParameters).toMatchObject({ FRIENDLY_DEVICE_NAME: "watch" });
  const answered = expectOk(
    await answerChallenge(emulator.endpoint, required.clientId, "SOFTWARE_TOKEN_MFA", next.Session!, {
      USERNAME: username,
      SOFTWARE_TOKEN_MFA_CODE: totpFromBase32(associated.SecretCode),
    }),
  );
  expect(jwtPayload(answered.AuthenticationResult!.AccessToken).username).toBe(username);

  // The AccessToken form of the calls is still the emulator's own.
  const again = expectOk(
    await call<{ SecretCode: string }>("AssociateSoftwareToken", { AccessToken: answered.AuthenticationResult!.AccessToken }),
  );
  expect(again.SecretCode).toMatch(/^[A-Z2-7]+$/);
});

test("a new user's first sign-in: NEW_PASSWORD_REQUIRED, then MFA_SETUP (not the emulator's tokens), then tokens", async () => {
  const username = `fresh${++count}`;
  await admin.adminCreateUser({ userPoolId: required.userPoolId, username, temporaryPassword: "Temporary-123" });
  const first = expectOk(await passwordSignIn(emulator.endpoint, required.clientId, username, "Temporary-123"));
  expect(first.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
  const chosen = expectOk(
    await answerChallenge(emulator.endpoint, required.clientId, "NEW_PASSWORD_REQUIRED", first.Session!, {
      USERNAME: username,
      NEW_PASSWORD: "Chosen-123456",
    }),
  );
  expect(chosen.AuthenticationResult).toBeUndefined();
  expect(chosen.ChallengeName).toBe("MFA_SETUP");
  const associated = expectOk(await call<{ SecretCode: string; Session: string }>("AssociateSoftwareToken", { Session: chosen.Session }));
  const verified = expectOk(
    await call<{ Session: string }>("VerifySoftwareToken", {
      Session: associated.Session,
      UserCode: totpFromBase32(associated.SecretCode),
    }),
  );
  const done = expectOk(await answerChallenge(emulator.endpoint, required.clientId, "MFA_SETUP", verified.Session, { USERNAME: username }));
  expect(jwtPayload(done.AuthenticationResult!.AccessToken).username).toBe(username);
  expect(expectOk(await passwordSignIn(emulator.endpoint, required.clientId, username, "Chosen-123456")).ChallengeName).toBe(
    "SOFTWARE_TOKEN_MFA",
  );
});

test("a made-up Session, and another user's name in the MFA_SETUP answer, are refused", async () => {
  expect(refused(await call("AssociateSoftwareToken", { Session: "made-up" }))).toBe(INVALID_SESSION);
  expect(refused(await call("VerifySoftwareToken", { Session: "made-up", UserCode: "123456" }))).toBe(INVALID_SESSION);

  const { username, password } = await user();
  const other = await user();
  const setUp = expectOk(await passwordSignIn(emulator.endpoint, required.clientId, username, password));
  const associated = expectOk(await call<{ SecretCode: string; Session: string }>("AssociateSoftwareToken", { Session: setUp.Session }));
  const verified = expectOk(
    await call<{ Session: string }>("VerifySoftwareToken", {
      Session: associated.Session,
      UserCode: totpFromBase32(associated.SecretCode),
    }),
  );
  const stolen = await answerChallenge(emulator.endpoint, required.clientId, "MFA_SETUP", verified.Session, { USERNAME: other.username });
  expect(refused(stolen)).toBe("NotAuthorizedException: Incorrect username or password.");
});

test("no MFA_SETUP for a wrong password, nor where MFA is optional", async () => {
  const { username, password } = await user();
  const wrong = await passwordSignIn(emulator.endpoint, required.clientId, username, `${password}-wrong`);
  expect(wrong.ok).toBe(false);

  const optional = await pool("OPTIONAL");
  const relaxed = await user(optional);
  expect(
    expectOk(await passwordSignIn(emulator.endpoint, optional.clientId, relaxed.username, relaxed.password)).AuthenticationResult,
  ).toBeDefined();
});

test("amazon-cognito-identity-js over SRP: mfaSetup, associate and verify with the Session → signed in; then totpRequired", async () => {
  const { username, password } = await user();
  const userPool = new CognitoUserPool({ UserPoolId: required.userPoolId, ClientId: required.clientId, endpoint: emulator.endpoint });
  const cognitoUser = new CognitoUser({ Username: username, Pool: userPool });
  const details = new AuthenticationDetails({ Username: username, Password: password });

  let secret = "";
  const setUp = await new Promise<{ ok: boolean; why?: string; parameters?: unknown }>((resolve) => {
    let parameters: unknown;
    const callbacks = {
      onSuccess: () => resolve({ ok: true, parameters }),
      onFailure: (err: { code?: string; message?: string }) => resolve({ ok: false, why: `${err.code}: ${err.message}` }),
      mfaSetup(_name: string, challengeParameters: unknown) {
        parameters = challengeParameters;
        cognitoUser.associateSoftwareToken({
          associateSecretCode(code: string) {
            secret = code;
            cognitoUser.verifySoftwareToken(totpFromBase32(code), "phone", callbacks);
          },
          onFailure: callbacks.onFailure,
        });
      },
    };
    cognitoUser.authenticateUser(details, callbacks);
  });
  expect(setUp).toEqual({ ok: true, parameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } });

  const next = new CognitoUser({ Username: username, Pool: userPool });
  const signedIn = await new Promise<{ ok: boolean; asked?: string; why?: string }>((resolve) => {
    let asked: string | undefined;
    const callbacks = {
      onSuccess: () => resolve({ ok: true, asked }),
      onFailure: (err: { code?: string; message?: string }) => resolve({ ok: false, why: `${err.code}: ${err.message}` }),
      totpRequired(challengeName: string) {
        asked = challengeName;
        next.sendMFACode(totpFromBase32(secret), callbacks, "SOFTWARE_TOKEN_MFA");
      },
    };
    next.authenticateUser(details, callbacks);
  });
  expect(signedIn).toEqual({ ok: true, asked: "SOFTWARE_TOKEN_MFA" });
});

describe("email MFA (EMAIL_OTP)", () => {
  let withEmail: { userPoolId: string; clientId: string };
  beforeAll(async () => {
    withEmail = await pool("ON", true);
  });

  test("the pool keeps its EmailMfaConfiguration, and MFA_SETUP offers EMAIL_OTP beside the authenticator", async () => {
    const config = expectOk(await call<any>("GetUserPoolMfaConfig", { UserPoolId: withEmail.userPoolId }));
    expect(config).toMatchObject({ MfaConfiguration: "ON", EmailMfaConfiguration: { Subject: expect.any(String) } });
    const { username, password } = await user(withEmail);
    const setUp = expectOk(await passwordSignIn(emulator.endpoint, withEmail.clientId, username, password));
    expect(setUp.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' });
  });

  test("MFA_SETUP answered with an address → EMAIL_OTP, the code sent there; the right code → tokens, and email MFA from then on", async () => {
    const { username, password } = await user(withEmail);
    const address = `${username}.new@example.com`;
    const setUp = expectOk(await passwordSignIn(emulator.endpoint, withEmail.clientId, username, password));
    const challenge = expectOk(
      await answerChallenge(emulator.endpoint, withEmail.clientId, "MFA_SETUP", setUp.Session!, { USERNAME: username, EMAIL: address }),
    );
    expect(challenge.ChallengeName).toBe("EMAIL_OTP");
    expect(challenge.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "m***@e***" });
    const [sent] = await sentCodes(emulator.endpoint, withEmail.userPoolId, username);
    expect(sent).toMatchObject({ purpose: "EMAIL_OTP", destination: address, code: expect.stringMatching(/^\d{6}$/) });
    // The set-up's first Session was spent on the address.
    expect(refused(await call("AssociateSoftwareToken", { Session: setUp.Session }))).toBe(INVALID_SESSION);

    const answer = (session: string, code: string) =>
      answerChallenge(emulator.endpoint, withEmail.clientId, "EMAIL_OTP", session, { USERNAME: username, EMAIL_OTP_CODE: code });
    const other = sent.code === "000000" ? "111111" : "000000";
    expect(refused(await answer(challenge.Session!, other))).toBe("CodeMismatchException: Invalid code or auth state for the user.");
    const tokens = expectOk(await answer(challenge.Session!, sent.code)).AuthenticationResult!;
    expect(jwtPayload(tokens.IdToken)).toMatchObject({ "cognito:username": username, email: address });
    expect(refused(await answer(challenge.Session!, sent.code))).toBe(INVALID_SESSION);

    const next = expectOk(await passwordSignIn(emulator.endpoint, withEmail.clientId, username, password));
    expect(next.ChallengeName).toBe("EMAIL_OTP");
    const code = await lastCode(emulator.endpoint, withEmail.userPoolId, username);
    expect(expectOk(await answer(next.Session!, code)).AuthenticationResult).toBeDefined();
  });

  test("an address where the pool has no email MFA, or no address at all, is refused", async () => {
    const { username, password } = await user();
    const setUp = expectOk(await passwordSignIn(emulator.endpoint, required.clientId, username, password));
    const reply = await answerChallenge(emulator.endpoint, required.clientId, "MFA_SETUP", setUp.Session!, {
      USERNAME: username,
      EMAIL: "someone@example.com",
    });
    expect(reply).toMatchObject({ ok: false, type: "InvalidParameterException" });

    const other = await user(withEmail);
    const started = expectOk(await passwordSignIn(emulator.endpoint, withEmail.clientId, other.username, other.password));
    const bad = await answerChallenge(emulator.endpoint, withEmail.clientId, "MFA_SETUP", started.Session!, {
      USERNAME: other.username,
      EMAIL: "not an address",
    });
    expect(bad).toMatchObject({ ok: false, type: "InvalidParameterException" });
  });
});
