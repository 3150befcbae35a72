// The remembered device's SRP (core/cognito/srp/device.ts) against amazon-cognito-identity-js doing the same
// from the same random bytes, captured on the wire: its ConfirmDevice (the verifier and salt of a new
// device) and its DEVICE_PASSWORD_VERIFIER answer (the device's proof); then the sandbox, which verifies
// device proofs for real (sandbox/device-sign-in.ts), accepting ours.
import { randomBytes } from "crypto";
import * as cognitoIdentity from "amazon-cognito-identity-js";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { answerDevicePasswordVerifier, deviceVerifierWith } from "../../../../core/cognito/srp/device";
import { limbRing } from "../../../../core/cognito/srp/limbs";
import { nativeRing } from "../../../../core/cognito/srp/native";
import { startSrpWith } from "../../../../core/cognito/srp/session";
import { N_HEX } from "../../../../core/cognito/srp/group";
import { cognitoAdmin } from "../../../../sandbox/cognito-admin";
import { callCognito } from "../../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../../sandbox/cognito-local";
import { totpFromBase32 } from "../../../../sandbox/totp";
import { PhoneStorage } from "../../../support/library-devices";

// Every random number the library draws comes through this module: here, from the bytes the test chose.
jest.mock("amazon-cognito-identity-js/lib/utils/cryptoSecureRandomInt", () => ({ __esModule: true, default: () => mockRandomWord() }));
let mockBytes: number[] = [];
function mockRandomWord(): number {
  if (mockBytes.length < 4) throw new Error("the library drew more random bytes than the test gave");
  const [a, b, c, d] = mockBytes.splice(0, 4);
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0; // WordArray writes its words big-endian
}

// Exported at run time, though missing from the package's type declarations.
const { AuthenticationHelper } = cognitoIdentity as any;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const BigInteger = require("amazon-cognito-identity-js/lib/BigInteger").default;

const rings = [
  ["limbs", limbRing()],
  ["native BigInt", nativeRing()],
] as const;

/** Our randomBytes over the same bytes the library is given. */
const streamOf = (bytes: Buffer) => {
  let at = 0;
  return (n: number) => new Uint8Array(bytes.subarray(at, (at += n)));
};
const jwt = (claims: object) => ["{}", JSON.stringify(claims), "sig"].map((s) => Buffer.from(s).toString("base64url")).join(".");

/** Cognito as the test scripts it: each action's answer, every request kept. */
function scriptedCognito(answer: (target: string, body: any) => object): { target: string; body: any }[] {
  const requests: { target: string; body: any }[] = [];
  global.fetch = (async (_url: any, init: any) => {
    const target = String(init.headers["X-Amz-Target"]).split(".")[1];
    const body = JSON.parse(init.body);
    requests.push({ target, body });
    const reply: any = answer(target, body);
    return new Response(JSON.stringify(reply), { status: reply.__type ? 400 : 200 });
  }) as typeof fetch;
  return requests;
}

/** The library's password sign-in (no SRP proof to draw random bytes for besides the device's). */
function librarySignIn(storage: PhoneStorage, username: string): Promise<unknown> {
  const pool = new CognitoUserPool({
    UserPoolId: "eu-west-1_Wq7Rt2XyZ",
    ClientId: "client1",
    endpoint: "http://127.0.0.1:9/",
    Storage: storage,
  });
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
  user.setAuthenticationFlowType("USER_PASSWORD_AUTH");
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: "pw" }), { onSuccess: resolve, onFailure: resolve }),
  );
}

