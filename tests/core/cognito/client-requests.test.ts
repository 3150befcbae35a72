// How the client builds each request and reads each kind of answer, against scripted answers.
import { createHmac } from "crypto";
import {
  cognitoClient,
  CognitoConfigError,
  CognitoServiceError,
  CognitoBadResponseError,
  CognitoNetworkError,
} from "../../../core/cognito";
import type { CognitoClient, PendingChallenge } from "../../../core/cognito";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { recordingFetch } from "../../support/recording-fetch";

const POOL = "eu-west-1_AbC123";
const CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado";
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function tokens(lifetimeSeconds: number, extra: Record<string, unknown> = {}) {
  const iat = Math.floor(NOW / 1000) + 120; // the issuer's clock runs two minutes ahead of ours
  return {
    AccessToken: makeJwt({ sub: "u-1", username: "internal-1", iat, exp: iat + lifetimeSeconds, client_id: CLIENT }),
    IdToken: makeJwt({ sub: "u-1", "cognito:username": "internal-1", email: "ann@example.com", iat, exp: iat + lifetimeSeconds }),
    RefreshToken: "refresh-1",
    TokenType: "Bearer",
    ...extra,
  };
}

test("USER_PASSWORD_AUTH request: real endpoint, headers, body", async () => {
  const { fetch, requests } = recordingFetch([{ body: { AuthenticationResult: tokens(3600, { ExpiresIn: 3600 }) } }]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW });
  const step = await client.signIn("ann", "pw-1", { flow: "password" });
  expect(requests).toHaveLength(1);
  expect(requests[0].url).toBe("https://cognito-idp.eu-west-1.amazonaws.com/");
  expect(requests[0].target).toBe("AWSCognitoIdentityProviderService.InitiateAuth");
  expect(requests[0].contentType).toBe("application/x-amz-json-1.1");
  expect(requests[0].body).toEqual({
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: CLIENT,
    AuthParameters: { USERNAME: "ann", PASSWORD: "pw-1" },
  });
  expect(step.kind).toBe("signedIn");
  if (step.kind !== "signedIn") return;
  expect(step.tokens.expiresAt).toBe(NOW + 3600 * 1000);
  expect(step.tokens.refreshToken).toBe("refresh-1");
  expect(step.tokens.skewMs).toBe(120 * 1000);
});

test("without ExpiresIn the lifetime comes from exp - iat, counted from local receipt", async () => {
  const { fetch } = recordingFetch([{ body: { AuthenticationResult: tokens(300) } }]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW });
  const step = await client.signIn("ann", "pw", { flow: "password" });
  expect(step.kind === "signedIn" && step.tokens.expiresAt).toBe(NOW + 300 * 1000);
});

test("SECRET_HASH on every call of a client with a secret, keyed on the right username", async () => {
  const secret = "s3cr3tValue+abc";
  const expected = (user: string) =>
    createHmac("sha256", secret)
      .update(user + CLIENT)
      .digest("base64");
  const { fetch, requests } = recordingFetch([
    {
      body: {
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        ChallengeParameters: {
          USER_ID_FOR_SRP: "internal-1",
          requiredAttributes: '["userAttributes.name"]',
          userAttributes: '{"email":"ann@example.com"}',
        },
        Session: "sess-1",
      },
    },
    { body: { AuthenticationResult: tokens(3600) } },
    { body: { AuthenticationResult: { ...tokens(3600), RefreshToken: undefined } } },
  ]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, clientSecret: secret, fetch, now: () => NOW });
  const step = await client.signIn("ann@example.com", "temp", { flow: "password" });
  expect(requests[0].body.AuthParameters.SECRET_HASH).toBe(expected("ann@example.com"));
  expect(step.kind).toBe("challenge");
  if (step.kind !== "challenge") return;
  expect(step.pending.challenge).toEqual({
    name: "NEW_PASSWORD_REQUIRED",
    requiredAttributes: ["name"],
    userAttributes: { email: "ann@example.com" },
  });
  await expect(client.respond(step.pending, { name: "NEW_PASSWORD_REQUIRED", newPassword: "N3w!pass" })).rejects.toBeInstanceOf(
    CognitoConfigError,
  );
  expect(requests).toHaveLength(1); // the missing attribute was caught before sending
  const done = await client.respond(step.pending, {
    name: "NEW_PASSWORD_REQUIRED",
    newPassword: "N3w!pass",
    attributes: { name: "Ann" },
  });
  expect(done.kind).toBe("signedIn");
  expect(requests[1].target).toBe("AWSCognitoIdentityProviderService.RespondToAuthChallenge");
  expect(requests[1].body).toEqual({
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    ClientId: CLIENT,
    Session: "sess-1",
    ChallengeResponses: {
      NEW_PASSWORD: "N3w!pass",
      "userAttributes.name": "Ann",
      USERNAME: "internal-1",
      SECRET_HASH: expected("internal-1"),
    },
  });
  const refreshed = await client.refresh("refresh-1", "internal-1");
  expect(requests[2].body).toEqual({
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: CLIENT,
    AuthParameters: { REFRESH_TOKEN: "refresh-1", SECRET_HASH: expected("internal-1") },
  });
  expect(refreshed.refreshToken).toBeUndefined();
});

