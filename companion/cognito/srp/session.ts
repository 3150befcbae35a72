// Cognito's USER_SRP_AUTH client side over any `Ring`; index.ts picks the ring for this runtime.
import { N_HEX, Ring, pow, powG } from "./group";
import { concat, less, mulAdd, pad, trim } from "./bytes";
import { formatSrpTimestamp } from "./timestamp";
import { base64Decode, base64Encode } from "../crypto/base64";
import { bytesToHex, hexToBytes } from "../crypto/hex";
import { hkdfSha256 } from "../crypto/hkdf";
import { hmacSha256 } from "../crypto/hmac";
import { sha256 } from "../crypto/sha256";
import { utf8Encode } from "../crypto/utf8";

/** What InitiateAuth needs (`srpA` goes out as SRP_A); the secret exponent stays out of reach. */
export interface SrpSecret {
  readonly srpA: string;
}

export interface PasswordVerifierChallenge {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
}

export interface PasswordVerifierInput {
  poolName: string;
  password: string;
  challenge: PasswordVerifierChallenge;
  now: Date;
}

export interface PasswordVerifierAnswer {
  PASSWORD_CLAIM_SIGNATURE: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  TIMESTAMP: string;
  USERNAME: string;
}

interface Private {
  ring: Ring<unknown>;
  a: Uint8Array;
  A: Uint8Array;
}

// Kept beside, not inside, the public object, so logging or serializing a secret shows only srpA.
const secrets = new WeakMap<SrpSecret, Private>();

/** Bytes of the secret exponent a: 512 bits (RFC 5054 asks for at least 256; a longer a costs nothing
 * after the password is typed, since the exponent a + u·x is 512 bits anyway). */
export const SECRET_BYTES = 64;

const N = hexToBytes(N_HEX);
const k = sha256(concat(pad(N), pad(new Uint8Array([2]))));
const INFO = utf8Encode("Caldera Derived Key");

export function startSrpWith<T>(ring: Ring<T>, randomBytes: (n: number) => Uint8Array): SrpSecret {
  const a = randomBytes(SECRET_BYTES);
  if (!a || a.length !== SECRET_BYTES || !trim(a).length) throw new Error("randomBytes gave no usable random bytes");
  const A = ring.to(powG(ring, a));
  const secret = { srpA: bytesToHex(trim(A)).replace(/^0/, "") };
  secrets.set(secret, { ring: ring as Ring<unknown>, a: a.slice(), A });
  return secret;
}

export function answerPasswordVerifier(secret: SrpSecret, input: PasswordVerifierInput): PasswordVerifierAnswer {
  const p = secrets.get(secret);
  if (!p) throw new Error("not an SRP secret made by startSrp");
  const { poolName, password, challenge, now } = input;
  const userId = challenge.USER_ID_FOR_SRP;
  const B = hexParam("SRP_B", challenge.SRP_B);
  // B ≥ N never comes from Cognito (B is reduced mod N), so refusing it also refuses every B ≡ 0.
  if (!trim(B).length || !less(B, N)) throw new Error("SRP_B from the server is invalid (B mod N must not be 0)");
  const u = sha256(concat(pad(p.A), pad(B)));
  if (!trim(u).length) throw new Error("SRP u is 0: refusing to answer");
  const x = sha256(concat(pad(hexParam("SALT", challenge.SALT)), sha256(utf8Encode(poolName + userId + ":" + password))));

  const R = p.ring;
  const base = R.sub(R.from(B), R.mul(R.from(k), powG(R, x)));
  const S = R.to(pow(R, base, mulAdd(u, x, p.a)));
  const key = hkdfSha256(pad(S), pad(u), INFO, 16);

  const timestamp = formatSrpTimestamp(now);
  const message = concat(
    utf8Encode(poolName),
    utf8Encode(userId),
    base64Param("SECRET_BLOCK", challenge.SECRET_BLOCK),
    utf8Encode(timestamp),
  );
  return {
    PASSWORD_CLAIM_SIGNATURE: base64Encode(hmacSha256(key, message)),
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
    TIMESTAMP: timestamp,
    USERNAME: userId,
  };
}

// Cognito prints its numbers with Java's toString(16): any case, and an odd length is normal.
function hexParam(name: string, hex: string): Uint8Array {
  try {
    return hexToBytes(hex.length % 2 ? "0" + hex : hex);
  } catch (_) {
    throw new Error(name + " from the server is not hex");
  }
}

function base64Param(name: string, b64: string): Uint8Array {
  try {
    return base64Decode(b64);
  } catch (_) {
    throw new Error(name + " from the server is not base64");
  }
}
