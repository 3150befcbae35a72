import { createHash, randomBytes } from "crypto";
import { sha256 } from "../../../companion/cognito/crypto/sha256";
import { bytesToHex } from "../../../companion/cognito/crypto/hex";

const ascii = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

describe("sha256 (FIPS 180-4 examples)", () => {
  it("hashes 'abc'", () => {
    expect(bytesToHex(sha256(ascii("abc")))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
  it("hashes the 448-bit two-block message", () => {
    expect(bytesToHex(sha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });
  it("hashes one million 'a'", () => {
    expect(bytesToHex(sha256(new Uint8Array(1000000).fill(0x61)))).toBe(
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    );
  });
  it("hashes the empty message", () => {
    expect(bytesToHex(sha256(new Uint8Array(0)))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

describe("sha256 against node:crypto", () => {
  it("agrees on every length around the block and padding boundaries", () => {
    for (let len = 0; len <= 200; len++) {
      const data = randomBytes(len);
      expect(bytesToHex(sha256(new Uint8Array(data)))).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });
  it("agrees on random long messages", () => {
    for (let n = 0; n < 20; n++) {
      const data = randomBytes(1 + Math.floor(Math.random() * 5000));
      expect(bytesToHex(sha256(new Uint8Array(data)))).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });
});
