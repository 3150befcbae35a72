// SHA-256 (FIPS 180-4) on bytes: the companion has no crypto.subtle, only getRandomValues.

// The constants are the first 32 bits of the fractional parts of the square roots (initial hash) and
// cube roots (round constants) of the first primes, computed here instead of shipped as 72 literals.
// Doubles leave ample margin: every fraction × 2^32 lies at least 0.005 from an integer, so a root may
// be off by 1e-12 before a bit changes, and Math.pow errs by a few ulps (about 1e-15) at most.
// tests/core/cognito/crypto/sha256.test.ts checks both tables against FIPS 180-4.
function rootFractions(count: number, root: number): Int32Array {
  const out = new Int32Array(count);
  for (let n = 2, i = 0; i < count; n++) {
    let d = 2;
    while (n % d) d++; // n's smallest divisor, n itself exactly when n is prime
    if (d === n) out[i++] = (Math.pow(n, 1 / root) % 1) * 4294967296;
  }
  return out;
}

/** The round constants K. */
export const K = rootFractions(64, 3);
/** The initial hash value H(0). */
export const H0 = rootFractions(8, 2);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

// Stores into an Int32Array wrap sums modulo 2^32, and into a Uint8Array keep an integer's low 8 bits:
// both truncate as the standard asks without a `| 0` or `& 255` at each step.
export function sha256(data: Uint8Array): Uint8Array {
  const h = H0.slice();
  // The message, 0x80, zeros, and its length in bits as 8 big-endian bytes: whole 64-byte blocks.
  const padded = new Uint8Array(((data.length + 72) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  // Dividing by 256 is exact in doubles, so each store takes the next byte of the length.
  for (let i = padded.length, bits = data.length * 8; bits >= 1; bits /= 256) padded[--i] = bits;

  const words = new DataView(padded.buffer);
  const w = new Int32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    let [a, b, c, d, e, f, g, k] = h;
    for (let t = 0; t < 64; t++) {
      if (t < 16) w[t] = words.getInt32(off + 4 * t);
      else {
        const x = w[t - 15];
        const y = w[t - 2];
        w[t] = w[t - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[t - 7] + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10));
      }
      const t1 = k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, k].forEach((x, i) => (h[i] += x));
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = h[i >> 2] >> (24 - 8 * (i & 3));
  return out;
}
