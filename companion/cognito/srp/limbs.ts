// Arithmetic modulo N without BigInt: Montgomery multiplication on 140 limbs of 22 bits in doubles.
// 22 bits keep every column of a Montgomery product exact: at most 280 products below 2^44 plus a
// carry stay under 2^53. R = 2^3080 > 4N, so values may rest anywhere in [0, 2N) (Walter): no
// conditional subtraction in the hot loop, only a final one in `to`.
import { N_BYTES, N_HEX, Ring } from "./group";
import { hexToBytes } from "../crypto/hex";

const W = 22;
const BASE = 4194304; // 2^22
const L = 140;

type Limbs = Float64Array;

function fromBytes(b: Uint8Array): Limbs {
  const v = new Float64Array(L);
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
const n2 = add(n, n, new Float64Array(L));
const plainOne = fromBytes(new Uint8Array([1]));
const q = new Float64Array(L); // Montgomery quotient digits, reused

/**
 * out = a·b / R mod N, for a, b < 2N; out may alias a or b. Product scanning: column i sums
 * a[j]·b[i-j] and q[j]·n[i-j]. Since N ≡ -1 mod 2^22, -N⁻¹ ≡ 1 and each quotient digit is simply
 * the column's low digit.
 */
function montMul(a: Limbs, b: Limbs, out: Limbs): Limbs {
  let carry = 0;
  for (let i = 0; i < L; i++) {
    let s1 = carry;
    let s2 = 0;
    for (let j = 0; j < i; j++) {
      s1 += a[j] * b[i - j];
      s2 += q[j] * n[i - j];
    }
    s1 += a[i] * b[0] + s2;
    const d = s1 % BASE;
    q[i] = d;
    carry = (s1 + d * n[0]) / BASE; // exact: the column is now a multiple of 2^22
  }
  for (let i = L; i < 2 * L - 1; i++) {
    let s1 = carry;
    let s2 = 0;
    for (let j = i - L + 1; j < L; j++) {
      s1 += a[j] * b[i - j];
      s2 += q[j] * n[i - j];
    }
    s1 += s2;
    const d = s1 % BASE;
    out[i - L] = d; // a[i-L] and b[i-L] are no longer read, so aliasing is safe
    carry = (s1 - d) / BASE;
  }
  out[L - 1] = carry;
  return out;
}

function dbl(a: Limbs): Limbs {
  const d = add(a, a, new Float64Array(L));
  const t = new Float64Array(L);
  return sub(d, n2, t) ? d : t;
}

let ring: Ring<Limbs> | undefined;

export function limbRing(): Ring<Limbs> {
  if (ring) return ring;
  // R mod N and R² mod N by doubling 1, once: cheaper in code than any other way, about a millisecond.
  let one = plainOne;
  for (let i = 0; i < L * W; i++) one = dbl(one);
  let r2 = one;
  for (let i = 0; i < L * W; i++) r2 = dbl(r2);
  return (ring = {
    one,
    from: (b) => montMul(fromBytes(b), r2, new Float64Array(L)),
    to(v) {
      const t = montMul(v, plainOne, new Float64Array(L));
      const r = new Float64Array(L);
      return toBytes(sub(t, n, r) ? t : r);
    },
    mul: (a, b) => montMul(a, b, new Float64Array(L)),
    sub(a, b) {
      const d = new Float64Array(L);
      return sub(a, b, d) ? add(d, n2, d) : d;
    },
    dbl,
  });
}
