// Our answer to PASSWORD_VERIFIER against amazon-cognito-identity-js computing the same thing from the
// same a, salt, B, secret block and timestamp: its AuthenticationHelper for the key, and its whole
// CognitoUser sign-in (captured at the fetch it makes) for the signature that goes on the wire.
import { createHmac, randomBytes } from "crypto";
import * as cognitoIdentity from "amazon-cognito-identity-js";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { formatSrpTimestamp } from "../../../../core/cognito/srp";
import { answerPasswordVerifier, startSrpWith, PasswordVerifierChallenge } from "../../../../core/cognito/srp/session";
import { limbRing } from "../../../../core/cognito/srp/limbs";
import { nativeRing } from "../../../../core/cognito/srp/native";
import { N_HEX } from "../../../../core/cognito/srp/group";
// Exported at run time, though missing from the package's type declarations.
const { AuthenticationHelper, DateHelper } = cognitoIdentity as any;

// The library's own big-integer class, to hand it a chosen `a`.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const BigInteger = require("amazon-cognito-identity-js/lib/BigInteger").default;

const rings = [
  ["limbs", limbRing()],
  ["native BigInt", nativeRing()],
] as const;

const N = BigInt("0x" + N_HEX);
const hexOf = (b: Buffer) => b.toString("hex");

/** A random B below N, sometimes with leading zero bytes, sometimes an odd-length or upper-case hex. */
function randomB(i: number): string {
  let b = BigInt("0x" + hexOf(randomBytes(384))) % N;
  if (i % 4 === 1) b >>= BigInt(8 * (1 + (i % 13))); // shorter than N: pad() must not keep zeros
  const hex = b.toString(16);
  return i % 3 === 2 ? hex.toUpperCase() : hex;
}

/** amazon-cognito-identity-js's helper with our `a` in place of its random one. */
function theirHelper(a: Buffer, poolName: string): any {
  const helper: any = new AuthenticationHelper(poolName);
  helper.smallAValue = new BigInteger(hexOf(a), 16);
  helper.largeAValue = undefined;
  helper.getLargeAValue(() => undefined);
  return helper;
}

function theirKey(helper: any, userId: string, password: string, c: PasswordVerifierChallenge): Buffer {
  let key: Buffer | undefined;
  helper.getPasswordAuthenticationKey(
    userId,
    password,
    new BigInteger(c.SRP_B, 16),
    new BigInteger(c.SALT, 16),
    (err: unknown, k: Buffer) => {
      if (err) throw err;
      key = Buffer.from(k);
    },
  );
  return key!;
}

it("uses the library's N, RFC 3526's 3072-bit prime (decoded from the base64 it is shipped as)", () => {
  expect(N_HEX).toBe(new AuthenticationHelper("P").N.toString(16));
  expect(N_HEX).toMatch(/^ffffffffffffffffc90fdaa2[0-9a-f]{720}a93ad2caffffffffffffffff$/);
});

describe.each(rings)("answerPasswordVerifier (%s) against amazon-cognito-identity-js", (_, ring) => {
  it("derives the same A and the same key as AuthenticationHelper for random inputs", () => {
    const passwords = ["correct horse", "pässwörd", "密码🔑", "", "a:b:c"];
    for (let i = 0; i < 6; i++) {
      const a = randomBytes(64);
      const poolName = i % 2 ? "AbC123dEf" : "Zz9";
      const userId = i % 3 ? "6c2f1e9a-3b1d-4c5e-9f00-" + i : "üser" + i;
      const password = passwords[i % passwords.length];
      const challenge = {
        SALT: hexOf(randomBytes(16 + (i % 3))).replace(/^/, i % 2 ? "" : "00"), // leading zeros and high bits both occur
        SRP_B: randomB(i),
        SECRET_BLOCK: randomBytes(50 + i).toString("base64"),
        USER_ID_FOR_SRP: userId,
      };
      const now = new Date(Date.UTC(2024, i, 1 + i * 3, i, 2 * i, 59 - i));
      const secret = startSrpWith(ring as any, () => new Uint8Array(a));

      const helper = theirHelper(a, poolName);
      expect(secret.srpA).toBe(helper.largeAValue.toString(16));

      const ours = answerPasswordVerifier(secret, { poolName, password, challenge, now });
      // The signature exactly as CognitoUser.authenticateUserDefaultAuth builds it from the helper's key.
      const key = theirKey(helper, userId, password, challenge);
      const message = Buffer.concat([
        Buffer.from(poolName, "utf8"),
        Buffer.from(userId, "utf8"),
        Buffer.from(challenge.SECRET_BLOCK, "base64"),
        Buffer.from(ours.TIMESTAMP, "utf8"),
      ]);
      expect(ours).toEqual({
        PASSWORD_CLAIM_SIGNATURE: createHmac("sha256", key).update(message).digest("base64"),
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
        TIMESTAMP: formatSrpTimestamp(now),
        USERNAME: userId,
      });
    }
  });

  it("a different password gives a different signature", () => {
    const a = randomBytes(64);
    const challenge = { SALT: hexOf(randomBytes(16)), SRP_B: randomB(0), SECRET_BLOCK: "c2VjcmV0", USER_ID_FOR_SRP: "u" };
    const now = new Date();
    const sign = (password: string) =>
      answerPasswordVerifier(
        startSrpWith(ring as any, () => new Uint8Array(a)),
        { poolName: "P", password, challenge, now },
      ).PASSWORD_CLAIM_SIGNATURE;
    expect(sign("one")).toBe(sign("one"));
    expect(sign("one")).not.toBe(sign("One"));
  });
});