test("errors are keyed on the type, from the body or the header, whatever the status", async () => {
  const { fetch } = recordingFetch([
    { status: 400, body: { __type: "com.amazonaws.cognito#NotAuthorizedException", message: "Incorrect username or password." } },
    { status: 403, body: "", headers: { "x-amzn-ErrorType": "UserNotFoundException:http://internal.amazon.com/coral/" } },
    { status: 200, body: { __type: "TooManyRequestsException", message: "slow down" } },
  ]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch });
  const caught: CognitoServiceError[] = [];
  for (let i = 0; i < 3; i++) {
    await client.signIn("ann", "x", { flow: "password" }).catch((e) => caught.push(e));
  }
  expect(caught.map((e) => [e.type, e.status, e.serverMessage])).toEqual([
    ["NotAuthorizedException", 400, "Incorrect username or password."],
    ["UserNotFoundException", 403, ""],
    ["TooManyRequestsException", 200, "slow down"],
  ]);
  for (const e of caught) expect(e).toBeInstanceOf(CognitoServiceError);
});

test("an answer with neither tokens nor a challenge is a bad response", async () => {
  const { fetch } = recordingFetch([{ body: { ChallengeParameters: {} } }, { body: [1, 2] }]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch });
  await expect(client.signIn("ann", "x", { flow: "password" })).rejects.toBeInstanceOf(CognitoBadResponseError);
  await expect(client.signIn("ann", "x", { flow: "password" })).rejects.toBeInstanceOf(CognitoBadResponseError);
});

test("MFA challenges read and answered with the right response keys", async () => {
  const { fetch, requests } = recordingFetch([
    {
      body: {
        ChallengeName: "SELECT_MFA_TYPE",
        ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' },
        Session: "s1",
      },
    },
    { body: { ChallengeName: "SOFTWARE_TOKEN_MFA", ChallengeParameters: {}, Session: "s2" } },
    { body: { AuthenticationResult: tokens(3600) } },
  ]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW });
  const s1 = await client.signIn("ann", "pw", { flow: "password" });
  if (s1.kind !== "challenge") throw new Error("expected a challenge");
  expect(s1.pending.challenge).toEqual({ name: "SELECT_MFA_TYPE", options: ["SOFTWARE_TOKEN_MFA", "SMS_MFA"] });
  const s2 = await client.respond(s1.pending, { name: "SELECT_MFA_TYPE", choice: "SOFTWARE_TOKEN_MFA" });
  if (s2.kind !== "challenge") throw new Error("expected a challenge");
  expect(s2.pending.challenge).toEqual({ name: "SOFTWARE_TOKEN_MFA" });
  const s3 = await client.respond(s2.pending, { name: "SOFTWARE_TOKEN_MFA", code: "123456" });
  expect(s3.kind).toBe("signedIn");
  expect(requests[1].body.ChallengeResponses).toEqual({ ANSWER: "SOFTWARE_TOKEN_MFA", USERNAME: "ann" });
  expect(requests[2].body.ChallengeResponses).toEqual({ SOFTWARE_TOKEN_MFA_CODE: "123456", USERNAME: "ann" });
  expect(requests[2].body.Session).toBe("s2");
  await expect(client.respond(s2.pending, { name: "SMS_MFA", code: "1" })).rejects.toThrow(/SMS_MFA/);
});

