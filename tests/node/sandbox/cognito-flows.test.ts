// The sign-in paths the app depends on, driven with raw calls against the real cognito-local, through
// the sandbox's admin helpers: first login through NEW_PASSWORD_REQUIRED, refresh, TOTP MFA, token
// lifetimes, and the demo seed that `npm start` uses.
import { cognitoClient } from "../../../core/cognito";
import { cognitoAdmin, CognitoAdmin } from "../../../sandbox/cognito-admin";
import { callCognito, CognitoCallError } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { seedDemo } from "../../../sandbox/seed-demo";
import { totpFromBase32 } from "../../../sandbox/totp";
import { answerChallenge, expectOk, jwtPayload, passwordSignIn, refreshSignIn } from "../../support/raw-auth";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
let endpoint: string;
let userCount = 0;

beforeAll(async () => {
  emulator = await startCognitoLocal();
  endpoint = emulator.endpoint;
  admin = cognitoAdmin(endpoint);
});
afterAll(() => emulator?.stop());

async function poolWithClient(mfa?: "OFF" | "OPTIONAL" | "ON") {
  const { userPoolId } = await admin.createUserPool({ name: `pool-${++userCount}`, mfa });
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: "app",
    explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  return { userPoolId, clientId };
}

// A code from well outside the ±30 s the emulator accepts, and (so the test cannot pass by luck) unlike
// every code it would accept.
function codeOutsideWindow(secret: string): string {
  const accepted = [-30_000, 0, 30_000].map((offset) => totpFromBase32(secret, { time: Date.now() + offset }));
  for (let steps = 4; ; steps++) {
    const code = totpFromBase32(secret, { time: Date.now() + steps * 30_000 });
    if (!accepted.includes(code)) return code;
  }
}

async function confirmedUser(userPoolId: string, username: string, password: string) {
  await admin.adminCreateUser({ userPoolId, username, temporaryPassword: "Temp-0000" });
  await admin.adminSetUserPassword({ userPoolId, username, password, permanent: true });
}