const realFetch = global.fetch;
afterEach(() => {
  global.fetch = realFetch;
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe.each(rings)("deviceVerifierWith (%s) against amazon-cognito-identity-js's ConfirmDevice", (_, ring) => {
  // The salt's first bytes decide its form: a zero byte is dropped, a high bit gains a 00 (and both at once).
  const SALT_LENGTH: Record<string, number> = { "00": 15, "0000": 14, "80": 17, ff: 17, "7f": 16, "0080": 16, "01": 16 };
  it.each(Object.keys(SALT_LENGTH))(
    "the same random bytes (salt beginning %s) make the same password, salt and verifier",
    async (saltStart) => {
      // After the chosen start, a byte with its high bit clear, so that only the start decides the form.
      const bytes = Buffer.concat([randomBytes(40), Buffer.from(saltStart + "5a", "hex"), randomBytes(15 - saltStart.length / 2)]);
      const device = { deviceKey: "eu-west-1_" + "0f4e5d6c-aaaa-bbbb-cccc-000011112222", deviceGroupKey: "-a1B2c3D4e" };
      mockBytes = [...bytes];
      // Every helper draws an SRP `a` when made, which the password flow never uses: not from the test's bytes.
      jest.spyOn(AuthenticationHelper.prototype, "generateRandomSmallA").mockImplementation(() => new BigInteger("1", 16));
      const requests = scriptedCognito((target) =>
        target === "InitiateAuth"
          ? {
              AuthenticationResult: {
                AccessToken: jwt({ username: "alice", exp: 4102444800, iat: 1 }),
                IdToken: jwt({ exp: 4102444800, iat: 1 }),
                RefreshToken: "r",
                NewDeviceMetadata: { DeviceKey: device.deviceKey, DeviceGroupKey: device.deviceGroupKey },
              },
            }
          : { UserConfirmationNecessary: false },
      );
      const storage = new PhoneStorage();
      await librarySignIn(storage, "alice");
      expect(mockBytes).toEqual([]); // it drew exactly the 56 bytes

      const ours = deviceVerifierWith(ring, streamOf(bytes), device);
      const confirm = requests.find((r) => r.target === "ConfirmDevice")!.body;
      expect(ours.config).toEqual(confirm.DeviceSecretVerifierConfig);
      expect(ours.device).toEqual({ ...device, randomPassword: storage.device("client1", "alice").password });
      // The cases are what they say: the salt is the drawn number's minimal two's-complement bytes.
      expect(Buffer.from(ours.config.Salt, "base64").length).toBe(SALT_LENGTH[saltStart]);
    },
  );

  it("a verifier below N, for a password the next draw changes", () => {
    const device = { deviceKey: "k", deviceGroupKey: "g" };
    const one = deviceVerifierWith(ring, streamOf(Buffer.alloc(56, 7)), device);
    const other = deviceVerifierWith(ring, streamOf(Buffer.concat([Buffer.alloc(39, 7), Buffer.from([8]), Buffer.alloc(16, 7)])), device);
    expect(Buffer.from(one.config.PasswordVerifier, "base64").toString("hex").replace(/^00/, "") < N_HEX).toBe(true);
    expect(one.config.Salt).toBe(other.config.Salt);
    expect(one.config.PasswordVerifier).not.toBe(other.config.PasswordVerifier);
  });

  it("refuses a randomBytes that gives less than asked", () => {
    expect(() => deviceVerifierWith(ring, (n) => new Uint8Array(n - 1), { deviceKey: "k", deviceGroupKey: "g" })).toThrow(
      "bad randomBytes",
    );
  });
});

describe.each(rings)("answerDevicePasswordVerifier (%s) against amazon-cognito-identity-js's, on the wire", (_, ring) => {
  it("sends the same SRP_A for DEVICE_SRP_AUTH and the same DEVICE_PASSWORD_VERIFIER answer", async () => {
    const a = randomBytes(64);
    const device = {
      deviceKey: "eu-west-1_9d8c7b6a-1111-2222-3333-444455556666",
      deviceGroupKey: "-Zy9Xw8Vu",
      randomPassword: randomBytes(40).toString("base64"),
    };
    const challenge = {
      SRP_B: (BigInt("0x" + randomBytes(384).toString("hex")) % BigInt("0x" + N_HEX)).toString(16),
      SALT: randomBytes(16).toString("hex").replace(/^0+/, ""),
      SECRET_BLOCK: randomBytes(1000).toString("base64"),
    };
    const now = new Date(Date.UTC(2026, 10, 3, 8, 4, 5));
    jest.spyOn(AuthenticationHelper.prototype, "generateRandomSmallA").mockImplementation(() => new BigInteger(a.toString("hex"), 16));
    jest.useFakeTimers({ now, doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const requests = scriptedCognito((target, body) => {
      if (target === "InitiateAuth") return { ChallengeName: "DEVICE_SRP_AUTH", ChallengeParameters: {}, Session: "s1" };
      if (body.ChallengeName === "DEVICE_SRP_AUTH")
        return { ChallengeName: "DEVICE_PASSWORD_VERIFIER", ChallengeParameters: challenge, Session: "s2" };
      return { __type: "NotAuthorizedException", message: "stop here" };
    });
    const storage = new PhoneStorage();
    const prefix = "CognitoIdentityServiceProvider.client1.alice";
    storage.setItem(`${prefix}.deviceKey`, device.deviceKey);
    storage.setItem(`${prefix}.deviceGroupKey`, device.deviceGroupKey);
    storage.setItem(`${prefix}.randomPasswordKey`, device.randomPassword);
    await librarySignIn(storage, "alice");

    const [initiate, srpAuth, verifier] = requests;
    expect(initiate.body.AuthParameters.DEVICE_KEY).toBe(device.deviceKey);
    const secret = startSrpWith(ring, () => new Uint8Array(a));
    expect(srpAuth.body.ChallengeResponses).toEqual({ USERNAME: "alice", DEVICE_KEY: device.deviceKey, SRP_A: secret.srpA });
    const ours = answerDevicePasswordVerifier(secret, { device, username: "alice", challenge, now });
    expect(verifier.body.ChallengeName).toBe("DEVICE_PASSWORD_VERIFIER");
    expect(ours).toEqual(verifier.body.ChallengeResponses);
    expect(ours.TIMESTAMP).toBe("Tue Nov 3 08:04:05 UTC 2026");
  });
});

describe("the sandbox's device tracking takes our verifier and our proof", () => {
  let emulator: CognitoLocal;
  afterAll(() => emulator?.stop());

  it.each(rings)("confirm a device with our verifier, then sign an MFA user in with the device instead of a code (%s)", async (_, ring) => {
    emulator ??= await startCognitoLocal();
    const admin = cognitoAdmin(emulator.endpoint);
    const { userPoolId } = await admin.createUserPool({ name: "devices", deviceConfiguration: { ChallengeRequiredOnNewDevice: true } });
    await admin.setUserPoolMfaConfig({ userPoolId, mfa: "OPTIONAL", softwareToken: true });
    const { clientId } = await admin.createUserPoolClient({
      userPoolId,
      name: "app",
      explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
    await admin.adminCreateUser({ userPoolId, username: "ann", temporaryPassword: "Temp-1234" });
    await admin.adminSetUserPassword({ userPoolId, username: "ann", password: "Ann-pass-1", permanent: true });
    const { secret: totpSecret } = await admin.enableTotpMfa({ clientId, username: "ann", password: "Ann-pass-1" });
    const send = async (action: string, body: object) => {
      const reply = await callCognito<any>(emulator.endpoint, action, { ClientId: clientId, ...body });
      if (!reply.ok) throw new Error(`${action}: ${reply.type}: ${reply.message}`);
      return reply.body;
    };
    const signIn = (deviceKey?: string) =>
      send("InitiateAuth", {
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "ann", PASSWORD: "Ann-pass-1", ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
      });
    const random = (n: number) => new Uint8Array(randomBytes(n));

    // A first sign-in: the code, then a new device, confirmed with our verifier.
    const mfa = await signIn();
    expect(mfa.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    const first = await send("RespondToAuthChallenge", {
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      Session: mfa.Session,
      ChallengeResponses: { USERNAME: "ann", SOFTWARE_TOKEN_MFA_CODE: totpFromBase32(totpSecret) },
    });
    const { DeviceKey: deviceKey, DeviceGroupKey: deviceGroupKey } = first.AuthenticationResult.NewDeviceMetadata;
    const made = deviceVerifierWith(ring, random, { deviceKey, deviceGroupKey });
    const confirmed = await send("ConfirmDevice", {
      AccessToken: first.AuthenticationResult.AccessToken,
      DeviceKey: deviceKey,
      DeviceSecretVerifierConfig: made.config,
    });
    expect(confirmed).toEqual({ UserConfirmationNecessary: false });

    // Again with the device: DEVICE_SRP_AUTH instead of the code; a proof with another password is refused.
    const prove = async (randomPassword: string) => {
      const asked = await signIn(deviceKey);
      expect(asked.ChallengeName).toBe("DEVICE_SRP_AUTH");
      const srp = startSrpWith(ring, random);
      const verifier = await send("RespondToAuthChallenge", {
        ChallengeName: "DEVICE_SRP_AUTH",
        Session: asked.Session,
        ChallengeResponses: { USERNAME: "ann", DEVICE_KEY: deviceKey, SRP_A: srp.srpA },
      });
      expect(verifier.ChallengeName).toBe("DEVICE_PASSWORD_VERIFIER");
      const answer = answerDevicePasswordVerifier(srp, {
        device: { ...made.device, randomPassword },
        username: "ann",
        challenge: verifier.ChallengeParameters,
        now: new Date(),
      });
      return send("RespondToAuthChallenge", {
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        Session: verifier.Session,
        ChallengeResponses: answer,
      });
    };
    await expect(prove(made.device.randomPassword + "x")).rejects.toThrow("NotAuthorizedException: Incorrect username or password.");
    const tokens = (await prove(made.device.randomPassword)).AuthenticationResult;
    expect(JSON.parse(Buffer.from(tokens.AccessToken.split(".")[1], "base64url").toString()).username).toBe("ann");
    const refreshed = await send("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, DEVICE_KEY: deviceKey },
    });
    expect(refreshed.AuthenticationResult.AccessToken).toBeTruthy();
  });
});
