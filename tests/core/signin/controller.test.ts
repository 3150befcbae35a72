// The sign-in controller on its own: every challenge the client can bring, posed by a scripted Cognito,
// → the view the watch is shown; what the wearer sends from it → the request that goes out; a request
// that does not fit the challenge → nothing sent. A real client and session manager, on a fake clock.
import { ChallengeName, SignInFlow, cognitoClient } from "../../../core/cognito";
import { deviceBook, sessionManager } from "../../../core/session";
import { signInController } from "../../../core/signin/controller";
import { challengeScreen } from "../../../core/signin/challenges";
import { ConfigResult } from "../../../core/signin/config";
import type { ToCompanion, ToWatch, View } from "../../../common/protocol";
import { fakeClock } from "../../../devkit/simulation/fake-clock";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { memoryStore } from "../../../devkit/simulation/memory-store";
import { ScriptedAnswer, recordingFetch } from "../../support/recording-fetch";

const POOL = "eu-west-1_AbC123";
const CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado";
const SESSION = "s".repeat(30);

function tokens(now: number, extra: object = {}) {
  const iat = Math.floor(now / 1000);
  const jwt = makeJwt({ sub: "u-1", username: "ann", "cognito:username": "ann", email: "ann@example.com", iat, exp: iat + 3600 });
  return { body: { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r-1", ExpiresIn: 3600, ...extra } } };
}

const posed = (name: string, parameters: { [key: string]: string } = {}, extra: object = {}): ScriptedAnswer => ({
  body: { ChallengeName: name, ChallengeParameters: parameters, Session: SESSION, ...extra },
});

/** Session managers to dispose of (their refresh timers) after each test. */
const live: { dispose(): void }[] = [];
afterEach(() => live.splice(0).forEach((session) => session.dispose()));

/** The controller with a client whose Cognito answers from `script`, signed in as "ann" by `flow`. */
function controllerWith(script: (now: number) => ScriptedAnswer[], flow: SignInFlow = "password", store = memoryStore()) {
  const clock = fakeClock();
  const { fetch, requests } = recordingFetch(script(clock.now()));
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: clock.now });
  const config: ConfigResult = {
    ok: true,
    config: {
      client,
      username: "ann",
      flow,
      rememberDevice: true,
      service: { ok: true, url: "https://api.example.com" },
      callToken: "access",
    },
  };
  const devices = deviceBook(store);
  const session = sessionManager({
    store,
    client: () => client,
    now: clock.now,
    timers: clock.timers,
    log: () => undefined,
  });
  const controller = signInController({ config: () => config, session, devices, now: clock.now, log: () => undefined });
  /** Sends a request as the watch does; resolves with what only the requester was told, when the work is done. */
  const send = async (msg: ToCompanion) => {
    const replies: ToWatch[] = [];
    await controller.handle(msg, (reply) => replies.push(reply));
    return replies;
  };
  live.push(session);
  return {
    controller,
    session,
    devices,
    requests,
    send,
    actions: () => requests.map((r) => r.target.replace("AWSCognitoIdentityProviderService.", "")),
    responses: () => requests.map((r) => r.body.ChallengeResponses).filter(Boolean),
  };
}

interface Case {
  /** Cognito's answer to the sign-in that poses the challenge. */
  posed: ScriptedAnswer;
  /** The view the watch (and the settings page) is shown for it. */
  view: View;
  /** What the wearer sends from that view, and the ChallengeResponses that go out for it. */
  answer?: { sent: ToCompanion; responses: { [key: string]: string } };
}

