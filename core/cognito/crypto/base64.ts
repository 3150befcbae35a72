// atob/btoa work on "binary strings" and are not everywhere this code runs (Node tests, CLI), so base64
// is done here on bytes.
import { decodeDigits, encodeDigits } from "./digits";

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE = STANDARD.slice(0, 62) + "-_";

/** Standard base64 with padding. */
export function base64Encode(b: Uint8Array): string {
  let s = encodeDigits(b, STANDARD, 6);
  while (s.length % 4) s += "=";
  return s;
}

/** Standard base64; padding is optional but must be right when present. Throws on anything else. */
export const base64Decode = (s: string): Uint8Array => decode(s, STANDARD);

/** Base64url as in JWTs (RFC 7515: `-` and `_`, padding usually omitted). Throws on invalid input. */
export const base64UrlDecode = (s: string): Uint8Array => decode(s, URL_SAFE);

// Padding only ever completes a group of four; "=" anywhere else is not in the alphabet and fails.
const decode = (s: string, alphabet: string) => decodeDigits(s.length % 4 ? s : s.replace(/==?$/, ""), alphabet, 6);
