// Custom authentication on the sandbox's cognito-local (the emulator runs no Lambda; custom-auth.ts serves
// CUSTOM_AUTH for pools whose LambdaConfig names a sandbox script, lambda-scripts.ts), over raw wire
// requests, and with the password proven first by amazon-cognito-identity-js: the challenges as the
// phone-side client meets them, retries with a new Session, the third wrong answer, old Sessions refused,
// ClientMetadata arriving, and the refusals of a pool or client not set up for it.
import { CognitoAdmin, cognitoAdmin, customAuthLambdas, LambdaConfig } from "../../../sandbox/cognito-admin";
import { callCognito, CognitoReply } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { ScriptName } from "../../../sandbox/lambda-scripts";
import { lastCode, sentCodes } from "../../../sandbox/last-code";
import { recordCognitoRequests } from "../../support/cognito-requests";
import { customSignInWithLibrary } from "../../support/library-custom-auth";
import { AuthReply, expectOk, jwtPayload, refreshSignIn } from "../../support/raw-auth";

let emulator: CognitoLocal;
let admin: CognitoAdmin;

interface Pool {
  userPoolId: string;
  clientId: string;
}

async function pool(name: string, lambdaConfig?: LambdaConfig, customAuth = true): Promise<Pool> {
  const { userPoolId } = await admin.createUserPool({ name, lambdaConfig });
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: `${name}-app`,
    explicitAuthFlows: customAuth
      ? ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
      : ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  return { userPoolId, clientId };
}

const pools = {} as Record<ScriptName, Pool>;
beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
  for (const script of ["code", "question", "bare", "metadata", "fail"] as const)
    pools[script] = await pool(script, customAuthLambdas(script));
});
afterAll(() => emulator?.stop());
afterEach(() => jest.restoreAllMocks());

let count = 0;
async function user(at: Pool, attributes: Record<string, string> = {}): Promise<{ username: string; password: string }> {
  const username = `custom${++count}`;
  const password = `Custom-${count}-password`;
  await admin.adminCreateUser({
    userPoolId: at.userPoolId,
    username,
    temporaryPassword: `Temp${count}pass`,
    attributes: { email: `${username}@example.com`, ...attributes },
  });
  await admin.adminSetUserPassword({ userPoolId: at.userPoolId, username, password, permanent: true });
  return { username, password };
}

const start = (at: Pool, username: string, clientMetadata?: Record<string, string>) =>
  callCognito<AuthReply>(emulator.endpoint, "InitiateAuth", {
    AuthFlow: "CUSTOM_AUTH",
    ClientId: at.clientId,
    AuthParameters: { USERNAME: username },
    ...(clientMetadata ? { ClientMetadata: clientMetadata } : {}),
  });
const answer = (at: Pool, session: string, username: string, text: string, clientMetadata?: Record<string, string>) =>
  callCognito<AuthReply>(emulator.endpoint, "RespondToAuthChallenge", {
    ClientId: at.clientId,
    ChallengeName: "CUSTOM_CHALLENGE",
    Session: session,
    ChallengeResponses: { USERNAME: username, ANSWER: text },
    ...(clientMetadata ? { ClientMetadata: clientMetadata } : {}),
  });
const refused = (reply: CognitoReply<unknown>) => (reply.ok ? "accepted" : `${reply.type}: ${reply.message}`);
const FAILED = "NotAuthorizedException: Incorrect username or password.";
const INVALID_SESSION = "NotAuthorizedException: Invalid session for the user.";

