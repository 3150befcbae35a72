// The SRP group Cognito uses (RFC 3526's 3072-bit MODP prime, g = 2) and exponentiation over it, written
// once against a small `Ring` so the limb and native-BigInt arithmetic share it.
import { base64Decode } from "../crypto/base64";
import { bytesToHex } from "../crypto/hex";

/** N, big-endian; written in base64, a third shorter than hex. */
export const N = base64Decode(
  "///////////JD9qiIWjCNMTGYouA3BzRKQJOCIpnzHQCC76mOxObIlFKCHmONATd75UZs806QxswKwpt8l8UN0/hNW1tUcJF" +
    "5IW1dmJefsb0TELppjftawv/XLb0Brft7jhr+1qJn6WunyQRfEsf5kkoZlHs5Fs9wgB8uKFjvwWY2kg2HFXTmmkWP6j9JM9f" +
    "g2VdI9yjrZYcYvNWIIVSu57VKQdwlpZtZww1Tkq8mATxdGwIyhghfDKQXkYuNs474553LBgOhgObJ4Oi7Aeij7XFXfBvTFLJ" +
    "3ivL9pVYFxg5lUl86pVq5RXSJhiY+gUQFXKOWoqqxC2tMxcNBFB6M6hVIavfHLpk7PuFBFjb7wqK6nFXXQYMfbOXD4Wm4eTH" +
    "q/WujNsJM9cejJTgSiVhnc7j0iYa0u5r8S/6BtmKCGTYdgJzPshqZFIfKxgXeyAMu+EXV3phXWx3CYjAutlG4gjiT6B05asx" +
    "Q9tb/OD9EI5LgtEgqTrSyv//////////",
);

/** N in hex (lower case), for tests and benchmarks. */
export const N_HEX = /*#__PURE__*/ bytesToHex(N);

/** Bytes of a number below N, fixed width. */
export const N_BYTES = 384;

/**
 * Arithmetic modulo N in some internal representation `T` (Montgomery limbs, or a native bigint).
 * `from` takes a big-endian number below 2^3072; `to` gives N_BYTES big-endian bytes, fully reduced.
 */
export interface Ring<T> {
  one: T;
  from(b: Uint8Array): T;
  to(v: T): Uint8Array;
  mul(a: T, b: T): T;
  sub(a: T, b: T): T;
}

/**
 * base^e mod N, left to right in fixed 4-bit windows over a table of base^0 … base^15. Why the window:
 * one multiplication per 4 bits instead of one per set bit takes about 15% off SRP after the password,
 * which the wearer waits on (on a phone whose JS may be 10x slower than Node), for ~100 B of companion.js.
 */
export function pow<T>(R: Ring<T>, base: T, e: Uint8Array): T {
  const table = [R.one, base];
  for (let d = 2; d < 16; d++) table[d] = R.mul(table[d - 1], base);
  let r = R.one;
  for (const byte of e) {
    for (const digit of [byte >> 4, byte & 15]) {
      for (let k = 0; k < 4; k++) r = R.mul(r, r);
      if (digit) r = R.mul(r, table[digit]);
    }
  }
  return r;
}

/** g^e mod N. */
export const powG = <T>(R: Ring<T>, e: Uint8Array): T => pow(R, R.from(new Uint8Array([2])), e);