describe("first sign-in of a user created with a temporary password", () => {
  it("asks for a new password, then returns tokens, and the new password works from then on", async () => {
    const { userPoolId, clientId } = await poolWithClient();
    await admin.adminCreateUser({
      userPoolId,
      username: "alice",
      temporaryPassword: "Temp-1234",
      attributes: { email: "alice@example.com" },
    });

    const challenge = expectOk(await passwordSignIn(endpoint, clientId, "alice", "Temp-1234"));
    expect(challenge.AuthenticationResult).toBeUndefined();
    expect(challenge.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    expect(typeof challenge.Session).toBe("string");
    expect(challenge.ChallengeParameters?.USER_ID_FOR_SRP).toBe("alice");
    expect(JSON.parse(challenge.ChallengeParameters!.requiredAttributes)).toEqual([]);
    expect(JSON.parse(challenge.ChallengeParameters!.userAttributes)).toMatchObject({ email: "alice@example.com" });

    const answered = expectOk(
      await answerChallenge(endpoint, clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, {
        USERNAME: "alice",
        NEW_PASSWORD: "Chosen-5678",
      }),
    );
    const tokens = answered.AuthenticationResult!;
    const access = jwtPayload(tokens.AccessToken);
    const id = jwtPayload(tokens.IdToken);
    expect(access).toMatchObject({ token_use: "access", client_id: clientId, username: "alice", iss: `${endpoint}/${userPoolId}` });
    expect(id).toMatchObject({ token_use: "id", aud: clientId, "cognito:username": "alice", email: "alice@example.com" });
    expect(id.sub).toBe(access.sub);
    expect(typeof tokens.RefreshToken).toBe("string");

    const again = expectOk(await passwordSignIn(endpoint, clientId, "alice", "Chosen-5678"));
    expect(again.ChallengeName).toBeUndefined();
    expect(jwtPayload(again.AuthenticationResult!.AccessToken).sub).toBe(access.sub);
  });
});

describe("REFRESH_TOKEN_AUTH", () => {
  it("gives new access and ID tokens for a refresh token from a password sign-in, and no new refresh token", async () => {
    const { userPoolId, clientId } = await poolWithClient();
    await confirmedUser(userPoolId, "bob", "Bob-pass-1");
    const first = expectOk(await passwordSignIn(endpoint, clientId, "bob", "Bob-pass-1")).AuthenticationResult!;

    const refreshed = expectOk(await refreshSignIn(endpoint, clientId, first.RefreshToken!)).AuthenticationResult!;
    expect(Object.keys(refreshed).sort()).toEqual(["AccessToken", "IdToken"]);
    expect(jwtPayload(refreshed.AccessToken).jti).not.toBe(jwtPayload(first.AccessToken).jti);
    expect(jwtPayload(refreshed.AccessToken).sub).toBe(jwtPayload(first.AccessToken).sub);
  });

  it("accepts the refresh token issued by answering NEW_PASSWORD_REQUIRED (the sandbox's fix to cognito-local)", async () => {
    const { userPoolId, clientId } = await poolWithClient();
    await admin.adminCreateUser({ userPoolId, username: "erin", temporaryPassword: "Temp-1234" });
    const challenge = expectOk(await passwordSignIn(endpoint, clientId, "erin", "Temp-1234"));
    const tokens = expectOk(
      await answerChallenge(endpoint, clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, {
        USERNAME: "erin",
        NEW_PASSWORD: "Erin-pass-1",
      }),
    ).AuthenticationResult!;
    const refreshed = expectOk(await refreshSignIn(endpoint, clientId, tokens.RefreshToken!));
    expect(jwtPayload(refreshed.AuthenticationResult!.AccessToken).username).toBe("erin");
  });

  it("refuses an unknown refresh token with NotAuthorizedException", async () => {
    const { clientId } = await poolWithClient();
    const reply = await refreshSignIn(endpoint, clientId, "not-a-token");
    expect(reply.ok || reply.type).toBe("NotAuthorizedException");
  });
});

describe("token lifetimes set on the app client", () => {
  it("are reflected in each token's exp, down to seconds", async () => {
    const { userPoolId } = await admin.createUserPool({ name: "short-lived" });
    const { clientId } = await admin.createUserPoolClient({
      userPoolId,
      name: "short",
      accessToken: { value: 5, unit: "seconds" },
      idToken: { value: 2, unit: "minutes" },
      refreshToken: { value: 11, unit: "seconds" },
    });
    await confirmedUser(userPoolId, "carol", "Carol-pass-1");
    const tokens = expectOk(await passwordSignIn(endpoint, clientId, "carol", "Carol-pass-1")).AuthenticationResult!;
    const lifetime = (token: string) => {
      const { exp, iat } = jwtPayload(token) as { exp: number; iat: number };
      return exp - iat;
    };
    expect(lifetime(tokens.AccessToken)).toBe(5);
    expect(lifetime(tokens.IdToken)).toBe(120);
    expect(lifetime(tokens.RefreshToken!)).toBe(11);
    expect(tokens.ExpiresIn).toBeUndefined(); // cognito-local never sends it: the expiry is only in the JWT.
  });
});

describe("app clients with and without a secret", () => {
  it("returns a ClientSecret only when asked to generate one", async () => {
    const { userPoolId } = await admin.createUserPool({ name: "secrets" });
    const withSecret = await admin.createUserPoolClient({ userPoolId, name: "confidential", generateSecret: true });
    const withoutSecret = await admin.createUserPoolClient({ userPoolId, name: "public" });
    expect(withSecret.clientSecret).toMatch(/^[0-9a-z]{10,}$/);
    expect(withoutSecret).toEqual({ clientId: expect.any(String) });
    expect(withSecret.clientId).not.toBe(withoutSecret.clientId);
  });
});

describe("TOTP MFA", () => {
  it.each(["OPTIONAL", "ON"] as const)(
    "with the pool's MFA %s: a SOFTWARE_TOKEN_MFA challenge that takes the generated code",
    async (mfa) => {
      const { userPoolId, clientId } = await poolWithClient("OPTIONAL");
      await confirmedUser(userPoolId, "dave", "Dave-pass-1");
      const { secret } = await admin.enableTotpMfa({ clientId, username: "dave", password: "Dave-pass-1", friendlyDeviceName: "phone" });
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await admin.setUserPoolMfaConfig({ userPoolId, mfa, softwareToken: true });

      const challenge = expectOk(await passwordSignIn(endpoint, clientId, "dave", "Dave-pass-1"));
      expect(challenge.AuthenticationResult).toBeUndefined();
      expect(challenge.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
      expect(challenge.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: "dave", FRIENDLY_DEVICE_NAME: "phone" });

      const wrong = await answerChallenge(endpoint, clientId, "SOFTWARE_TOKEN_MFA", challenge.Session!, {
        USERNAME: "dave",
        SOFTWARE_TOKEN_MFA_CODE: codeOutsideWindow(secret),
      });
      expect(wrong.ok || wrong.type).toBe("CodeMismatchException");

      const answered = expectOk(
        await answerChallenge(endpoint, clientId, "SOFTWARE_TOKEN_MFA", challenge.Session!, {
          USERNAME: "dave",
          SOFTWARE_TOKEN_MFA_CODE: totpFromBase32(secret),
        }),
      );
      expect(jwtPayload(answered.AuthenticationResult!.AccessToken).username).toBe("dave");
      expect((await refreshSignIn(endpoint, clientId, answered.AuthenticationResult!.RefreshToken!)).ok).toBe(true);
    },
  );

  it("refuses to verify a software token with a wrong code, leaving MFA off", async () => {
    const { userPoolId, clientId } = await poolWithClient("OPTIONAL");
    await confirmedUser(userPoolId, "frank", "Frank-pass-1");
    const accessToken = expectOk(await passwordSignIn(endpoint, clientId, "frank", "Frank-pass-1")).AuthenticationResult!.AccessToken;
    const { secret } = await admin.associateSoftwareToken(accessToken);
    const error = await admin.verifySoftwareToken({ accessToken, code: codeOutsideWindow(secret) }).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoCallError);
    expect(error.type).toBe("CodeMismatchException");
    const signIn = expectOk(await passwordSignIn(endpoint, clientId, "frank", "Frank-pass-1"));
    expect(signIn.ChallengeName).toBeUndefined();
  });
});

