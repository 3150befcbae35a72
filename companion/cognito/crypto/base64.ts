// atob/btoa work on "binary strings" and are not everywhere this code runs (Node tests, CLI), so base64
// is done here on bytes.
const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE = STANDARD.slice(0, 62) + "-_";

/** Standard base64 with padding. */
export function base64Encode(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] | 0) << 8) | (b[i + 2] | 0);
    s += STANDARD[n >> 18] + STANDARD[(n >> 12) & 63];
    s += i + 1 < b.length ? STANDARD[(n >> 6) & 63] : "=";
    s += i + 2 < b.length ? STANDARD[n & 63] : "=";
  }
  return s;
}

/** Standard base64; padding is optional but must be right when present. Throws on anything else. */
export function base64Decode(s: string): Uint8Array {
  return decode(s, STANDARD);
}

/** Base64url as in JWTs (RFC 7515: `-` and `_`, padding usually omitted). Throws on invalid input. */
export function base64UrlDecode(s: string): Uint8Array {
  return decode(s, URL_SAFE);
}

function decode(s: string, alphabet: string): Uint8Array {
  let body = s;
  if (s.length % 4 === 0 && s.length > 0) body = s.replace(/==?$/, "");
  const fail = (): never => {
    throw new Error("invalid base64 string");
  };
  if (body.length % 4 === 1) fail();
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const v = alphabet.indexOf(body.charAt(i));
    if (v < 0) fail();
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
