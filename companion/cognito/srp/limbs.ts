// Arithmetic modulo N without BigInt: Montgomery multiplication on 140 limbs of 22 bits in doubles.
// 22 bits keep every limb of a Montgomery product exact without carrying as we go: at most 280 products
// below 2^44 plus a carry stay under 2^53. R = 2^3080 > 4N, so values may rest anywhere in [0, 2N) (Walter): no
// conditional subtraction in the hot loop, only a final one in `to`.
import { N_BYTES, N_HEX, Ring, powG } from "./group";
import { hexToBytes } from "../crypto/hex";

const W = 22;
const BASE = 4194304; // 2^22
const L = 140; // a multiple of 5, for `rows`

type Limbs = Float64Array;

/** A fresh number, zero, to be filled. */
const limbs = (): Limbs => new Float64Array(L);

function fromBytes(b: Uint8Array): Limbs {
  const v = limbs();
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let i = b.length - 1; i >= 0 && k < L; i--) {
    acc |= b[i] << bits;
    bits += 8;
    if (bits >= W) {
      v[k++] = acc & (BASE - 1);
      acc >>>= W;
      bits -= W;
    }
  }
  if (k < L) v[k] = acc;
  return v;
}

function toBytes(v: Limbs): Uint8Array {
  const out = new Uint8Array(N_BYTES);
  for (let i = N_BYTES - 1, acc = 0, bits = 0, k = 0; i >= 0; i--) {
    if (bits < 8) {
      acc |= v[k++] << bits;
      bits += W;
    }
    out[i] = acc & 255;
    acc >>>= 8;
    bits -= 8;
  }
  return out;
}

/** out = a + b, dropping the carry out of the top limb. */
function add(a: Limbs, b: Limbs, out: Limbs): Limbs {
  for (let i = 0, c = 0; i < L; i++) {
    const s = a[i] + b[i] + c;
    c = s >= BASE ? 1 : 0;
    out[i] = s - c * BASE;
  }
  return out;
}

/** out = a - b (mod 2^3080); returns the borrow, 1 when a < b. */
function sub(a: Limbs, b: Limbs, out: Limbs): number {
  let borrow = 0;
  for (let i = 0; i < L; i++) {
    const d = a[i] - b[i] - borrow;
    borrow = d < 0 ? 1 : 0;
    out[i] = d + borrow * BASE;
  }
  return borrow;
}

const n = fromBytes(hexToBytes(N_HEX));
const n2 = add(n, n, limbs());
const plainOne = fromBytes(new Uint8Array([1]));
const t = new Float64Array(2 * L); // the double-width product, reused
const q = new Float64Array(5); // Montgomery quotient digits of one block of five columns

/**
 * t[off + j] += c0·v[j] + c1·v[j-1] + … + c4·v[j-4] for every j ≥ from, carries left for later: five
 * rows of a schoolbook product at once, so the five multipliers stay in registers and each limb of v is
 * loaded once (about 2.5× faster than one row at a time). Each t[k] gathers at most 2L products, exact.
 */
function rows(off: number, v: Limbs, from: number, c0: number, c1: number, c2: number, c3: number, c4: number) {
  let p1 = from ? v[from - 1] : 0;
  let p2 = from ? v[from - 2] : 0;
  let p3 = from ? v[from - 3] : 0;
  let p4 = from ? v[from - 4] : 0;
  for (let j = from; j < L; j++) {
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
 * block by block. Since N ≡ -1 mod 2^22, -N⁻¹ ≡ 1 and each quotient digit is simply the low digit of
 * its column once the carries from below are in.
 */
function montMul(a: Limbs, b: Limbs, out: Limbs): Limbs {
  t.fill(0);
  for (let i = 0; i < L; i += 5) rows(i, b, 0, a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4]);
  let carry = 0;
  for (let i = 0; i < L; i += 5) {
    for (let r = 0; r < 5; r++) {
      let s = t[i + r] + carry;
      for (let x = 0; x < r; x++) s += q[x] * n[r - x];
      q[r] = s % BASE;
      carry = (s + q[r] * n[0]) / BASE; // exact: the column is now a multiple of 2^22
    }
    rows(i, n, 5, q[0], q[1], q[2], q[3], q[4]);
  }
  for (let i = 0; i < L; i++) {
    const s = t[L + i] + carry;
    out[i] = s % BASE;
    carry = (s - out[i]) / BASE;
  }
  return out;
}

function dbl(a: Limbs): Limbs {
  const d = add(a, a, limbs());
  const t = limbs();
  return sub(d, n2, t) ? d : t;
}

let ring: Ring<Limbs> | undefined;

export function limbRing(): Ring<Limbs> {
  if (ring) return ring;
  // R mod N is 2^3080 - 256·N (as 256·N < R < 257·N), and R² mod N is 2^3080 in Montgomery form.
  let n256 = n;
  for (let i = 0; i < 8; i++) n256 = add(n256, n256, limbs());
  const one = limbs();
  sub(one, n256, one);
  let r2 = one;
  const made: Ring<Limbs> = {
    one,
    from: (b) => montMul(fromBytes(b), r2, limbs()),
    to(v) {
      const t = montMul(v, plainOne, limbs());
      const r = limbs();
      return toBytes(sub(t, n, r) ? t : r);
    },
    mul: (a, b) => montMul(a, b, limbs()),
    sub(a, b) {
      const d = limbs();
      return sub(a, b, d) ? add(d, n2, d) : d;
    },
    dbl,
  };
  r2 = powG(made, new Uint8Array([(L * W) >> 8, (L * W) & 255]));
  return (ring = made);
}
