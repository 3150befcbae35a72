// Arithmetic modulo N with the runtime's BigInt, where it exists. The companion compiles against lib
// es2015, which has no BigInt type, so it is reached through an untyped declaration (and no `1n`
// literals or `**`, which es2015 output cannot carry).
import { N, N_BYTES, Ring } from "./group";
import { bytesToHex, hexToBytes } from "../crypto/hex";

declare const BigInt: any;

export const hasBigInt = (): boolean => typeof BigInt === "function";

let ring: Ring<any> | undefined;

export function nativeRing(): Ring<any> {
  if (ring) return ring;
  const big = (b: Uint8Array) => BigInt("0x0" + bytesToHex(b));
  const n = big(N);
  const zeros = "0".repeat(2 * N_BYTES);
  return (ring = {
    one: BigInt(1),
    from: (b) => big(b) % n,
    to: (v) => hexToBytes((zeros + v.toString(16)).slice(-2 * N_BYTES)),
    mul: (a, b) => (a * b) % n,
    sub: (a, b) => (a - b + n) % n,
  });
}