// One case per challenge name: a challenge new to the client fails to compile here until it has one.
const CASES: { [N in ChallengeName]: Case } = {
  NEW_PASSWORD_REQUIRED: {
    posed: posed("NEW_PASSWORD_REQUIRED", { requiredAttributes: "[]", userAttributes: '{"email":"ann@example.com"}' }),
    view: { s: "newPassword", user: "ann" },
    answer: { sent: { t: "newPassword", pw: "New-pass-1" }, responses: { NEW_PASSWORD: "New-pass-1", USERNAME: "ann" } },
  },
  SOFTWARE_TOKEN_MFA: {
    posed: posed("SOFTWARE_TOKEN_MFA"),
    view: { s: "code", kind: "totp" },
    answer: { sent: { t: "code", code: "123456" }, responses: { SOFTWARE_TOKEN_MFA_CODE: "123456", USERNAME: "ann" } },
  },
  SMS_MFA: {
    posed: posed("SMS_MFA", { CODE_DELIVERY_DESTINATION: "+*******1234" }),
    view: { s: "code", kind: "sms", dest: "+*******1234" },
    answer: { sent: { t: "code", code: "654321" }, responses: { SMS_MFA_CODE: "654321", USERNAME: "ann" } },
  },
  EMAIL_OTP: {
    posed: posed("EMAIL_OTP", { CODE_DELIVERY_DESTINATION: "a***@e***" }),
    view: { s: "code", kind: "email", dest: "a***@e***" },
    answer: { sent: { t: "code", code: "87654321" }, responses: { EMAIL_OTP_CODE: "87654321", USERNAME: "ann" } },
  },
  SMS_OTP: {
    posed: posed("SMS_OTP"),
    view: { s: "code", kind: "sms" },
    answer: { sent: { t: "code", code: "112233" }, responses: { SMS_OTP_CODE: "112233", USERNAME: "ann" } },
  },
  SELECT_MFA_TYPE: {
    posed: posed("SELECT_MFA_TYPE", { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA","WEBAUTHN"]' }),
    view: { s: "choose", kind: "mfa", options: ["SOFTWARE_TOKEN_MFA", "SMS_MFA"] },
    answer: { sent: { t: "choose", option: "SMS_MFA" }, responses: { ANSWER: "SMS_MFA", USERNAME: "ann" } },
  },
  SELECT_CHALLENGE: {
    posed: posed("SELECT_CHALLENGE", {}, { AvailableChallenges: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] }),
    view: { s: "choose", kind: "challenge", options: ["PASSWORD", "EMAIL_OTP"] },
    answer: { sent: { t: "choose", option: "EMAIL_OTP" }, responses: { ANSWER: "EMAIL_OTP", USERNAME: "ann" } },
  },
  // Two methods: which to set up (the set-up itself: "MFA set-up" below). SMS is not one a watch sets up.
  MFA_SETUP: {
    posed: posed("MFA_SETUP", { MFAS_CAN_SETUP: '["SMS_MFA","EMAIL_OTP","SOFTWARE_TOKEN_MFA"]' }),
    view: { s: "choose", kind: "setup", options: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] },
  },
  CUSTOM_CHALLENGE: {
    posed: posed("CUSTOM_CHALLENGE", { USERNAME: "ann", prompt: "Name of your first pet?" }),
    view: { s: "answer", prompt: "Name of your first pet?" },
    answer: { sent: { t: "answer", text: "Rex" }, responses: { ANSWER: "Rex", USERNAME: "ann" } },
  },
  // The client answers it itself inside an SRP sign-in; one posed to a password sign-in is a bad answer.
  PASSWORD_VERIFIER: {
    posed: posed("PASSWORD_VERIFIER", { SALT: "a1b2", SRP_B: "05", SECRET_BLOCK: "c2VjcmV0", USER_ID_FOR_SRP: "ann" }),
    view: { s: "signedOut", user: "ann", reason: { m: "badAnswer" } },
  },
  // The same for a remembered device's steps, posed to a sign-in that named no device.
  DEVICE_SRP_AUTH: {
    posed: posed("DEVICE_SRP_AUTH"),
    view: { s: "signedOut", user: "ann", reason: { m: "badAnswer" } },
  },
  DEVICE_PASSWORD_VERIFIER: {
    posed: posed("DEVICE_PASSWORD_VERIFIER", { SALT: "a1b2", SRP_B: "05", SECRET_BLOCK: "c2VjcmV0" }),
    view: { s: "signedOut", user: "ann", reason: { m: "badAnswer" } },
  },
  UNSUPPORTED: {
    posed: posed("WEB_AUTHN", { anything: "x" }),
    view: { s: "signedOut", user: "ann", reason: { m: "unsupportedStep", x: "WEB_AUTHN" } },
  },
};