// The run-time check above is for a challenge known only as a union; where its name is known, the
// compiler refuses another challenge's answer (npm run typecheck checks these lines).
test("respond() takes the answer the pending challenge's name takes", () => {
  const answers = (
    client: CognitoClient,
    totp: PendingChallenge<"SOFTWARE_TOKEN_MFA">,
    newPassword: PendingChallenge<"NEW_PASSWORD_REQUIRED">,
    any: PendingChallenge,
  ) => [
    client.respond(totp, { name: "SOFTWARE_TOKEN_MFA", code: "123456" }),
    // @ts-expect-error an SMS_MFA answer to a SOFTWARE_TOKEN_MFA challenge
    client.respond(totp, { name: "SMS_MFA", code: "123456" }),
    // @ts-expect-error a code for a challenge that takes a new password
    client.respond(newPassword, { name: "NEW_PASSWORD_REQUIRED", code: "1" }),
    // @ts-expect-error PASSWORD_VERIFIER is the client's to answer
    client.respond(any, { name: "PASSWORD_VERIFIER" }),
    // @ts-expect-error a custom challenge's answer is text
    client.respond(any, { name: "CUSTOM_CHALLENGE", answer: 42 }),
    client.respond(any, { name: "SMS_MFA", code: "123456" }),
  ];
  expect(answers).toBeInstanceOf(Function);
});

test("configuration is validated before anything is sent", () => {
  const bad = [
    { userPoolId: "eu-west-1AbC123", clientId: CLIENT },
    { userPoolId: "not a pool_x", clientId: CLIENT },
    { userPoolId: POOL, clientId: "has space" },
    { userPoolId: POOL, clientId: CLIENT, endpoint: "http://example.com/" },
    { userPoolId: POOL, clientId: CLIENT, endpoint: "http://10.0.0.1:9229" },
    { userPoolId: POOL, clientId: CLIENT, endpoint: "ftp://127.0.0.1/" },
    { userPoolId: POOL, clientId: CLIENT, clientSecret: "not/a/secret" },
  ];
  for (const settings of bad) expect(() => cognitoClient(settings)).toThrow(CognitoConfigError);
  const ok = [
    { endpoint: "http://127.0.0.1:9229", url: "http://127.0.0.1:9229/" },
    { endpoint: "http://localhost:9229/", url: "http://localhost:9229/" },
    { endpoint: "http://[::1]:9229", url: "http://[::1]:9229/" },
    { endpoint: "https://proxy.example.com/cognito", url: "https://proxy.example.com/cognito" },
  ];
  for (const { endpoint, url } of ok) {
    expect(cognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint }).config.url).toBe(url);
  }
  const fips = cognitoClient({ userPoolId: "us-gov-west-1_Xy9", clientId: CLIENT, fips: true });
  expect(fips.config).toMatchObject({
    region: "us-gov-west-1",
    poolName: "Xy9",
    url: "https://cognito-idp-fips.us-gov-west-1.amazonaws.com/",
  });
});

test("usernames with spaces or of more than 128 characters never leave the phone", async () => {
  const { fetch, requests } = recordingFetch([]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch });
  await expect(client.signIn("a b", "x", { flow: "password" })).rejects.toBeInstanceOf(CognitoConfigError);
  await expect(client.signIn("a".repeat(129), "x", { flow: "password" })).rejects.toBeInstanceOf(CognitoConfigError);
  expect(requests).toHaveLength(0);
});