describe("seedDemo", () => {
  it("creates a pool, a client and a demo user whose printed credentials lead through NEW_PASSWORD_REQUIRED to short-lived, refreshable tokens", async () => {
    const seed = await seedDemo(endpoint);
    expect(seed).toEqual({
      endpoint,
      userPoolId: expect.stringMatching(/^local_\w+$/),
      clientId: expect.any(String),
      username: "demo",
      temporaryPassword: expect.any(String),
      tokenLifetime: { value: 60, unit: "seconds" },
      devices: { userPoolId: expect.stringMatching(/^local_\w+$/), clientId: expect.any(String) },
      customAuth: {
        userPoolId: expect.stringMatching(/^local_\w+$/),
        clientId: expect.any(String),
        script: "code",
        password: expect.any(String),
      },
      mfaSetup: { userPoolId: expect.stringMatching(/^local_\w+$/), clientId: expect.any(String), password: expect.any(String) },
    });
    expect(seed.devices.userPoolId).not.toBe(seed.userPoolId);

    const challenge = expectOk(await passwordSignIn(endpoint, seed.clientId, seed.username, seed.temporaryPassword));
    expect(challenge.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    expect(JSON.parse(challenge.ChallengeParameters!.userAttributes)).toMatchObject({ email: "demo@example.com" });
    const tokens = expectOk(
      await answerChallenge(endpoint, seed.clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, {
        USERNAME: seed.username,
        NEW_PASSWORD: "Demo-new-1",
      }),
    ).AuthenticationResult!;
    const access = jwtPayload(tokens.AccessToken) as { exp: number; iat: number; iss: string };
    expect(access.exp - access.iat).toBe(60);
    expect(access.iss).toBe(`${endpoint}/${seed.userPoolId}`);
    expect(expectOk(await refreshSignIn(endpoint, seed.clientId, tokens.RefreshToken!)).AuthenticationResult!.AccessToken).toBeTruthy();
  });

  it("takes other credentials, lifetimes and a client secret", async () => {
    const seed = await seedDemo(endpoint, {
      username: "wearer",
      temporaryPassword: "Other-1234",
      tokenLifetime: { value: 5, unit: "minutes" },
      withSecret: true,
    });
    expect(seed.clientSecret).toMatch(/^[0-9a-z]{10,}$/);
    const challenge = expectOk(await passwordSignIn(endpoint, seed.clientId, "wearer", "Other-1234"));
    const tokens = expectOk(
      await answerChallenge(endpoint, seed.clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, {
        USERNAME: "wearer",
        NEW_PASSWORD: "Other-new-1",
      }),
    ).AuthenticationResult!;
    const id = jwtPayload(tokens.IdToken) as { exp: number; iat: number };
    expect(id.exp - id.iat).toBe(300);
  });

  it("allows SRP as the console's default app client does: the client's auto flow signs the demo user in with it", async () => {
    const seed = await seedDemo(endpoint, { username: "srpdemo" });
    const client = cognitoClient({ userPoolId: seed.userPoolId, clientId: seed.clientId, endpoint });
    const step = await client.signIn("srpdemo", seed.temporaryPassword, { flow: "auto" });
    expect(step.kind === "challenge" && [step.pending.flow, step.pending.challenge.name]).toEqual([
      "USER_SRP_AUTH",
      "NEW_PASSWORD_REQUIRED",
    ]);
  });

  it("a second pool remembers devices (the first does not): the same user, a new device at sign-in, MFA skippable there", async () => {
    const seed = await seedDemo(endpoint, { username: "remembering" });
    const firstSignIn = async (clientId: string) => {
      const challenge = expectOk(await passwordSignIn(endpoint, clientId, "remembering", seed.temporaryPassword));
      expect(challenge.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
      const answer = { USERNAME: "remembering", NEW_PASSWORD: "Remember-1" };
      const reply = await answerChallenge(endpoint, clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, answer);
      return expectOk(reply).AuthenticationResult as { NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string } };
    };
    expect((await firstSignIn(seed.clientId)).NewDeviceMetadata).toBeUndefined();
    const device = (await firstSignIn(seed.devices.clientId)).NewDeviceMetadata;
    expect(device).toEqual({ DeviceKey: expect.any(String), DeviceGroupKey: expect.any(String) });
    const described = await callCognito<any>(endpoint, "DescribeUserPool", { UserPoolId: seed.devices.userPoolId });
    expect(described.ok && described.body.UserPool).toMatchObject({
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      MfaConfiguration: "OPTIONAL",
    });
  });

  it("refuses a new password that breaks the policy preview/README.md promises (8+, upper, lower, digit), as Cognito does", async () => {
    const seed = await seedDemo(endpoint, { username: "policy" });
    const challenge = expectOk(await passwordSignIn(endpoint, seed.clientId, "policy", seed.temporaryPassword));
    const answer = async (password: string) => {
      const reply = await answerChallenge(endpoint, seed.clientId, "NEW_PASSWORD_REQUIRED", challenge.Session!, {
        USERNAME: "policy",
        NEW_PASSWORD: password,
      });
      return reply.ok ? "taken" : `${reply.type}: ${reply.message}`;
    };
    const refused = (rule: string) => `InvalidPasswordException: Password does not conform to policy: ${rule}`;
    expect(await answer("abc")).toBe(refused("Password not long enough"));
    expect(await answer("ABCDEFG1")).toBe(refused("Password must have lowercase characters"));
    expect(await answer("abcdefg1")).toBe(refused("Password must have uppercase characters"));
    expect(await answer("Abcdefgh")).toBe(refused("Password must have numeric characters"));
    // A refused password changed nothing: the temporary one still leads to the challenge.
    expect(expectOk(await passwordSignIn(endpoint, seed.clientId, "policy", seed.temporaryPassword)).ChallengeName).toBe(
      "NEW_PASSWORD_REQUIRED",
    );
    // Symbols are not required by the demo pool.
    expect(await answer("Abcdefg1")).toBe("taken");
  });

  it("fails loudly when the emulator is not there", async () => {
    await expect(seedDemo("http://127.0.0.1:1")).rejects.toThrow();
  });
});
