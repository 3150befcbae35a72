import { base32Decode, hotp, totp, totpFromBase32 } from "../../../sandbox/totp";

const ascii = (text: string) => Uint8Array.from(Buffer.from(text, "ascii"));
// RFC 6238 Appendix B: the seed for each hash is "1234567890" repeated to the hash's block-ish length.
const seeds = {
  sha1: ascii("12345678901234567890"),
  sha256: ascii("12345678901234567890123456789012"),
  sha512: ascii("1234567890123456789012345678901234567890123456789012345678901234"),
};

describe("RFC 6238 Appendix B test vectors (8 digits, 30 s steps)", () => {
  const table: [number, string, string, string][] = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  it.each(table)("at %d s", (seconds, sha1, sha256, sha512) => {
    const time = seconds * 1000;
    expect(totp(seeds.sha1, { time, digits: 8 })).toBe(sha1);
    expect(totp(seeds.sha256, { time, digits: 8, algorithm: "sha256" })).toBe(sha256);
    expect(totp(seeds.sha512, { time, digits: 8, algorithm: "sha512" })).toBe(sha512);
  });
});

describe("RFC 4226 Appendix D HOTP values", () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(expected.map((code, counter) => [counter, code]))("counter %d", (counter, code) => {
    expect(hotp(seeds.sha1, counter as number)).toBe(code);
  });
});

describe("base32", () => {
  it.each([
    ["", ""],
    ["MY======", "f"],
    ["MZXQ====", "fo"],
    ["MZXW6===", "foo"],
    ["MZXW6YQ=", "foob"],
    ["MZXW6YTB", "fooba"],
    ["MZXW6YTBOI======", "foobar"],
  ])("decodes the RFC 4648 vector %j", (encoded, decoded) => {
    expect(Buffer.from(base32Decode(encoded)).toString("ascii")).toBe(decoded);
  });

  it("ignores case, spaces and padding, as authenticator apps do", () => {
    expect(Buffer.from(base32Decode("mzxw 6ytb oi")).toString("ascii")).toBe("foobar");
  });

  it("refuses characters outside the alphabet", () => {
    expect(() => base32Decode("MZXW1")).toThrow(/not base32/);
  });
});

describe("totpFromBase32", () => {
  it("is the code of the decoded key, six digits by default, changing with the 30 s step", () => {
    // "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" is base32 of the RFC seed "12345678901234567890".
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpFromBase32(secret, { time: 59_000 })).toBe("287082");
    expect(totpFromBase32(secret, { time: 59_000 })).toBe(totp(seeds.sha1, { time: 59_000 }));
    expect(totpFromBase32(secret, { time: 60_000 })).toBe(totp(seeds.sha1, { time: 60_000 }));
    expect(totpFromBase32(secret, { time: 60_000 })).not.toBe(totpFromBase32(secret, { time: 59_000 }));
    expect(totpFromBase32(secret)).toMatch(/^\d{6}$/);
  });
});