test("the token calls: ClientSecret rides along only for a client with a secret; GetUser reads the attributes", async () => {
  const secret = "s3cr3tValue+abc";
  const answers = () => [
    { body: { AuthenticationResult: tokens(3600, { RefreshToken: "refresh-2" }) } },
    { body: {} },
    { body: {} },
    {
      body: {
        Username: "internal-1",
        UserAttributes: [{ Name: "email", Value: "ann@example.com" }, { Name: "sub", Value: "u-1" }, { Name: "odd" }, null],
      },
    },
  ];
  const run = async (clientSecret?: string) => {
    const { fetch, requests } = recordingFetch(answers());
    const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, clientSecret, fetch, now: () => NOW });
    const rotated = await client.refreshRotating("refresh-1");
    await client.revokeToken("refresh-2");
    await client.globalSignOut("access-1");
    const me = await client.getUser("access-1");
    return { requests, rotated, me };
  };

  const plain = await run();
  expect(plain.rotated.refreshToken).toBe("refresh-2");
  expect(plain.requests.map((r) => [r.target.split(".")[1], r.body])).toEqual([
    ["GetTokensFromRefreshToken", { RefreshToken: "refresh-1", ClientId: CLIENT }],
    ["RevokeToken", { Token: "refresh-2", ClientId: CLIENT }],
    ["GlobalSignOut", { AccessToken: "access-1" }],
    ["GetUser", { AccessToken: "access-1" }],
  ]);
  expect(plain.me).toEqual({ username: "internal-1", attributes: { email: "ann@example.com", sub: "u-1" } });

  const withSecret = await run(secret);
  expect(withSecret.requests.map((r) => r.body)).toEqual([
    { RefreshToken: "refresh-1", ClientId: CLIENT, ClientSecret: secret },
    { Token: "refresh-2", ClientId: CLIENT, ClientSecret: secret },
    { AccessToken: "access-1" },
    { AccessToken: "access-1" },
  ]);
});

test("USER_AUTH: the password as preferred first factor; a PASSWORD_SRP choice proves it without sending it", async () => {
  const password = "Pw-choice-1";
  const { fetch, requests } = recordingFetch([
    { body: { AuthenticationResult: tokens(3600) } },
    {
      body: {
        ChallengeName: "SELECT_CHALLENGE",
        AvailableChallenges: ["PASSWORD_SRP", "EMAIL_OTP"],
        ChallengeParameters: {},
        Session: "s1",
      },
    },
    {
      body: {
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeParameters: {
          SALT: "0a1b2c",
          SRP_B: "5".repeat(700),
          SECRET_BLOCK: Buffer.from("block").toString("base64"),
          USER_ID_FOR_SRP: "internal-1",
        },
      },
    },
    { body: { AuthenticationResult: tokens(3600) } },
  ]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW });

  const direct = await client.signIn("ann", password, { flow: "choice" });
  expect(direct.kind === "signedIn" && direct.flow).toBe("USER_AUTH");
  expect(requests[0].body.AuthParameters).toEqual({ USERNAME: "ann", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: password });

  const choice = await client.signIn("ann", "", { flow: "choice" });
  if (choice.kind !== "challenge") throw new Error("expected a choice");
  expect(requests[1].body.AuthParameters).toEqual({ USERNAME: "ann" });
  const done = await client.respond(choice.pending, { name: "SELECT_CHALLENGE", choice: "PASSWORD_SRP", password });
  expect(done.kind === "signedIn" && done.flow).toBe("USER_AUTH");
  expect(requests[2].body).toMatchObject({
    ChallengeName: "SELECT_CHALLENGE",
    Session: "s1",
    ChallengeResponses: { ANSWER: "PASSWORD_SRP", USERNAME: "ann" },
  });
  expect(requests[2].body.ChallengeResponses.SRP_A).toMatch(/^[0-9a-f]+$/);
  // PASSWORD_VERIFIER came without a Session: none is sent back.
  expect(requests[3].body).toEqual({
    ChallengeName: "PASSWORD_VERIFIER",
    ClientId: CLIENT,
    ChallengeResponses: {
      PASSWORD_CLAIM_SIGNATURE: expect.any(String),
      PASSWORD_CLAIM_SECRET_BLOCK: Buffer.from("block").toString("base64"),
      TIMESTAMP: "Thu Nov 26 12:00:00 UTC 2026",
      USERNAME: "internal-1",
    },
  });
  expect(JSON.stringify(requests.slice(1))).not.toContain(password);
});

test("a fetch that throws instead of rejecting is a network error; a bad port is a bad endpoint", async () => {
  const throwing = cognitoClient({
    userPoolId: POOL,
    clientId: CLIENT,
    fetch: () => {
      throw new TypeError("boom");
    },
  });
  const err = await throwing.signIn("ann", "x", { flow: "password" }).then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(CognitoNetworkError);
  expect(err.message).toBe("network error: boom");
  expect(() => cognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint: "http://127.0.0.1:70000" })).toThrow(CognitoConfigError);
});
