// Arithmetic modulo N without BigInt: Montgomery multiplication on 140 limbs of 22 bits in doubles.
// 22 bits keep every limb of a Montgomery product exact without carrying as we go: at most 280 products
// below 2^44 plus a carry stay under 2^53. R = 2^3080 > 4N, so values may rest anywhere in [0, 2N) (Walter): no
// conditional subtraction in the hot loop, only a final one in `to`.
import { N, N_BYTES, Ring, pow } from "./group";
import { bit } from "./bytes";

const W = 22;
const BASE = 4194304; // 2^22
const L = 140; // a multiple of 5, for `rows`

type Limbs = Float64Array;

/** A fresh number, zero, to be filled. */
const limbs = (): Limbs => new Float64Array(L);

function fromBytes(b: Uint8Array): Limbs {
  const v = limbs();
  for (let i = 0; i < L * W; i++) v[(i / W) | 0] += bit(b, i) << (i % W);
  return v;
}

function toBytes(v: Limbs): Uint8Array {
  const out = new Uint8Array(N_BYTES);
  for (let i = 0; i < 8 * N_BYTES; i++) out[N_BYTES - 1 - (i >> 3)] |= ((v[(i / W) | 0] >> (i % W)) & 1) << (i & 7);
  return out;
}

/** out = a + s·b modulo 2^3080 carried into limbs, s a small integer; returns the carry out of the top
 * (negative: a borrow). */
function addTimes(a: Limbs, b: Limbs, s: number, out: Limbs): number {
  let carry = 0;
  for (let i = 0; i < L; i++) {
    const x = a[i] + s * b[i] + carry;
    carry = Math.floor(x / BASE);
    out[i] = x - carry * BASE;
  }
  return carry;
}

const n = fromBytes(N);
const n2 = limbs();
addTimes(n, n, 1, n2);
const plainOne = fromBytes(new Uint8Array([1]));
const t = new Float64Array(2 * L); // the double-width product, reused
const q = new Float64Array(5); // Montgomery quotient digits of one block of five columns

/**
 * t[off + j] += c0·v[j] + c1·v[j-1] + … + c4·v[j-4] for every j, carries left for later: five rows of a
 * schoolbook product at once, so the five multipliers stay in registers and each limb of v is loaded once
 * (about 2.5× faster than one row at a time). Each t[k] gathers at most 2L products, exact.
 */
function rows(off: number, v: Limbs, c0: number, c1: number, c2: number, c3: number, c4: number) {
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  for (let j = 0; j < L; j++) {
    const x = v[j];
    t[off + j] += c0 * x + c1 * p1 + c2 * p2 + c3 * p3 + c4 * p4;
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = x;
  }
  t[off + L] += c1 * p1 + c2 * p2 + c3 * p3 + c4 * p4;
  t[off + L + 1] += c2 * p1 + c3 * p2 + c4 * p3;
  t[off + L + 2] += c3 * p1 + c4 * p2;
  t[off + L + 3] += c4 * p1;
}

/**
 * out = a·b / R mod N, for a, b < 2N; out may alias a or b. The product a·b, then Montgomery reduction
 * five columns at a time: the quotient digits that clear them, then their rows of q·N. Since
 * N ≡ -1 mod 2^22, -N⁻¹ ≡ 1 and each quotient digit is simply the low digit of its column once the
 * carries from below are in. (Keeping the product and the reduction apart is about 20% faster than
 * interleaving them block by block, in V8.)
 */
function montMul(a: Limbs, b: Limbs, out: Limbs): Limbs {
  t.fill(0);
  for (let i = 0; i < L; i += 5) rows(i, b, a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4]);
  let carry = 0;
  for (let i = 0; i < L; i += 5) {
    for (let r = 0; r < 5; r++) {
      let s = t[i + r] + carry;
      for (let x = 0; x < r; x++) s += q[x] * n[r - x];
      q[r] = s % BASE;
      carry = (s + q[r] * n[0]) / BASE; // exact: the column is now a multiple of 2^22
    }
    // Adds q·N into these five columns once more, but they are done with: only later columns count.
    rows(i, n, q[0], q[1], q[2], q[3], q[4]);
  }
  t[L] += carry;
  addTimes(t.subarray(L), t, 0, out); // the top half, carried into limbs
  return out;
}

// R mod N, Montgomery's 1, is 2^3080 - 256·N (as 256·N < R < 257·N).
const one = limbs();
addTimes(one, n, -256, one);
let r2 = one; // R² mod N, set below: `from` multiplies by it

const ring: Ring<Limbs> = {
  one,
  from: (b) => montMul(fromBytes(b), r2, limbs()),
  to(v) {
    const t = montMul(v, plainOne, limbs());
    const r = limbs();
    return toBytes(addTimes(t, n, -1, r) ? t : r);
  },
  mul: (a, b) => montMul(a, b, limbs()),
  sub(a, b) {
    const d = limbs();
    if (addTimes(a, b, -1, d)) addTimes(d, n2, 1, d);
    return d;
  },
};

// R² mod N is 2^3080 in Montgomery form: 2R (one + one, which is below 2N) to the power 3080.
const two = limbs();
addTimes(one, one, 1, two);
r2 = pow(ring, two, new Uint8Array([(L * W) >> 8, (L * W) & 255]));

export const limbRing = (): Ring<Limbs> => ring;
