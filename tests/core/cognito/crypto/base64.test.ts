import { randomBytes } from "crypto";
import { base64Decode, base64Encode, base64UrlDecode } from "../../../../core/cognito/crypto/base64";
import { bytesToHex, hexToBytes } from "../../../../core/cognito/crypto/hex";

describe("base64", () => {
  it("encodes the RFC 4648 test vectors", () => {
    const vectors = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"];
    "foobar".split("").forEach((_, i, all) => {
      const bytes = new Uint8Array(Buffer.from(all.slice(0, i).join("")));
      expect(base64Encode(bytes)).toBe(vectors[i]);
      expect(Buffer.from(base64Decode(vectors[i])).toString()).toBe(all.slice(0, i).join(""));
    });
  });

  it("round-trips random bytes and agrees with Node both ways", () => {
    for (let len = 0; len < 200; len++) {
      const data = randomBytes(len);
      const b64 = base64Encode(new Uint8Array(data));
      expect(b64).toBe(data.toString("base64"));
      expect(bytesToHex(base64Decode(b64))).toBe(data.toString("hex"));
      expect(bytesToHex(base64UrlDecode(data.toString("base64url")))).toBe(data.toString("hex"));
    }
  });

  it("accepts standard base64 without its padding", () => {
    expect(bytesToHex(base64Decode("Zm8"))).toBe("666f");
  });

  it("throws a plain Error on invalid input", () => {
    for (const bad of ["Z", "Zm9vY", "Zg=", "Z===", "====", "Zm9v!", "Zm 9v", "Zg==Zg==", "-_8=", "Zm=v"]) {
      expect(() => base64Decode(bad)).toThrow(Error);
    }
    for (const bad of ["+/8", "a", "ab!c"]) expect(() => base64UrlDecode(bad)).toThrow(Error);
  });

  it("decodes the url alphabet only in base64UrlDecode", () => {
    expect(bytesToHex(base64UrlDecode("-_8"))).toBe("fbff");
    expect(bytesToHex(base64Decode("+/8="))).toBe("fbff");
  });
});

describe("hex", () => {
  it("round-trips and accepts either case", () => {
    const data = randomBytes(64);
    expect(bytesToHex(hexToBytes(data.toString("hex").toUpperCase()))).toBe(data.toString("hex"));
    expect(bytesToHex(new Uint8Array([0, 1, 15, 16, 255]))).toBe("00010f10ff");
  });
  it("throws on odd length or non-hex characters", () => {
    expect(() => hexToBytes("abc")).toThrow(Error);
    expect(() => hexToBytes("zz")).toThrow(Error);
    expect(() => hexToBytes("0x12")).toThrow(Error);
  });
});