describe("the whole CognitoUser sign-in of amazon-cognito-identity-js, captured on the wire", () => {
  const realFetch = global.fetch;
  const realSmallA = (AuthenticationHelper.prototype as any).generateRandomSmallA;
  afterEach(() => {
    global.fetch = realFetch;
    (AuthenticationHelper.prototype as any).generateRandomSmallA = realSmallA;
    jest.useRealTimers();
  });

  it.each(rings)("sends the PASSWORD_VERIFIER answer we compute (%s)", async (_, ring) => {
    const a = randomBytes(64);
    const userPoolId = "eu-west-1_Wq7Rt2XyZ";
    const challenge = {
      SALT: hexOf(randomBytes(16)),
      SRP_B: randomB(3),
      SECRET_BLOCK: randomBytes(1000).toString("base64"),
      USER_ID_FOR_SRP: "0f4e5d6c-aaaa-bbbb-cccc-000011112222",
    };
    const now = new Date(Date.UTC(2026, 10, 3, 8, 4, 5)); // a single-digit day: must not be padded
    (AuthenticationHelper.prototype as any).generateRandomSmallA = () => new BigInteger(hexOf(a), 16);
    jest.useFakeTimers({ now, doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });

    const requests: { target: string; body: any }[] = [];
    global.fetch = (async (_url: any, init: any) => {
      const target = String(init.headers["X-Amz-Target"]).split(".")[1];
      requests.push({ target, body: JSON.parse(init.body) });
      const body =
        target === "InitiateAuth"
          ? { ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters: challenge, Session: "s1" }
          : { __type: "NotAuthorizedException", message: "stop here" };
      return new Response(JSON.stringify(body), { status: target === "InitiateAuth" ? 200 : 400 });
    }) as typeof fetch;

    const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: "client1", endpoint: "http://127.0.0.1:9/" });
    const user = new CognitoUser({ Username: "alice", Pool: pool });
    const failure = await new Promise<any>((resolve) =>
      user.authenticateUser(new AuthenticationDetails({ Username: "alice", Password: "s3cret-Pässword" }), {
        onSuccess: () => resolve(undefined),
        onFailure: resolve,
      }),
    );
    expect(failure && failure.code).toBe("NotAuthorizedException");
    expect(new DateHelper().getNowString()).toBe("Tue Nov 3 08:04:05 UTC 2026");

    const secret = startSrpWith(ring as any, () => new Uint8Array(a));
    expect(requests[0].body.AuthParameters.SRP_A).toBe(secret.srpA);
    const ours = answerPasswordVerifier(secret, { poolName: "Wq7Rt2XyZ", password: "s3cret-Pässword", challenge, now });
    const theirs = requests[1].body.ChallengeResponses;
    expect(ours).toEqual({
      PASSWORD_CLAIM_SIGNATURE: theirs.PASSWORD_CLAIM_SIGNATURE,
      PASSWORD_CLAIM_SECRET_BLOCK: theirs.PASSWORD_CLAIM_SECRET_BLOCK,
      TIMESTAMP: "Tue Nov 3 08:04:05 UTC 2026",
      USERNAME: theirs.USERNAME,
    });
  });
});

describe("formatSrpTimestamp", () => {
  afterEach(() => jest.useRealTimers());
  it("matches the library's DateHelper on random instants", () => {
    for (let i = 0; i < 200; i++) {
      const now = new Date(Math.floor(Math.random() * 4102444800000)); // 1970..2100
      jest.useFakeTimers({ now });
      expect(formatSrpTimestamp(now)).toBe(new DateHelper().getNowString());
    }
  });
  it("does not pad the day and does pad the time", () => {
    expect(formatSrpTimestamp(new Date("2026-11-03T08:04:05Z"))).toBe("Tue Nov 3 08:04:05 UTC 2026");
    expect(formatSrpTimestamp(new Date("2025-01-31T23:59:09.999Z"))).toBe("Fri Jan 31 23:59:09 UTC 2025");
  });
});
