// Where cognito-local 5.3.0 differs from real Cognito, pinned down so that (a) tests of our client know
// which failures the emulator can and cannot produce, and (b) an upgrade that changes any of it shows up
// here. The emulator runs unpatched in this file. Real Cognito's behaviour is as the project's design notes record it.
import { cognitoAdmin, CognitoAdmin } from "../../../sandbox/cognito-admin";
import { callCognito } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { totpFromBase32 } from "../../../sandbox/totp";
import { answerChallenge, expectOk, jwtPayload, passwordSignIn, refreshSignIn } from "../../support/raw-auth";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
let endpoint: string;
let count = 0;

beforeAll(async () => {
  emulator = await startCognitoLocal({ asRealCognito: false });
  endpoint = emulator.endpoint;
  admin = cognitoAdmin(endpoint);
});
afterAll(() => emulator?.stop());

async function setUp(
  options: { mfa?: "OFF" | "OPTIONAL" | "ON"; explicitAuthFlows?: ["ALLOW_USER_SRP_AUTH"]; generateSecret?: boolean } = {},
) {
  const { userPoolId } = await admin.createUserPool({ name: `quirks-${++count}`, mfa: options.mfa, passwordPolicy: { MinimumLength: 12 } });
  const client = await admin.createUserPoolClient({
    userPoolId,
    name: "app",
    generateSecret: options.generateSecret,
    explicitAuthFlows: options.explicitAuthFlows,
  });
  await admin.adminCreateUser({ userPoolId, username: "user", temporaryPassword: "Temporary-123" });
  await admin.adminSetUserPassword({ userPoolId, username: "user", password: "Permanent-123", permanent: true });
  return { userPoolId, ...client };
}

describe("errors", () => {
  it("a wrong password is InvalidPasswordException (Cognito: NotAuthorizedException), as JSON without x-amzn-ErrorType", async () => {
    const { clientId } = await setUp();
    const reply = await passwordSignIn(endpoint, clientId, "user", "wrong");
    expect(reply).toMatchObject({ ok: false, status: 400, type: "InvalidPasswordException", message: "Invalid password" });
    expect(reply.contentType).toBe("application/json; charset=utf-8");
    const raw = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
      body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "user", PASSWORD: "wrong" } }),
    });
    expect(raw.headers.get("x-amzn-errortype")).toBeNull();
    expect(await raw.json()).toEqual({ __type: "InvalidPasswordException", message: "Invalid password" });
  });

  it("an unknown user is NotAuthorizedException; an unknown or missing client is ResourceNotFoundException", async () => {
    const { clientId } = await setUp();
    expect(await passwordSignIn(endpoint, clientId, "nobody", "x")).toMatchObject({
      status: 400,
      type: "NotAuthorizedException",
      message: "User not authorized",
    });
    expect(await passwordSignIn(endpoint, "no-such-client", "user", "x")).toMatchObject({
      status: 400,
      type: "ResourceNotFoundException",
      message: "App Client no-such-client not found",
    });
  });

  it("what it does not support is HTTP 500 with __type CognitoLocal#Unsupported", async () => {
    const { clientId } = await setUp();
    const unsupported = [
      ["InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "user", SRP_A: "02" } }],
      ["InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "user" } }],
      ["InitiateAuth", { AuthFlow: "CUSTOM_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "user" } }],
      ["GlobalSignOut", { AccessToken: "x" }],
      ["GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: "x" }],
      ["AdminSetUserMFAPreference", { UserPoolId: "x", Username: "user" }],
    ] as const;
    for (const [action, body] of unsupported) {
      const reply = await callCognito(endpoint, action, body);
      expect({ action, ok: reply.ok, status: reply.status, body: reply.body }).toMatchObject({
        action,
        ok: false,
        status: 500,
        body: { __type: "CognitoLocal#Unsupported" },
      });
    }
  });

  it("a JSON body labelled application/json is not read (HTTP 500, body {}); malformed JSON gets an HTML 400", async () => {
    const { clientId } = await setUp();
    const asJson = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
      body: JSON.stringify({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "user", PASSWORD: "Permanent-123" },
      }),
    });
    expect(asJson.status).toBe(500);
    expect(await asJson.text()).toBe("{}");

    const malformed = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toMatch(/^text\/html/);
  });
});

