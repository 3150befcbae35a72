// SHA-256 (FIPS 180-4) on bytes: the companion has no crypto.subtle, only getRandomValues.

// The constants are the first 32 bits of the fractional parts of the square roots (initial hash) and
// cube roots (round constants) of the first primes, computed here instead of shipped as 72 literals.
// Doubles leave ample margin: every fraction × 2^32 lies at least 0.005 from an integer, so a root may
// be off by 1e-12 before a bit changes, and Math.pow errs by a few ulps (about 1e-15) at most.
// tests/node/crypto/sha256.test.ts checks both tables against FIPS 180-4.
function rootFractions(count: number, root: number): Int32Array {
  const out = new Int32Array(count);
  for (let n = 2, i = 0; i < count; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    const r = Math.pow(n, 1 / root);
    out[i++] = (r - Math.floor(r)) * 4294967296;
  }
  return out;
}

/** The round constants K. */
export const K = rootFractions(64, 3);
/** The initial hash value H(0). */
export const H0 = rootFractions(8, 2);

export function sha256(data: Uint8Array): Uint8Array {
  const h = H0.slice();
  // The message plus 0x80, zeros and the 64-bit bit length, rounded up to whole 64-byte blocks.
  const len = data.length;
  const padded = new Uint8Array(((len + 72) >> 6) << 6);
  padded.set(data);
  padded[len] = 0x80;
  const bits = len * 8; // exact up to 2^53 bits, far beyond any message here
  const end = padded.length;
  for (let i = 1, v = bits; i <= 8; i++, v = Math.floor(v / 256)) padded[end - i] = v & 255;

  const w = new Int32Array(64);
  for (let off = 0; off < end; off += 64) {
    for (let t = 0; t < 16; t++) {
      const j = off + 4 * t;
      w[t] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
    }
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15];
      const b = w[t - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[4 * i] = h[i] >>> 24;
    out[4 * i + 1] = h[i] >>> 16;
    out[4 * i + 2] = h[i] >>> 8;
    out[4 * i + 3] = h[i];
  }
  return out;
}
