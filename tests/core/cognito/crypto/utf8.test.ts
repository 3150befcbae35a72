import { randomBytes } from "crypto";
import { utf8Decode, utf8Encode } from "../../../../core/cognito/crypto/utf8";
import { bytesToHex, hexToBytes } from "../../../../core/cognito/crypto/hex";

const enc = (s: string) => bytesToHex(utf8Encode(s));
const dec = (hex: string) => utf8Decode(hexToBytes(hex));

describe("utf8Encode", () => {
  it("encodes one to four byte forms", () => {
    expect(enc("A")).toBe("41");
    expect(enc("é")).toBe("c3a9");
    expect(enc("€")).toBe("e282ac");
    expect(enc("😀")).toBe("f09f9880"); // a surrogate pair in JS
    expect(enc("\u0000\u007f\u0080\u07ff\u0800\uffff")).toBe("007fc280dfbfe0a080efbfbf");
    expect(enc("\udbff\udfff")).toBe("f48fbfbf"); // U+10FFFF
  });
  it("turns lone surrogates into U+FFFD", () => {
    expect(enc("\ud800")).toBe("efbfbd");
    expect(enc("a\udc00b")).toBe("61efbfbd62");
    expect(enc("\udc00\ud800")).toBe("efbfbdefbfbd"); // reversed pair is two lone halves
    expect(enc("\ud83d\ud83d\ude00")).toBe("efbfbdf09f9880");
  });
  it("agrees with Node on random strings of UTF-16 code units, surrogates included", () => {
    for (let n = 0; n < 300; n++) {
      let s = "";
      const len = Math.floor(Math.random() * 40);
      for (let i = 0; i < len; i++) {
        const r = Math.random();
        s += String.fromCharCode(
          r < 0.3 ? 0xd800 + Math.floor(Math.random() * 0x800) : Math.floor(Math.random() * (r < 0.6 ? 0x800 : 0x10000)),
        );
      }
      expect(enc(s)).toBe(Buffer.from(s, "utf8").toString("hex"));
    }
  });
});

describe("utf8Decode", () => {
  it("decodes what it encodes", () => {
    for (const s of ["", "password", "pässwörd", "пароль", "密码", "🔑🙂", "\u0000"]) {
      expect(utf8Decode(utf8Encode(s))).toBe(s);
    }
  });
  it("throws on invalid sequences", () => {
    for (const bad of [
      "ff",
      "80",
      "c0af", // overlong '/'
      "e080af", // overlong, 3 bytes
      "eda080", // encoded surrogate
      "f4908080", // above U+10FFFF
      "e282", // truncated at the end
      "e28241", // truncated before ASCII
      "f09f98",
      "41ff42", // a stray byte between valid ones
    ]) {
      expect(() => dec(bad)).toThrow(URIError);
    }
  });
  it("agrees with TextDecoder in fatal mode (the WHATWG decoder) on random bytes: same string, or both throw", () => {
    const td = new TextDecoder("utf-8", { fatal: true });
    const outcome = (f: () => string) => {
      try {
        return f();
      } catch (_) {
        return "thrown";
      }
    };
    const seen = { valid: 0, invalid: 0 };
    for (let n = 0; n < 4000; n++) {
      // Bias towards bytes that form (or nearly form) multi-byte sequences.
      const raw = randomBytes(1 + Math.floor(Math.random() * 12));
      for (let i = 0; i < raw.length; i++) if (Math.random() < 0.5) raw[i] = 0x80 | (raw[i] & 0x3f);
      const bytes = new Uint8Array(raw);
      const expected = outcome(() => td.decode(bytes));
      expect(outcome(() => utf8Decode(bytes))).toBe(expected);
      seen[expected === "thrown" ? "invalid" : "valid"]++;
    }
    // Both kinds of input were really tried.
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
  });
  it("agrees with TextDecoder on random valid UTF-8 of every length class", () => {
    for (let n = 0; n < 300; n++) {
      let s = "";
      for (let i = 0; i < 20; i++) s += String.fromCodePoint(Math.floor(Math.random() * 0x110000));
      const bytes = new Uint8Array(Buffer.from(s, "utf8")); // lone surrogates become U+FFFD here
      expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
    }
  });
});
