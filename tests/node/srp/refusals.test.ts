import { randomBytes } from "crypto";
import { answerPasswordVerifier, startSrp } from "../../../companion/cognito/srp";
import { N_HEX } from "../../../companion/cognito/srp/group";

const random = (n: number) => new Uint8Array(randomBytes(n));
const N = BigInt("0x" + N_HEX);
const challenge = (SRP_B: string, extra: Partial<Record<"SALT" | "SECRET_BLOCK", string>> = {}) => ({
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

  it("parameters that are not hex or base64, with the parameter named", () => {
    expect(() => answer(challenge("xyz"))).toThrow(/SRP_B is not hex/);
    expect(() => answer(challenge("05", { SALT: "salt!" }))).toThrow(/SALT is not hex/);
    expect(() => answer(challenge("05", { SECRET_BLOCK: "not base64!" }))).toThrow(/SECRET_BLOCK is not base64/);
    // A server that leaves one out gets the same named refusal, not a TypeError.
    expect(() => answer(challenge("05", { SALT: undefined as unknown as string }))).toThrow(/SALT is not hex/);
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
    const expected = answerPasswordVerifier(startSrp(() => a.slice()), { poolName: "P", password: "pw", challenge: c, now });
    const buffer = a.slice();
    const secret = startSrp(() => buffer);
    buffer.fill(0);
    expect(answerPasswordVerifier(secret, { poolName: "P", password: "pw", challenge: c, now })).toEqual(expected);
  });
});
