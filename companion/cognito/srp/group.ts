// The SRP group Cognito uses (RFC 3526's 3072-bit MODP prime, g = 2) and the exponentiations over it,
// written once against a small `Ring` so the limb and native-BigInt arithmetic share them.

/** N, big-endian hex. */
export const N_HEX =
  "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
  "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
  "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
  "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
  "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
  "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
  "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
  "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

/** Bytes of a number below N, fixed width. */
export const N_BYTES = 384;

/**
 * Arithmetic modulo N in some internal representation `T` (Montgomery limbs, or a native bigint).
 * `from` takes a big-endian number below 2^3072; `to` gives N_BYTES big-endian bytes, fully reduced.
 */
export interface Ring<T> {
  one: T;
  from(b: Uint8Array): T;
  to(v: T): Uint8Array;
  mul(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** 2·a, i.e. a multiplication by g. */
  dbl(a: T): T;
}

/** g^e mod N. With g = 2 each multiplication is a doubling, so a plain bit scan beats windows. */
export function powG<T>(R: Ring<T>, e: Uint8Array): T {
  let r = R.one;
  for (let i = 0; i < e.length * 8; i++) {
    r = R.mul(r, r);
    if ((e[i >> 3] >> (7 - (i & 7))) & 1) r = R.dbl(r);
  }
  return r;
}

/** base^e mod N by left-to-right sliding windows of up to 5 bits (16 odd powers precomputed). */
export function pow<T>(R: Ring<T>, base: T, e: Uint8Array): T {
  const odd = [base]; // odd[i] = base^(2i+1)
  const sq = R.mul(base, base);
  for (let i = 1; i < 16; i++) odd[i] = R.mul(odd[i - 1], sq);
  const bit = (i: number) => (e[e.length - 1 - (i >> 3)] >> (i & 7)) & 1;
  let r: T | undefined;
  for (let i = e.length * 8 - 1; i >= 0; ) {
    let j = i;
    if (bit(i)) {
      j = Math.max(i - 4, 0);
      while (!bit(j)) j++;
    }
    let w = 0;
    for (let k = i; k >= j; k--) {
      w = 2 * w + bit(k);
      if (r !== undefined) r = R.mul(r, r);
    }
    if (w) r = r === undefined ? odd[w >> 1] : R.mul(r, odd[w >> 1]);
    i = j - 1;
  }
  return r === undefined ? R.one : r;
}
