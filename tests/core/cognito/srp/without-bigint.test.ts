// The companion runtime may lack BigInt: with the global removed, startSrp must pick the limb path and
// give the answer the native path gives.
import { randomBytes } from "crypto";
import { answerPasswordVerifier, defaultRing, startSrp } from "../../../../core/cognito/srp";
import { limbRing } from "../../../../core/cognito/srp/limbs";
import { nativeRing } from "../../../../core/cognito/srp/native";

it("uses limbs when BigInt is missing, and both give the same answer", () => {
  const a = new Uint8Array(randomBytes(64));
  const input = {
    poolName: "AbC123",
    password: "pässword",
    challenge: {
      SALT: randomBytes(16).toString("hex"),
      SRP_B: randomBytes(300).toString("hex"),
      SECRET_BLOCK: "AAAA",
      USER_ID_FOR_SRP: "u",
    },
    now: new Date(),
  };
  expect(defaultRing()).toBe(nativeRing());
  const withBigInt = answerPasswordVerifier(
    startSrp(() => a),
    input,
  );

  const saved = (globalThis as any).BigInt;
  delete (globalThis as any).BigInt;
  try {
    expect(typeof (globalThis as any).BigInt).toBe("undefined");
    expect(defaultRing()).toBe(limbRing());
    expect(
      answerPasswordVerifier(
        startSrp(() => a),
        input,
      ),
    ).toEqual(withBigInt);
  } finally {
    (globalThis as any).BigInt = saved;
  }
});
