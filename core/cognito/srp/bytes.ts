// Big-endian byte strings as SRP hashes them: minimal length, with a 00 in front when the top bit is set
// (what Java's BigInteger.toByteArray gives and Cognito hashes).
import { concat } from "../crypto/concat";
import { bytesToHex } from "../crypto/hex";

/** Bit i of a big-endian number, 0 being the least significant; 0 past its top. */
export const bit = (b: Uint8Array, i: number): number => (b[b.length - 1 - (i >> 3)] >> (i & 7)) & 1;

/** The number without leading zero bytes (zero itself is empty). */
export function trim(b: Uint8Array): Uint8Array {
  let i = 0;
  while (b[i] === 0) i++;
  return b.subarray(i);
}

/** SRP's pad(): the minimal two's-complement bytes of a non-negative number (zero is one 00 byte). */
export function pad(b: Uint8Array): Uint8Array {
  const t = trim(b);
  return t[0] < 0x80 ? t : concat([0], t);
}

/** a < b as unsigned numbers: hex of equal length compares as the numbers do. */
export function less(a: Uint8Array, b: Uint8Array): boolean {
  const x = bytesToHex(trim(a));
  const y = bytesToHex(trim(b));
  return x.length < y.length || (x.length === y.length && x < y);
}

/** a + u·x, exactly (the SRP exponent; a few dozen bytes, so schoolbook column by column is plenty). */
export function mulAdd(u: Uint8Array, x: Uint8Array, a: Uint8Array): Uint8Array {
  const len = Math.max(u.length + x.length, a.length) + 1;
  const digit = (b: Uint8Array, i: number) => b[b.length - 1 - i] | 0; // byte i from the bottom, 0 past the top
  const out = new Uint8Array(len);
  for (let c = 0, sum = 0; c < len; c++, sum = Math.floor(sum / 256)) {
    sum += digit(a, c);
    for (let i = 0; i <= c; i++) sum += digit(u, i) * digit(x, c - i);
    out[len - 1 - c] = sum; // the low 8 bits; the rest carries
  }
  return out;
}
