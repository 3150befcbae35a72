// Big-endian byte strings as SRP hashes them: minimal length, with a 00 in front when the top bit is set
// (what Java's BigInteger.toByteArray gives and Cognito hashes).

export function concat(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  len = 0;
  for (const p of parts) {
    out.set(p, len);
    len += p.length;
  }
  return out;
}

/** The number without leading zero bytes (zero itself is empty). */
export function trim(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

/** SRP's pad(): the minimal two's-complement bytes of a non-negative number (zero is one 00 byte). */
export function pad(b: Uint8Array): Uint8Array {
  const t = trim(b);
  return t.length && t[0] < 0x80 ? t : concat(new Uint8Array(1), t);
}

/** a < b as unsigned numbers. */
export function less(a: Uint8Array, b: Uint8Array): boolean {
  const x = trim(a);
  const y = trim(b);
  if (x.length !== y.length) return x.length < y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}

/** a + u·x, exactly (the SRP exponent; inputs of a few dozen bytes, so schoolbook is plenty). */
export function mulAdd(u: Uint8Array, x: Uint8Array, a: Uint8Array): Uint8Array {
  const len = Math.max(u.length + x.length, a.length) + 1;
  const acc: number[] = [];
  for (let i = 0; i < len; i++) acc[i] = i < a.length ? a[a.length - 1 - i] : 0;
  for (let i = 0; i < u.length; i++) {
    let carry = 0;
    const ui = u[u.length - 1 - i];
    for (let j = 0; i + j < len; j++) {
      const s = acc[i + j] + (j < x.length ? ui * x[x.length - 1 - j] : 0) + carry;
      acc[i + j] = s & 255;
      carry = s >> 8;
    }
  }
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[len - 1 - i] = acc[i];
  return out;
}
