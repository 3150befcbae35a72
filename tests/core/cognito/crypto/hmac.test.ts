import { createHmac, randomBytes } from "crypto";
import { hmacSha256 } from "../../../../core/cognito/crypto/hmac";
import { bytesToHex, hexToBytes } from "../../../../core/cognito/crypto/hex";

const text = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const repeat = (byte: number, n: number) => new Uint8Array(n).fill(byte);

// RFC 4231 section 4: key, data, HMAC-SHA-256 (case 5 is truncated to 128 bits by the RFC itself).
const cases: { name: string; key: Uint8Array; data: Uint8Array; mac: string }[] = [
  {
    name: "1",
    key: repeat(0x0b, 20),
    data: text("Hi There"),
    mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  },
  {
    name: "2 (short key)",
    key: text("Jefe"),
    data: text("what do ya want for nothing?"),
    mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  },
  {
    name: "3",
    key: repeat(0xaa, 20),
    data: repeat(0xdd, 50),
    mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
  },
  {
    name: "4",
    key: hexToBytes("0102030405060708090a0b0c0d0e0f10111213141516171819"),
    data: repeat(0xcd, 50),
    mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
  },
  {
    name: "5 (truncated to 128 bits)",
    key: repeat(0x0c, 20),
    data: text("Test With Truncation"),
    mac: "a3b6167473100ee06e0c796c2955552b",
  },
  {
    name: "6 (key larger than block)",
    key: repeat(0xaa, 131),
    data: text("Test Using Larger Than Block-Size Key - Hash Key First"),
    mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  },
  {
    name: "7 (key and data larger than block)",
    key: repeat(0xaa, 131),
    data: text(
      "This is a test using a larger than block-size key and a larger than block-size data. " +
        "The key needs to be hashed before being used by the HMAC algorithm.",
    ),
    mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  },
];

describe("hmacSha256 (RFC 4231)", () => {
  for (const c of cases) {
    it(`test case ${c.name}`, () => {
      expect(bytesToHex(hmacSha256(c.key, c.data)).slice(0, c.mac.length)).toBe(c.mac);
    });
  }
});

describe("hmacSha256 against node:crypto", () => {
  it("agrees for keys of 0..130 bytes (around the 64-byte block) and random data", () => {
    for (let keyLen = 0; keyLen <= 130; keyLen++) {
      const key = randomBytes(keyLen);
      const data = randomBytes(Math.floor(Math.random() * 300));
      const expected = createHmac("sha256", key).update(data).digest("hex");
      expect(bytesToHex(hmacSha256(new Uint8Array(key), new Uint8Array(data)))).toBe(expected);
    }
  });
});
