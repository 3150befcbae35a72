import { hkdfSync, randomBytes } from "crypto";
import { hkdfSha256 } from "../../../../core/cognito/crypto/hkdf";
import { bytesToHex, hexToBytes } from "../../../../core/cognito/crypto/hex";

describe("hkdfSha256", () => {
  it("matches RFC 5869 test case 1", () => {
    const okm = hkdfSha256(
      hexToBytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
      hexToBytes("000102030405060708090a0b0c"),
      hexToBytes("f0f1f2f3f4f5f6f7f8f9"),
      42,
    );
    expect(bytesToHex(okm)).toBe("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  });

  it("agrees with node:crypto for the 16-byte key Cognito's SRP takes, and for other lengths", () => {
    const info = new Uint8Array(Buffer.from("Caldera Derived Key"));
    for (const length of [0, 1, 16, 31, 32, 33, 64, 100]) {
      const ikm = randomBytes(384);
      const salt = randomBytes(32);
      const expected = Buffer.from(hkdfSync("sha256", ikm, salt, info, length)).toString("hex");
      expect(bytesToHex(hkdfSha256(new Uint8Array(ikm), new Uint8Array(salt), info, length))).toBe(expected);
    }
  });

  it("refuses a length HKDF cannot produce", () => {
    expect(() => hkdfSha256(new Uint8Array(1), new Uint8Array(0), new Uint8Array(0), 255 * 32 + 1)).toThrow(/length/);
  });
});
