import { randomBytes } from "crypto";
import { CognitoBadResponseError } from "../../../../core/cognito";
import { answerPasswordVerifier, startSrp } from "../../../../core/cognito/srp";
import { N_HEX } from "../../../../core/cognito/srp/group";

const random = (n: number) => new Uint8Array(randomBytes(n));
const N = BigInt("0x" + N_HEX);
const challenge = (SRP_B: string, extra: Partial<Record<"SALT" | "SECRET_BLOCK" | "USER_ID_FOR_SRP", string>> = {}) => ({
  SALT: "a1b2c3d4e5f60718",
  SRP_B,
  SECRET_BLOCK: "c2VjcmV0IGJsb2Nr",
  USER_ID_FOR_SRP: "user-1",
  ...extra,
});
const answer = (c: ReturnType<typeof challenge>) =>
  answerPasswordVerifier(startSrp(random), { poolName: "Pool1", password: "pw", challenge: c, now: new Date() });

describe("answerPasswordVerifier refuses", () => {
  it.each([
    ["0", "0"],
    ["N", N.toString(16)],
    ["2N", (2n * N).toString(16)],
    ["0 with leading zeros", "0000"],
  ])("B = %s (B mod N = 0)", (_, b) => {
    expect(() => answer(challenge(b))).toThrow(/SRP_B out of range/);
  });

  it("B above N even when B mod N is not 0 (Cognito never sends one)", () => {
    expect(() => answer(challenge((N + 5n).toString(16)))).toThrow(/SRP_B out of range/);
  });

  it("parameters that are not hex or base64, or missing: a bad answer naming the parameter", () => {
    const refusal = (c: ReturnType<typeof challenge>) => {
      try {
        answer(c);
      } catch (err) {
        expect(err).toBeInstanceOf(CognitoBadResponseError);
        return (err as Error).message;
      }
      throw new Error("answered");
    };
    expect(refusal(challenge("xyz"))).toBe("HTTP 200: SRP_B is not hex");
    expect(refusal(challenge("05", { SALT: "salt!" }))).toBe("HTTP 200: SALT is not hex");
    expect(refusal(challenge("05", { SECRET_BLOCK: "not base64!" }))).toBe("HTTP 200: SECRET_BLOCK is not base64");
    // A server that leaves one out gets a named refusal too, not a TypeError; an empty one is as missing.
    expect(refusal(challenge("05", { SALT: undefined }))).toBe("HTTP 200: SALT missing");
    expect(refusal(challenge("", {}))).toBe("HTTP 200: SRP_B missing");
    expect(refusal(challenge("05", { SECRET_BLOCK: "" }))).toBe("HTTP 200: SECRET_BLOCK missing");
    // The proof is for the name Cognito gives: without it there is nothing to prove.
    expect(refusal(challenge("05", { USER_ID_FOR_SRP: undefined }))).toBe("HTTP 200: USER_ID_FOR_SRP missing");
    expect(refusal(challenge("0"))).toBe("HTTP 200: SRP_B out of range");
  });

  it("a secret it did not make", () => {
    expect(() =>
      answerPasswordVerifier({ srpA: "02" }, { poolName: "P", password: "pw", challenge: challenge("05"), now: new Date() }),
    ).toThrow(/not a secret from startSrp/);
  });

  it("answers a valid small B (odd-length hex)", () => {
    expect(answer(challenge("5")).PASSWORD_CLAIM_SIGNATURE).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});

describe("startSrp", () => {
  it("refuses a random source that returns too few or only zero bytes", () => {
    expect(() => startSrp(() => new Uint8Array(10))).toThrow(/randomBytes/);
    expect(() => startSrp((n) => new Uint8Array(n))).toThrow(/randomBytes/);
  });

  it("keeps the secret exponent out of what can be logged or serialized", () => {
    const a = random(64);
    const secret = startSrp(() => a);
    expect(Object.keys(secret)).toEqual(["srpA"]);
    const hex = Buffer.from(a).toString("hex");
    expect(JSON.stringify(secret)).not.toContain(hex);
    expect(require("util").inspect(secret, { showHidden: true, depth: 5 })).not.toContain(hex.slice(0, 16));
  });

  it("copies a, so the caller wiping its buffer does not change the answer", () => {
    const a = random(64);
    const c = challenge("1234abcd");
    const now = new Date();
    const expected = answerPasswordVerifier(
      startSrp(() => a.slice()),
      { poolName: "P", password: "pw", challenge: c, now },
    );
    const buffer = a.slice();
    const secret = startSrp(() => buffer);
    buffer.fill(0);
    expect(answerPasswordVerifier(secret, { poolName: "P", password: "pw", challenge: c, now })).toEqual(expected);
  });
});
