// The sign-in controller on its own: every challenge the client can bring, posed by a scripted Cognito,
// → the view the watch is shown; what the wearer sends from it → the request that goes out; a request
// that does not fit the challenge → nothing sent. A real client and session manager, on a fake clock.
import { ChallengeName, SignInFlow, cognitoClient } from "../../../core/cognito";
import { sessionManager } from "../../../core/session";
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

function tokens(now: number) {
  const iat = Math.floor(now / 1000);
  const jwt = makeJwt({ sub: "u-1", username: "ann", "cognito:username": "ann", email: "ann@example.com", iat, exp: iat + 3600 });
  return { body: { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r-1", ExpiresIn: 3600 } } };
}

const posed = (name: string, parameters: { [key: string]: string } = {}, extra: object = {}): ScriptedAnswer => ({
  body: { ChallengeName: name, ChallengeParameters: parameters, Session: SESSION, ...extra },
});

/** Session managers to dispose of (their refresh timers) after each test. */
const live: { dispose(): void }[] = [];
afterEach(() => live.splice(0).forEach((session) => session.dispose()));

/** The controller with a client whose Cognito answers from `script`, signed in as "ann" by `flow`. */
function controllerWith(script: (now: number) => ScriptedAnswer[], flow: SignInFlow = "password") {
  const clock = fakeClock();
  const { fetch, requests } = recordingFetch(script(clock.now()));
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: clock.now });
  const config: ConfigResult = {
    ok: true,
    config: { client, username: "ann", flow, service: { ok: true, url: "https://api.example.com" }, callToken: "access" },
  };
  const session = sessionManager({
    store: memoryStore(),
    client: () => client,
    now: clock.now,
    timers: clock.timers,
    log: () => undefined,
  });
  const controller = signInController({ config: () => config, session, now: clock.now, log: () => undefined });
  /** Sends a request as the watch does; resolves with what only the requester was told, when the work is done. */
  const send = async (msg: ToCompanion) => {
    const replies: ToWatch[] = [];
    await controller.handle(msg, (reply) => replies.push(reply));
    return replies;
  };
  live.push(session);
  return { controller, requests, send, responses: () => requests.map((r) => r.body.ChallengeResponses).filter(Boolean) };
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
  MFA_SETUP: {
    posed: posed("MFA_SETUP", { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }),
    view: { s: "signedOut", user: "ann", reason: { m: "setUpMfa" } },
  },
  // The client answers it itself inside an SRP sign-in; one posed to a password sign-in is a bad answer.
  PASSWORD_VERIFIER: {
    posed: posed("PASSWORD_VERIFIER", { SALT: "a1b2", SRP_B: "05", SECRET_BLOCK: "c2VjcmV0", USER_ID_FOR_SRP: "ann" }),
    view: { s: "signedOut", user: "ann", reason: { m: "badAnswer" } },
  },
  UNSUPPORTED: {
    posed: posed("CUSTOM_CHALLENGE", { anything: "x" }),
    view: { s: "signedOut", user: "ann", reason: { m: "unsupportedStep", x: "CUSTOM_CHALLENGE" } },
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
  const failure = (type: string, message: string): ScriptedAnswer => ({ status: 400, body: { __type: type, message } });

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