describe("successful answers", () => {
  it("are application/x-amz-json-1.1 and carry neither ExpiresIn nor TokenType", async () => {
    const { clientId } = await setUp();
    const reply = await passwordSignIn(endpoint, clientId, "user", "Permanent-123");
    expect(reply.contentType).toBe("application/x-amz-json-1.1; charset=utf-8");
    expect(Object.keys(expectOk(reply).AuthenticationResult!).sort()).toEqual(["AccessToken", "IdToken", "RefreshToken"]);
  });

  it("token lifetimes default to 24 h / 24 h / 7 d (Cognito: 1 h / 1 h / 30 d); an ID token validity without units is minutes", async () => {
    const { userPoolId } = await admin.createUserPool({ name: `lifetimes-${++count}` });
    await admin.adminCreateUser({ userPoolId, username: "user", temporaryPassword: "T" });
    await admin.adminSetUserPassword({ userPoolId, username: "user", password: "P", permanent: true });
    const lifetimes = async (client: object) => {
      const created = expectOk(
        await callCognito<{ UserPoolClient: { ClientId: string } }>(endpoint, "CreateUserPoolClient", {
          UserPoolId: userPoolId,
          ClientName: "c",
          ...client,
        }),
      );
      const tokens = expectOk(await passwordSignIn(endpoint, created.UserPoolClient.ClientId, "user", "P")).AuthenticationResult!;
      return [tokens.AccessToken, tokens.IdToken, tokens.RefreshToken!].map((t) => {
        const { exp, iat } = jwtPayload(t) as { exp: number; iat: number };
        return exp - iat;
      });
    };
    expect(await lifetimes({})).toEqual([86_400, 86_400, 604_800]);
    expect(await lifetimes({ AccessTokenValidity: 1, IdTokenValidity: 1, RefreshTokenValidity: 1 })).toEqual([3_600, 60, 86_400]);
  });
});

