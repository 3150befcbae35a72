// How the client builds each request and reads each kind of answer, against scripted answers.
import { createHmac } from "crypto";
import { cognitoClient, CognitoConfigError, CognitoServiceError, CognitoBadResponseError } from "../../../companion/cognito";
import { makeJwt } from "../../support/jwt";
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
  const expected = (user: string) => createHmac("sha256", secret).update(user + CLIENT).digest("base64");
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
  await expect(
    client.respond(step.pending, { name: "NEW_PASSWORD_REQUIRED", newPassword: "N3w!pass" }),
  ).rejects.toBeInstanceOf(CognitoConfigError);
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
    { body: { ChallengeName: "SELECT_MFA_TYPE", ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' }, Session: "s1" } },
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

test("configuration is validated before anything is sent", () => {
  const bad = [
    { userPoolId: "eu-west-1AbC123", clientId: CLIENT },
    { userPoolId: "not a pool_x", clientId: CLIENT },
    { userPoolId: POOL, clientId: "has space" },
    { userPoolId: POOL, clientId: CLIENT, endpoint: "http://example.com/" },
    { userPoolId: POOL, clientId: CLIENT, endpoint: "http://10.0.0.1:9229" },
    { userPoolId: POOL, clientId: CLIENT, endpoint: "ftp://127.0.0.1/" },
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
  expect(fips.config).toMatchObject({ region: "us-gov-west-1", poolName: "Xy9", url: "https://cognito-idp-fips.us-gov-west-1.amazonaws.com/" });
});

test("usernames with spaces or of more than 128 characters never leave the phone", async () => {
  const { fetch, requests } = recordingFetch([]);
  const client = cognitoClient({ userPoolId: POOL, clientId: CLIENT, fetch });
  await expect(client.signIn("a b", "x", { flow: "password" })).rejects.toBeInstanceOf(CognitoConfigError);
  await expect(client.signIn("a".repeat(129), "x", { flow: "password" })).rejects.toBeInstanceOf(CognitoConfigError);
  expect(requests).toHaveLength(0);
});
