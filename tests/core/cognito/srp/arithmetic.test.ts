// The two arithmetic paths (22-bit limbs, native BigInt) against each other and against a reference
// computed here with plain BigInt operators.
import { randomBytes } from "crypto";
import { N_HEX, Ring, pow, powG } from "../../../../core/cognito/srp/group";
import { limbRing } from "../../../../core/cognito/srp/limbs";
import { nativeRing } from "../../../../core/cognito/srp/native";
import { less, mulAdd, pad } from "../../../../core/cognito/srp/bytes";

const N = BigInt("0x" + N_HEX);
const toBig = (b: Uint8Array) => BigInt("0x0" + Buffer.from(b).toString("hex"));
const toBytes = (v: bigint, len: number) => new Uint8Array(Buffer.from(v.toString(16).padStart(2 * len, "0"), "hex"));
const fixed = (v: bigint) => toBytes(v, 384);
function modPow(b: bigint, e: bigint): bigint {
  let r = BigInt(1);
  b %= N;
  for (; e > BigInt(0); e >>= BigInt(1), b = (b * b) % N) if (e & BigInt(1)) r = (r * b) % N;
  return r;
}
const below = (m: bigint) => toBig(randomBytes(400)) % m;

const rings: [string, Ring<any>][] = [
  ["limbs", limbRing()],
  ["native BigInt", nativeRing()],
];

// Values where carries and the lazy [0, 2N) range matter most.
const edges = [
  BigInt(0),
  BigInt(1),
  BigInt(2),
  N - BigInt(1),
  N - BigInt(2),
  BigInt(1) << BigInt(3071),
  (BigInt(1) << BigInt(3072)) - BigInt(1) - N,
];

describe.each(rings)("%s", (_, R) => {
  it("converts in and out unchanged", () => {
    for (const v of [...edges, below(N), below(N)]) expect(toBig(R.to(R.from(fixed(v))))).toBe(v);
  });

  it("multiplies and subtracts modulo N", () => {
    const two = R.from(fixed(2n));
    for (let i = 0; i < 30; i++) {
      const a = i < edges.length ? edges[i] : below(N);
      const b = i < edges.length ? edges[edges.length - 1 - i] : below(N);
      const A = R.from(fixed(a));
      const B = R.from(fixed(b));
      expect(toBig(R.to(R.mul(A, B)))).toBe((a * b) % N);
      expect(toBig(R.to(R.sub(A, B)))).toBe((((a - b) % N) + N) % N);
      // Chains keep working on values left in the lazy range by earlier operations.
      expect(toBig(R.to(R.mul(R.mul(two, R.mul(A, A)), R.sub(B, A))))).toBe((((2n * a * a) % N) * ((((b - a) % N) + N) % N)) % N);
    }
  });

  it("computes g^e for exponents of many lengths", () => {
    for (const len of [0, 1, 2, 32, 64, 65]) {
      const e = new Uint8Array(randomBytes(len));
      expect(toBig(R.to(powG(R, e)))).toBe(modPow(2n, toBig(e)));
    }
    expect(toBig(R.to(powG(R, new Uint8Array([0, 0, 0]))))).toBe(1n);
  });

  it("computes base^e", () => {
    const cases: [bigint, bigint][] = [
      [below(N), toBig(randomBytes(65))],
      [below(N), BigInt(0)],
      [below(N), BigInt(1)],
      [below(N), BigInt(31)],
      [below(N), BigInt(0b100000100001)], // long zero runs
      [below(N), (BigInt(1) << BigInt(520)) - BigInt(1)], // all ones
      [N - BigInt(1), toBig(randomBytes(64)) | BigInt(1)],
      [BigInt(0), BigInt(5)],
    ];
    for (const [b, e] of cases) {
      const eb = toBytes(e, 66);
      expect(toBig(R.to(pow(R, R.from(fixed(b)), eb)))).toBe(modPow(b, e));
    }
  });

  it("computes base^e for random exponents of every bit length, whatever the width they are written in", () => {
    // Bit lengths 0 … 13 and a few long ones that are not multiples of 4 (nor of 8): the 4-bit windows
    // must not depend on where the top bit falls; written minimal, or with leading zero bytes.
    const lengths = [...Array(14).keys(), 29, 255, 257, 514];
    for (const [i, bits] of lengths.entries()) {
      const top = BigInt(1) << BigInt(bits - 1); // the top bit of a bits-long number
      const e = bits ? top | (toBig(randomBytes(66)) % top) : BigInt(0);
      const width = Math.ceil(bits / 8) + (i % 3); // 0, 1 or 2 leading zero bytes
      const b = below(N);
      const eb = width ? toBytes(e, width) : new Uint8Array(0);
      expect(toBig(R.to(pow(R, R.from(fixed(b)), eb)))).toBe(modPow(b, e));
    }
  });
});

describe("the two paths agree", () => {
  it("on random powers", () => {
    const [L, B] = [limbRing(), nativeRing()];
    for (let i = 0; i < 5; i++) {
      const base = fixed(below(N));
      const e = new Uint8Array(randomBytes(65));
      expect(Buffer.from(L.to(pow(L, L.from(base), e)))).toEqual(Buffer.from(B.to(pow(B, B.from(base), e))));
    }
  });
});

describe("SRP byte helpers", () => {
  it("pad() gives minimal two's-complement bytes like Java's BigInteger", () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    expect(hex(pad(new Uint8Array([0, 0, 0x14])))).toBe("14");
    expect(hex(pad(new Uint8Array([0xec])))).toBe("00ec");
    expect(hex(pad(new Uint8Array([0, 0xc8, 1])))).toBe("00c801");
    expect(hex(pad(new Uint8Array([0, 0])))).toBe("00");
    expect(hex(pad(new Uint8Array([])))).toBe("00");
  });
  it("less() compares unsigned numbers whatever their leading zeros", () => {
    for (let i = 0; i < 200; i++) {
      const [a, b] = [randomBytes(i % 5), randomBytes((i >> 2) % 5)].map((r) => new Uint8Array(r));
      if (i % 3 === 0) a[0] = 0;
      if (i % 7 === 0 && b.length) b.set(a.subarray(0, b.length)); // equal prefixes
      expect(less(a, b)).toBe(toBig(a) < toBig(b));
    }
    expect(less(new Uint8Array([0, 0, 1]), new Uint8Array([2]))).toBe(true);
    expect(less(new Uint8Array([2]), new Uint8Array([0, 0, 2]))).toBe(false);
    expect(less(new Uint8Array([]), new Uint8Array([0]))).toBe(false);
  });
  it("mulAdd computes a + u·x exactly", () => {
    for (let i = 0; i < 50; i++) {
      const [u, x, a] = [randomBytes(i % 40), randomBytes(32), randomBytes(64)].map((b) => new Uint8Array(b));
      expect(toBig(mulAdd(u, x, a))).toBe(toBig(a) + toBig(u) * toBig(x));
    }
    const ff = new Uint8Array(64).fill(255);
    expect(toBig(mulAdd(ff, ff, ff))).toBe(toBig(ff) * toBig(ff) + toBig(ff));
  });
});