describe("what it does not check", () => {
  it("answers NEW_PASSWORD_REQUIRED without checking the temporary password", async () => {
    const { userPoolId, clientId } = await setUp();
    await admin.adminCreateUser({ userPoolId, username: "fresh", temporaryPassword: "Temporary-123" });
    expect(expectOk(await passwordSignIn(endpoint, clientId, "fresh", "not-the-password")).ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
  });

  it("takes any Session and any new password, whatever the pool's password policy", async () => {
    const { userPoolId, clientId } = await setUp();
    await admin.adminCreateUser({ userPoolId, username: "fresh", temporaryPassword: "Temporary-123" });
    const answered = await answerChallenge(endpoint, clientId, "NEW_PASSWORD_REQUIRED", "made-up-session", {
      USERNAME: "fresh",
      NEW_PASSWORD: "x",
    });
    expect(expectOk(answered).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("ignores ExplicitAuthFlows and SECRET_HASH", async () => {
    const { clientId, clientSecret } = await setUp({ explicitAuthFlows: ["ALLOW_USER_SRP_AUTH"], generateSecret: true });
    expect(clientSecret).toBeTruthy();
    // USER_PASSWORD_AUTH is not allowed on this client, and no SECRET_HASH is sent: both pass anyway.
    expect(expectOk(await passwordSignIn(endpoint, clientId, "user", "Permanent-123")).AuthenticationResult).toBeDefined();
    const wrongHash = await callCognito(endpoint, "InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: "user", PASSWORD: "Permanent-123", SECRET_HASH: "d3Jvbmc=" },
    });
    expect(wrongHash.ok).toBe(true);
  });

  it("does not expire tokens: an expired refresh token still refreshes, an expired access token still reads the user", async () => {
    const { userPoolId } = await admin.createUserPool({ name: `expiry-${++count}` });
    const { clientId } = await admin.createUserPoolClient({
      userPoolId,
      name: "c",
      accessToken: { value: 1, unit: "seconds" },
      refreshToken: { value: 1, unit: "seconds" },
    });
    await admin.adminCreateUser({ userPoolId, username: "user", temporaryPassword: "T" });
    await admin.adminSetUserPassword({ userPoolId, username: "user", password: "P", permanent: true });
    const tokens = expectOk(await passwordSignIn(endpoint, clientId, "user", "P")).AuthenticationResult!;
    const { exp } = jwtPayload(tokens.RefreshToken!) as { exp: number };
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 1100));
    expect(Date.now() / 1000).toBeGreaterThan(exp + 1);

    expect((await refreshSignIn(endpoint, clientId, tokens.RefreshToken!)).ok).toBe(true);
    const user = await callCognito<{ Username: string }>(endpoint, "GetUser", { AccessToken: tokens.AccessToken });
    expect(expectOk(user).Username).toBe("user");
  });
});

describe("refresh tokens", () => {
  it("unpatched, it forgets the refresh token issued by RespondToAuthChallenge (Cognito accepts it)", async () => {
    const { userPoolId, clientId } = await setUp();
    await admin.adminCreateUser({ userPoolId, username: "fresh", temporaryPassword: "Temporary-123" });
    const challenge = expectOk(await passwordSignIn(endpoint, clientId, "fresh", "Temporary-123"));
    const fromChallenge = expectOk(
      await answerChallenge(endpoint, clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, {
        USERNAME: "fresh",
        NEW_PASSWORD: "Chosen-123456",
      }),
    ).AuthenticationResult!;
    expect(await refreshSignIn(endpoint, clientId, fromChallenge.RefreshToken!)).toMatchObject({
      ok: false,
      type: "NotAuthorizedException",
    });

    const fromPassword = expectOk(await passwordSignIn(endpoint, clientId, "fresh", "Chosen-123456")).AuthenticationResult!;
    expect((await refreshSignIn(endpoint, clientId, fromPassword.RefreshToken!)).ok).toBe(true);
  });

  it("RevokeToken works: a revoked refresh token is refused", async () => {
    const { clientId } = await setUp();
    const tokens = expectOk(await passwordSignIn(endpoint, clientId, "user", "Permanent-123")).AuthenticationResult!;
    expectOk(await callCognito(endpoint, "RevokeToken", { Token: tokens.RefreshToken, ClientId: clientId }));
    expect(await refreshSignIn(endpoint, clientId, tokens.RefreshToken!)).toMatchObject({ ok: false, type: "NotAuthorizedException" });
  });
});

describe("MFA", () => {
  it("with MFA ON, a user without MFA is refused (Cognito: MFA_SETUP challenge), and a new-password answer skips MFA", async () => {
    const { userPoolId, clientId } = await setUp({ mfa: "ON" });
    expect(await passwordSignIn(endpoint, clientId, "user", "Permanent-123")).toMatchObject({ ok: false, type: "NotAuthorizedException" });

    await admin.adminCreateUser({ userPoolId, username: "fresh", temporaryPassword: "Temporary-123" });
    const challenge = expectOk(await passwordSignIn(endpoint, clientId, "fresh", "Temporary-123"));
    const answered = expectOk(
      await answerChallenge(endpoint, clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, {
        USERNAME: "fresh",
        NEW_PASSWORD: "Chosen-123456",
      }),
    );
    expect(answered.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("accepts the same TOTP code again, and codes one step either side", async () => {
    const { clientId } = await setUp({ mfa: "OPTIONAL" });
    const { secret } = await admin.enableTotpMfa({ clientId, username: "user", password: "Permanent-123" });
    const answer = async (time: number) => {
      const challenge = expectOk(await passwordSignIn(endpoint, clientId, "user", "Permanent-123"));
      expect(challenge.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
      return answerChallenge(endpoint, clientId, "SOFTWARE_TOKEN_MFA", challenge.Session!, {
        USERNAME: "user",
        SOFTWARE_TOKEN_MFA_CODE: totpFromBase32(secret, { time }),
      });
    };
    const now = Date.now();
    expect((await answer(now)).ok).toBe(true);
    expect((await answer(now)).ok).toBe(true);
    expect((await answer(now - 30_000)).ok).toBe(true);
    expect((await answer(now + 30_000)).ok).toBe(true);
  });
});