describe("the code script", () => {
  test("a CUSTOM_CHALLENGE with the prompt and the digits format, a code in the mailbox, its right answer → tokens that refresh", async () => {
    const { username } = await user(pools.code);
    const challenge = expectOk(await start(pools.code, username));
    expect(challenge.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(challenge.ChallengeParameters).toEqual({
      prompt: "Type the code we sent to your email",
      answerFormat: "digits",
      USERNAME: username,
    });
    expect(challenge.Session).toEqual(expect.any(String));
    const codes = await sentCodes(emulator.endpoint, pools.code.userPoolId, username);
    expect(codes).toEqual([
      {
        code: expect.stringMatching(/^\d{6}$/),
        purpose: "CUSTOM_CHALLENGE",
        destination: `${username}@example.com`,
        sentAt: expect.any(String),
      },
    ]);

    const tokens = expectOk(await answer(pools.code, challenge.Session!, username, codes[0].code)).AuthenticationResult!;
    expect(jwtPayload(tokens.AccessToken)).toMatchObject({ username, client_id: pools.code.clientId, token_use: "access" });
    expect(jwtPayload(tokens.IdToken)).toMatchObject({ "cognito:username": username, email: `${username}@example.com` });
    expect(expectOk(await refreshSignIn(emulator.endpoint, pools.code.clientId, tokens.RefreshToken!)).AuthenticationResult).toBeDefined();
  });

  test("a wrong answer: another CUSTOM_CHALLENGE with a new Session, the same code still good, no second code sent", async () => {
    const { username } = await user(pools.code);
    const first = expectOk(await start(pools.code, username));
    const code = await lastCode(emulator.endpoint, pools.code.userPoolId, username);
    const wrong = code === "000000" ? "111111" : "000000";
    const retry = expectOk(await answer(pools.code, first.Session!, username, wrong));
    expect(retry.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(retry.ChallengeParameters).toEqual(first.ChallengeParameters);
    expect(retry.Session).toEqual(expect.any(String));
    expect(retry.Session).not.toBe(first.Session);
    expect(await sentCodes(emulator.endpoint, pools.code.userPoolId, username)).toHaveLength(1);

    // The first Session answered once: it is refused now, even with the right code.
    expect(refused(await answer(pools.code, first.Session!, username, code))).toBe(INVALID_SESSION);
    const tokens = expectOk(await answer(pools.code, retry.Session!, username, code)).AuthenticationResult;
    expect(jwtPayload(tokens!.AccessToken).username).toBe(username);
    // And the Session that brought the tokens is spent too.
    expect(refused(await answer(pools.code, retry.Session!, username, code))).toBe(INVALID_SESSION);
  });

  test("three wrong answers fail the sign-in with NotAuthorizedException; each sign-in sends a fresh code", async () => {
    const { username } = await user(pools.code);
    let reply = expectOk(await start(pools.code, username));
    const code = await lastCode(emulator.endpoint, pools.code.userPoolId, username);
    const wrong = code === "000000" ? "111111" : "000000";
    reply = expectOk(await answer(pools.code, reply.Session!, username, wrong));
    reply = expectOk(await answer(pools.code, reply.Session!, username, wrong));
    const third = await answer(pools.code, reply.Session!, username, wrong);
    expect(refused(third)).toBe(FAILED);
    expect(refused(await answer(pools.code, reply.Session!, username, code))).toBe(INVALID_SESSION);

    const again = expectOk(await start(pools.code, username));
    expect(again.ChallengeName).toBe("CUSTOM_CHALLENGE");
    const codes = await sentCodes(emulator.endpoint, pools.code.userPoolId, username);
    expect(codes).toHaveLength(2);
    expect(expectOk(await answer(pools.code, again.Session!, username, codes[1].code)).AuthenticationResult).toBeDefined();
  });

  test("a Session made up, or one of another app client, is refused", async () => {
    const { username } = await user(pools.code);
    const challenge = expectOk(await start(pools.code, username));
    expect(refused(await answer(pools.code, "not-a-session", username, "123456"))).toBe(INVALID_SESSION);
    expect(refused(await answer(pools.bare, challenge.Session!, username, "123456"))).toBe(INVALID_SESSION);
  });

  test("SRP_A first (amazon-cognito-identity-js): the password proven, then the code → tokens; a wrong password fails before any code", async () => {
    const { username, password } = await user(pools.code);
    const endpointPool = { ...pools.code, endpoint: emulator.endpoint };
    const requests = recordCognitoRequests();
    const signedIn = await customSignInWithLibrary(endpointPool, username, password, () =>
      lastCode(emulator.endpoint, pools.code.userPoolId, username),
    );
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.err.code}: ${signedIn.err.message}`);
    expect(jwtPayload(signedIn.accessToken).username).toBe(username);
    expect(signedIn.challenges).toEqual([{ prompt: "Type the code we sent to your email", answerFormat: "digits", USERNAME: username }]);
    const sent = requests
      .bodies()
      .split("\n")
      .map((body) => JSON.parse(body));
    expect(sent[0]).toMatchObject({ AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: username, CHALLENGE_NAME: "SRP_A" } });
    expect(sent.slice(1).map((body) => body.ChallengeName)).toEqual(["PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"]);

    const before = (await sentCodes(emulator.endpoint, pools.code.userPoolId, username)).length;
    const wrong = await customSignInWithLibrary(endpointPool, username, `${password}-wrong`, () => "000000");
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(`${wrong.err.code}: ${wrong.err.message}`).toBe(FAILED);
    expect(wrong.challenges).toEqual([]);
    expect(await sentCodes(emulator.endpoint, pools.code.userPoolId, username)).toHaveLength(before);
  });
});

describe("the other scripts", () => {
  test("question: the prompt alone (a keyboard answer), the user's custom:pet or else rex, any case", async () => {
    const fido = await user(pools.question, { "custom:pet": "Fido" });
    const challenge = expectOk(await start(pools.question, fido.username));
    expect(challenge.ChallengeParameters).toEqual({ prompt: "Name of your first pet?", USERNAME: fido.username });
    const retry = expectOk(await answer(pools.question, challenge.Session!, fido.username, "rex"));
    expect(retry.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(expectOk(await answer(pools.question, retry.Session!, fido.username, "fIDO")).AuthenticationResult).toBeDefined();

    const plain = await user(pools.question);
    const asked = expectOk(await start(pools.question, plain.username));
    expect(expectOk(await answer(pools.question, asked.Session!, plain.username, "REX")).AuthenticationResult).toBeDefined();
  });

  test("bare: parameters of no convention at all, answered blue", async () => {
    const { username } = await user(pools.bare);
    const challenge = expectOk(await start(pools.bare, username));
    expect(challenge.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(challenge.ChallengeParameters).toEqual({ q: "Favourite colour?", USERNAME: username });
    const retry = expectOk(await answer(pools.bare, challenge.Session!, username, "red"));
    expect(expectOk(await answer(pools.bare, retry.Session!, username, "blue")).AuthenticationResult).toBeDefined();
  });

  test("fail: the sign-in fails at once with NotAuthorizedException", async () => {
    const { username } = await user(pools.fail);
    expect(refused(await start(pools.fail, username))).toBe(FAILED);
  });

  test("metadata: ClientMetadata { tenant: acme } must arrive with InitiateAuth and with the answer", async () => {
    const { username } = await user(pools.metadata);
    const acme = { tenant: "acme" };
    expect(refused(await start(pools.metadata, username))).toBe(FAILED);
    expect(refused(await start(pools.metadata, username, { tenant: "other" }))).toBe(FAILED);

    const challenge = expectOk(await start(pools.metadata, username, acme));
    expect(challenge.ChallengeParameters).toEqual({ prompt: "Type the name of your organisation", USERNAME: username });
    expect(refused(await answer(pools.metadata, challenge.Session!, username, "acme"))).toBe(FAILED);

    const again = expectOk(await start(pools.metadata, username, acme));
    expect(expectOk(await answer(pools.metadata, again.Session!, username, "acme", acme)).AuthenticationResult).toBeDefined();
  });
});

describe("what is refused before any challenge", () => {
  test("an unknown user; an app client without ALLOW_CUSTOM_AUTH; a pool without the Lambdas, or with Lambdas the sandbox cannot run", async () => {
    expect(refused(await start(pools.code, "nobody"))).toBe(FAILED);

    const noFlow = await pool("no-custom-flow", customAuthLambdas("code"), false);
    const one = await user(noFlow);
    expect(refused(await start(noFlow, one.username))).toBe("InvalidParameterException: CUSTOM_AUTH flow not enabled for this client");

    const noLambdas = await pool("no-lambdas");
    const two = await user(noLambdas);
    expect(refused(await start(noLambdas, two.username))).toBe(
      "InvalidParameterException: Custom auth lambda trigger is not configured for the user pool.",
    );

    const realLambda = await pool("real-lambda", {
      ...customAuthLambdas("code"),
      DefineAuthChallenge: "arn:aws:lambda:eu-west-1:123456789012:function:define",
    });
    const three = await user(realLambda);
    expect(await start(realLambda, three.username)).toMatchObject({ ok: false, type: "UnexpectedLambdaException" });
  });

  test("a user whose password an administrator reset (RESET_REQUIRED) gets PasswordResetRequiredException, not a challenge", async () => {
    const { username } = await user(pools.code);
    await admin.adminResetUserPassword({ userPoolId: pools.code.userPoolId, username });
    expect(refused(await start(pools.code, username))).toBe("PasswordResetRequiredException: Password reset required for the user");
    // No custom code was sent: the one code in the mailbox is the reset's.
    expect((await sentCodes(emulator.endpoint, pools.code.userPoolId, username)).map((c) => c.purpose)).toEqual(["AdminResetUserPassword"]);
  });
});
