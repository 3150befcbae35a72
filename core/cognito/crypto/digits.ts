// Bytes written as text in a power-of-two base (hex: 4 bits a digit, base64: 6), most significant bit
// first: one bit accumulator for both, in both directions. Only the accumulator's low bits matter; older
// ones shift out of the 32 harmlessly.

/** The digits of `b`, `bits` bits each; a last partial digit is filled with zero bits. */
export function encodeDigits(b: Uint8Array, alphabet: string, bits: number): string {
  let s = "";
  let acc = 0;
  let have = 0;
  for (let i = 0; i < b.length; i++) {
    acc = (acc << 8) | b[i];
    for (have += 8; have >= bits;) s += alphabet[(acc >> (have -= bits)) & ((1 << bits) - 1)];
  }
  return have ? s + alphabet[(acc << (bits - have)) & ((1 << bits) - 1)] : s;
}

/**
 * Bytes from digits of `alphabet`, `bits` bits each. Throws on a character outside it, and when the
 * leftover bits make a whole digit (an odd-length hex, a base64 of 4n + 1 characters).
 */
export function decodeDigits(s: string, alphabet: string, bits: number): Uint8Array {
  const out = new Uint8Array((s.length * bits) >> 3);
  let acc = 0;
  let have = 0;
  let i = 0;
  for (let o = 0, v; i < s.length && (v = alphabet.indexOf(s[i])) >= 0; i++) {
    acc = (acc << bits) | v;
    if ((have += bits) >= 8) out[o++] = acc >> (have -= 8); // a Uint8Array keeps the low 8 bits
  }
  if (i < s.length || have >= bits) throw new Error("invalid base" + (1 << bits));
  return out;
}
