// Cognito's USER_SRP_AUTH client side over any `Ring`; index.ts picks the ring for this runtime.
import { N, Ring, pow, powG } from "./group";
import { less, mulAdd, pad, trim } from "./bytes";
import { formatSrpTimestamp } from "./timestamp";
import { base64Decode, base64Encode } from "../crypto/base64";
import { concat } from "../crypto/concat";
import { bytesToHex, hexToBytes } from "../crypto/hex";
import { hkdfSha256 } from "../crypto/hkdf";
import { hmacSha256 } from "../crypto/hmac";
import { sha256 } from "../crypto/sha256";
import { utf8Encode } from "../crypto/utf8";
import { CognitoBadResponseError, checkAnswer } from "../errors";

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

// The ring, a and A, kept beside (not inside) the public object, so logging or serializing a secret
// shows only srpA.
const secrets = new WeakMap<SrpSecret, [Ring<unknown>, Uint8Array, Uint8Array]>();

/** Bytes of the secret exponent a: 512 bits (RFC 5054 asks for at least 256; a longer a costs nothing
 * after the password is typed, since the exponent a + u·x is 512 bits anyway). */
export const SECRET_BYTES = 64;

// k = H(pad(N) ‖ pad(g)), and pad(g) is the one byte 02. Computed when first needed, not as the module
// loads: a bundle that imports the client for its checks alone (the settings page) then leaves SRP out.
let k: Uint8Array | undefined;

export function startSrpWith<T>(ring: Ring<T>, randomBytes: (n: number) => Uint8Array): SrpSecret {
  const a = randomBytes(SECRET_BYTES);
  if (!(a && a.length === SECRET_BYTES && trim(a).length)) throw new Error("bad randomBytes");
  const A = ring.to(powG(ring, a));
  const secret = { srpA: bytesToHex(trim(A)).replace(/^0/, "") };
  secrets.set(secret, [ring as Ring<unknown>, a.slice(), A]);
  return secret;
}

export function answerPasswordVerifier(secret: SrpSecret, input: PasswordVerifierInput): PasswordVerifierAnswer {
  return passwordClaim(secret, input.poolName, input.password, input.challenge, input.now);
}

/** answerPasswordVerifier with its input one by one, as the client calls it: parameter names minify,
 *  property names do not (the companion bundle). */
export function passwordClaim(
  secret: SrpSecret,
  poolName: string,
  password: string,
  challenge: PasswordVerifierChallenge,
  now: Date,
): PasswordVerifierAnswer {
  const p = secrets.get(secret);
  if (!p) throw new Error("not a secret from startSrp");
  const [R, a, A] = p;
  // The parameters come from the server: what is wrong with them is a bad answer (BadResponse) that
  // names the parameter, never its value. The proof is for exactly the name Cognito gives.
  const userId = challenge.USER_ID_FOR_SRP;
  checkAnswer(userId, "USER_ID_FOR_SRP missing");
  // Cognito prints its numbers with Java's toString(16): any case, and an odd length is normal.
  const [B, salt, block] = (["SRP_B", "SALT", "SECRET_BLOCK"] as const).map((name, i) => {
    const s = challenge[name];
    checkAnswer(s, name + " missing");
    try {
      return i < 2 ? hexToBytes(s.length % 2 ? "0" + s : s) : base64Decode(s);
    } catch (_) {
      throw new CognitoBadResponseError(200, name + " is not " + (i < 2 ? "hex" : "base64"));
    }
  });
  // 0 < B < N: B ≥ N never comes from Cognito (it sends B mod N), so this also refuses every B ≡ 0.
  checkAnswer(trim(B).length && less(B, N), "SRP_B out of range");
  const u = sha256(concat(pad(A), pad(B)));
  checkAnswer(trim(u).length, "u is 0 for this SRP_B");
  const x = sha256(concat(pad(salt), sha256(utf8Encode(poolName + userId + ":" + password))));

  const base = R.sub(R.from(B), R.mul(R.from(k || (k = sha256(concat(pad(N), [2])))), powG(R, x)));
  const S = R.to(pow(R, base, mulAdd(u, x, a)));
  const key = hkdfSha256(pad(S), pad(u), utf8Encode("Caldera Derived Key"), 16);

  const timestamp = formatSrpTimestamp(now);
  return {
    PASSWORD_CLAIM_SIGNATURE: base64Encode(hmacSha256(key, concat(utf8Encode(poolName + userId), block, utf8Encode(timestamp)))),
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
    TIMESTAMP: timestamp,
    USERNAME: userId,
  };
}