describe.each(Object.keys(CASES) as ChallengeName[])("%s", (name) => {
  const c = CASES[name];
  test("is shown as its view" + (c.answer ? "; the wearer's answer goes out, and signs in" : ""), async () => {
    const t = controllerWith((now) => [c.posed, tokens(now)]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(t.controller.view()).toEqual(c.view);
    expect(t.requests).toHaveLength(1);
    if (!c.answer) return;
    await t.send(c.answer.sent);
    expect(t.requests).toHaveLength(2);
    expect(t.requests[1].target).toBe("AWSCognitoIdentityProviderService.RespondToAuthChallenge");
    expect(t.requests[1].body).toEqual({ ChallengeName: name, ClientId: CLIENT, Session: SESSION, ChallengeResponses: c.answer.responses });
    expect(t.controller.view()).toMatchObject({ s: "signedIn", user: "ann", email: "ann@example.com" });
  });
});

describe("a request that does not fit the challenge is answered with its view, and nothing is sent", () => {
  const misfits: [ChallengeName, ToCompanion][] = [
    ["SOFTWARE_TOKEN_MFA", { t: "choose", option: "SMS_MFA" }],
    ["SOFTWARE_TOKEN_MFA", { t: "newPassword", pw: "New-pass-1" }],
    ["SOFTWARE_TOKEN_MFA", { t: "password", pw: "Pw-2" }],
    ["NEW_PASSWORD_REQUIRED", { t: "code", code: "123456" }],
    // An option Cognito did not offer (the watch's list may be stale).
    ["SELECT_MFA_TYPE", { t: "choose", option: "EMAIL_OTP" }],
    ["SELECT_CHALLENGE", { t: "choose", option: "SMS_OTP" }],
    ["SELECT_CHALLENGE", { t: "code", code: "123456" }],
    // A custom challenge that asks for text takes no code pad's digits; a set-up choice not offered.
    ["CUSTOM_CHALLENGE", { t: "code", code: "123456" }],
    ["MFA_SETUP", { t: "choose", option: "SMS_MFA" }],
  ];
  test.each(misfits)("%s, sent %j", async (name, msg) => {
    const t = controllerWith(() => [CASES[name].posed]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(await t.send(msg)).toEqual([{ t: "state", view: CASES[name].view }]);
    expect(t.requests).toHaveLength(1);
    expect(t.controller.view()).toEqual(CASES[name].view);
  });
});

describe("USER_AUTH: a password method chosen, the password is asked for and makes the answer", () => {
  const choice = posed("SELECT_CHALLENGE", {}, { AvailableChallenges: ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"] });

  test("PASSWORD: the password goes with the choice", async () => {
    const t = controllerWith((now) => [choice, tokens(now)], "choice");
    await t.send({ t: "signIn" });
    expect(t.controller.view()).toEqual({ s: "choose", kind: "challenge", options: ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"] });
    expect(await t.send({ t: "choose", option: "PASSWORD" })).toEqual([]);
    expect(t.controller.view()).toEqual({ s: "password", user: "ann" });
    expect(t.requests).toHaveLength(1);
    await t.send({ t: "password", pw: "Pw-1" });
    expect(t.responses()).toEqual([{ ANSWER: "PASSWORD", PASSWORD: "Pw-1", USERNAME: "ann" }]);
    expect(t.controller.view()).toMatchObject({ s: "signedIn", user: "ann" });
  });

  test("PASSWORD_SRP: the choice goes with SRP's A, the password stays on the phone", async () => {
    // The verifier is refused here (B = 0 is not in range): what matters is what went out before it.
    const verifier = posed("PASSWORD_VERIFIER", { SALT: "a1b2", SRP_B: "00", SECRET_BLOCK: "c2VjcmV0", USER_ID_FOR_SRP: "ann" });
    const t = controllerWith(() => [choice, verifier], "choice");
    await t.send({ t: "signIn" });
    await t.send({ t: "choose", option: "PASSWORD_SRP" });
    expect(t.controller.view()).toEqual({ s: "password", user: "ann" });
    await t.send({ t: "password", pw: "Pw-1" });
    expect(t.responses()).toEqual([{ ANSWER: "PASSWORD_SRP", SRP_A: expect.stringMatching(/^[0-9a-f]+$/), USERNAME: "ann" }]);
    expect(JSON.stringify(t.requests)).not.toContain("Pw-1");
    expect(t.controller.view()).toEqual({ s: "password", user: "ann", error: { m: "badAnswer" } });
  });
});

describe("a failed answer", () => {
  test("that the wearer can fix keeps them on the challenge's view, told why", async () => {
    const t = controllerWith((now) => [CASES.SOFTWARE_TOKEN_MFA.posed, failure("CodeMismatchException", "Invalid code"), tokens(now)]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    await t.send({ t: "code", code: "000000" });
    expect(t.controller.view()).toEqual({ s: "code", kind: "totp", error: { m: "wrongCode" } });
    await t.send({ t: "code", code: "123456" });
    expect(t.responses().map((r) => r.SOFTWARE_TOKEN_MFA_CODE)).toEqual(["000000", "123456"]);
    expect(t.controller.view()).toMatchObject({ s: "signedIn" });
  });

  test("that ends the challenge's Session takes them back to sign-in, told why", async () => {
    const t = controllerWith(() => [CASES.SMS_MFA.posed, failure("NotAuthorizedException", "Invalid session for the user.")]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    await t.send({ t: "code", code: "123456" });
    expect(t.controller.view()).toEqual({ s: "signedOut", user: "ann", reason: { m: "signInExpired" } });
  });
});

test("the table's screen for PASSWORD_VERIFIER, which no wearer reaches: the step is not one the watch takes", () => {
  const verifier = { name: "PASSWORD_VERIFIER" as const, parameters: {} };
  expect(challengeScreen(verifier, "ann")).toEqual({ m: "unsupportedStep", x: "PASSWORD_VERIFIER" });
});

const failure = (type: string, message: string): ScriptedAnswer => ({ status: 400, body: { __type: type, message } });
const ok = (body: object = {}): ScriptedAnswer => ({ body });

describe("custom challenges", () => {
  test("digits open the code pad, whose code is the answer; a retry is another round, with the newest Session", async () => {
    const code = posed("CUSTOM_CHALLENGE", { USERNAME: "ann", prompt: "Type the code we sent", answerFormat: "digits" });
    const again = { body: { ...(code.body as object), Session: "t".repeat(30) } };
    const t = controllerWith((now) => [code, again, tokens(now)], "custom");
    await t.send({ t: "signIn" });
    expect(t.requests[0].body).toMatchObject({ AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "ann" } });
    expect(t.requests[0].body.AuthParameters.PASSWORD).toBeUndefined();
    expect(t.controller.view()).toEqual({ s: "answer", prompt: "Type the code we sent", digits: true });
    await t.send({ t: "code", code: "111111" });
    expect(t.controller.view()).toEqual({ s: "answer", prompt: "Type the code we sent", digits: true, error: { m: "answerNotTaken" } });
    await t.send({ t: "code", code: "222222" });
    expect(t.requests.map((r) => r.body.Session)).toEqual([undefined, SESSION, "t".repeat(30)]);
    expect(t.responses()).toEqual([
      { ANSWER: "111111", USERNAME: "ann" },
      { ANSWER: "222222", USERNAME: "ann" },
    ]);
    expect(t.controller.view()).toMatchObject({ s: "signedIn" });
  });

  test("the next, different question of a Lambda is a step, not a wrong answer", async () => {
    const first = posed("CUSTOM_CHALLENGE", { prompt: "Name of your first pet?" });
    const second = posed("CUSTOM_CHALLENGE", { prompt: "City you were born in?" });
    const t = controllerWith(() => [first, second], "custom");
    await t.send({ t: "signIn" });
    await t.send({ t: "answer", text: "Rex" });
    expect(t.controller.view()).toEqual({ s: "answer", prompt: "City you were born in?" });
  });

  test("a Lambda that follows no convention: its public parameters are the prompt", async () => {
    const t = controllerWith(() => [posed("CUSTOM_CHALLENGE", { USERNAME: "ann", q: "Favourite colour?" })], "custom");
    await t.send({ t: "signIn" });
    expect(t.controller.view()).toEqual({ s: "answer", prompt: "q: Favourite colour?" });
  });

  test("refused by the Lambdas: back to sign-in, told the answer was not taken", async () => {
    const t = controllerWith(
      () => [posed("CUSTOM_CHALLENGE", { prompt: "Pet?" }), failure("NotAuthorizedException", "Incorrect username or password.")],
      "custom",
    );
    await t.send({ t: "signIn" });
    await t.send({ t: "answer", text: "cat" });
    expect(t.controller.view()).toEqual({ s: "signedOut", user: "ann", reason: { m: "answerRefused" }, passwordless: true });
  });

  test("customSrp proves the password first: SRP_A and CHALLENGE_NAME SRP_A, no password on the wire", async () => {
    const verifier = posed("PASSWORD_VERIFIER", { SALT: "a1b2", SRP_B: "00", SECRET_BLOCK: "c2VjcmV0", USER_ID_FOR_SRP: "ann" });
    const t = controllerWith(() => [verifier], "customSrp");
    expect(t.controller.view()).toMatchObject({ s: "signedOut", passwordless: undefined });
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(t.requests[0].body).toMatchObject({ AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "ann", CHALLENGE_NAME: "SRP_A" } });
    expect(t.requests[0].body.AuthParameters.SRP_A).toMatch(/^[0-9a-f]+$/);
    expect(JSON.stringify(t.requests)).not.toContain("Pw-1");
  });
});

describe("MFA set-up during sign-in", () => {
  test("an authenticator app: its key for the phone, its first code verified, then the set-up answered with the newest Session", async () => {
    const t = controllerWith((now) => [
      posed("MFA_SETUP", { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }),
      ok({ SecretCode: "JBSWY3DPEHPK3PXPJBSWY3DP", Session: "associated" }),
      ok({ Status: "SUCCESS", Session: "verified" }),
      tokens(now),
    ]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(t.actions()).toEqual(["InitiateAuth", "AssociateSoftwareToken"]);
    expect(t.requests[1].body).toEqual({ Session: SESSION });
    expect(t.controller.view()).toEqual({ s: "code", kind: "setup" });
    expect(t.controller.setupKey()).toEqual({
      uri: "otpauth://totp/fitbit-cognito:ann?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=fitbit-cognito",
      secret: "JBSW Y3DP EHPK 3PXP JBSW Y3DP",
    });
    await t.send({ t: "code", code: "123456" });
    expect(t.actions()).toEqual(["InitiateAuth", "AssociateSoftwareToken", "VerifySoftwareToken", "RespondToAuthChallenge"]);
    expect(t.requests[2].body).toMatchObject({ Session: "associated", UserCode: "123456" });
    expect(t.requests[3].body).toEqual({
      ChallengeName: "MFA_SETUP",
      ClientId: CLIENT,
      Session: "verified",
      ChallengeResponses: { USERNAME: "ann" },
    });
    expect(t.controller.view()).toMatchObject({ s: "signedIn" });
    expect(t.controller.setupKey()).toBeUndefined();
  });

  test("a wrong first code keeps the set-up, told why", async () => {
    const t = controllerWith(() => [
      posed("MFA_SETUP", { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }),
      ok({ SecretCode: "JBSWY3DPEHPK3PXP", Session: "associated" }),
      failure("CodeMismatchException", "Code mismatch"),
    ]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    await t.send({ t: "code", code: "000000" });
    expect(t.controller.view()).toEqual({ s: "code", kind: "setup", error: { m: "wrongCode" } });
    expect(t.controller.setupKey()).toBeDefined();
  });

  test("codes by email, chosen: the address is asked, then the code Cognito sends to it", async () => {
    const t = controllerWith((now) => [
      posed("MFA_SETUP", { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' }),
      posed("EMAIL_OTP", { CODE_DELIVERY_DESTINATION: "a***@e***" }),
      tokens(now),
    ]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    await t.send({ t: "choose", option: "EMAIL_OTP" });
    expect(t.controller.view()).toEqual({ s: "answer", ask: "typeEmail" });
    await t.send({ t: "answer", text: " ann@example.com " });
    expect(t.responses()[0]).toEqual({ EMAIL: "ann@example.com", USERNAME: "ann" });
    expect(t.controller.view()).toEqual({ s: "code", kind: "email", dest: "a***@e***" });
    await t.send({ t: "code", code: "12345678" });
    expect(t.controller.view()).toMatchObject({ s: "signedIn" });
  });
});

describe("password reset", () => {
  const sent = ok({ CodeDeliveryDetails: { Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" } });

  test("Forgot password?: the code, then the new password, then signed in with it", async () => {
    const t = controllerWith((now) => [sent, ok(), tokens(now)]);
    await t.send({ t: "forgot" });
    expect(t.requests[0].body).toEqual({ ClientId: CLIENT, Username: "ann" });
    expect(t.controller.view()).toEqual({ s: "code", kind: "reset", dest: "a***@e***" });
    await t.send({ t: "code", code: "123456" });
    expect(t.controller.view()).toEqual({ s: "newPassword", user: "ann" });
    expect(t.requests).toHaveLength(1);
    await t.send({ t: "newPassword", pw: "New-pass-1" });
    expect(t.actions()).toEqual(["ForgotPassword", "ConfirmForgotPassword", "InitiateAuth"]);
    expect(t.requests[1].body).toEqual({ ClientId: CLIENT, Username: "ann", ConfirmationCode: "123456", Password: "New-pass-1" });
    expect(t.requests[2].body.AuthParameters).toEqual({ USERNAME: "ann", PASSWORD: "New-pass-1" });
    expect(t.controller.view()).toMatchObject({ s: "signedIn" });
  });

  test("a reset Cognito requires starts by itself at sign-in", async () => {
    const t = controllerWith(() => [failure("PasswordResetRequiredException", "Password reset required for the user"), sent]);
    await t.send({ t: "signIn", pw: "Old-pass-1" });
    expect(t.actions()).toEqual(["InitiateAuth", "ForgotPassword"]);
    expect(t.controller.view()).toEqual({ s: "code", kind: "reset", dest: "a***@e***" });
  });

  test("a wrong code goes back to the code; a password the pool refuses stays on the new password", async () => {
    const t = controllerWith((now) => [
      sent,
      failure("CodeMismatchException", "Invalid verification code provided, please try again."),
      failure("InvalidPasswordException", "Password does not conform to policy: Password not long enough"),
      ok(),
      tokens(now),
    ]);
    await t.send({ t: "forgot", user: "bob" });
    expect(t.requests[0].body.Username).toBe("bob");
    await t.send({ t: "code", code: "000000" });
    await t.send({ t: "newPassword", pw: "New-pass-1" });
    expect(t.controller.view()).toEqual({ s: "code", kind: "reset", dest: "a***@e***", error: { m: "wrongCode" } });
    await t.send({ t: "code", code: "123456" });
    await t.send({ t: "newPassword", pw: "short" });
    expect(t.controller.view()).toEqual({
      s: "newPassword",
      user: "bob",
      error: { m: "newPasswordRejected", x: "Password not long enough" },
    });
    await t.send({ t: "newPassword", pw: "New-pass-1" });
    expect(t.controller.view()).toMatchObject({ s: "signedIn" });
  });

  test("not while signed in", async () => {
    const t = controllerWith((now) => [tokens(now)]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(await t.send({ t: "forgot" })).toEqual([{ t: "state", view: expect.objectContaining({ s: "signedIn" }) }]);
    expect(t.requests).toHaveLength(1);
  });
});

describe("remembered devices", () => {
  const issued = { NewDeviceMetadata: { DeviceKey: "eu-west-1_d-1", DeviceGroupKey: "-grp" } };

  test("a new device is confirmed and remembered, kept with its key, and named by the next sign-in", async () => {
    const store = memoryStore();
    const t = controllerWith(
      (now) => [tokens(now, issued), ok({ UserConfirmationNecessary: true }), ok(), ok(), tokens(now)],
      "password",
      store,
    );
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(t.actions()).toEqual(["InitiateAuth", "ConfirmDevice", "UpdateDeviceStatus"]);
    expect(t.requests[1].body).toMatchObject({
      DeviceKey: "eu-west-1_d-1",
      DeviceName: "Watch",
      DeviceSecretVerifierConfig: { PasswordVerifier: expect.any(String), Salt: expect.any(String) },
    });
    expect(t.requests[2].body).toMatchObject({ DeviceKey: "eu-west-1_d-1", DeviceRememberedStatus: "remembered" });
    expect(t.controller.view()).toMatchObject({ s: "signedIn", device: true });
    const state = t.session.state();
    expect(state.kind === "signedIn" && state.session.deviceKey).toBe("eu-west-1_d-1");
    expect(t.devices.find(POOL, "ann")).toMatchObject({ deviceKey: "eu-west-1_d-1", deviceGroupKey: "-grp" });
    // Signed out (RevokeToken), the device stays; the next sign-in names it.
    await t.send({ t: "signOut", everywhere: false });
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(t.requests[4].body.AuthParameters).toEqual({ USERNAME: "ann", PASSWORD: "Pw-1", DEVICE_KEY: "eu-west-1_d-1" });
    expect(t.controller.view()).toMatchObject({ s: "signedIn", device: true });
  });

  test("a device Cognito no longer knows is forgotten, and the sign-in goes on without it", async () => {
    const store = memoryStore();
    const t = controllerWith((now) => [failure("ResourceNotFoundException", "Device does not exist."), tokens(now)], "password", store);
    t.devices.keep(POOL, "ann", "ann", { deviceKey: "eu-west-1_gone", deviceGroupKey: "-grp", randomPassword: "cGFzcw==" });
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(t.requests.map((r) => r.body.AuthParameters.DEVICE_KEY)).toEqual(["eu-west-1_gone", undefined]);
    expect(t.devices.find(POOL, "ann")).toBeUndefined();
    expect(t.controller.view()).toMatchObject({ s: "signedIn", device: undefined });
  });

  test("sign out and forget this watch: ForgetDevice, then RevokeToken; the device is gone from the phone", async () => {
    const t = controllerWith((now) => [tokens(now, issued), ok({ UserConfirmationNecessary: false }), ok(), ok()]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    await t.send({ t: "signOut", everywhere: false, forget: true });
    expect(t.actions()).toEqual(["InitiateAuth", "ConfirmDevice", "ForgetDevice", "RevokeToken"]);
    expect(t.requests[2].body).toEqual({ AccessToken: expect.any(String), DeviceKey: "eu-west-1_d-1" });
    expect(t.devices.find(POOL, "ann")).toBeUndefined();
    expect(t.controller.view()).toEqual({ s: "signedOut", user: "ann", reason: { m: "signedOutForgotten" } });
  });

  test("a device that fails to confirm is not kept; the session goes on without a key", async () => {
    const t = controllerWith((now) => [tokens(now, issued), failure("InternalErrorException", "boom")]);
    await t.send({ t: "signIn", pw: "Pw-1" });
    expect(t.devices.find(POOL, "ann")).toBeUndefined();
    expect(t.controller.view()).toMatchObject({ s: "signedIn", device: undefined });
  });
});
