// The server side of Cognito's USER_SRP_AUTH: InitiateAuth's SRP_A → PASSWORD_VERIFIER challenge (salt,
// B, secret block) → the client's password claim, checked. Written independently of core/cognito/srp
// (Node's BigInt and node:crypto only), so that amazon-cognito-identity-js signing in against it proves
// it, and it then proves our client. Serves the SRP test server (tests/support) and the sandbox's
// cognito-local, which lacks SRP (cognito-local-child.ts), for users and for remembered devices, whose
// verifiers ConfirmDevice stores (device-sign-in.ts).
//
// Cognito's behaviour it copies (as public reports from real pools describe it): the SECRET_BLOCK
// carries the state and answers once; the TIMESTAMP is parsed leniently and the signature checked over
// its canonical form, so a zero-padded day or a wrong weekday fails as NotAuthorizedException
// "Incorrect username or password." while an unparseable one is an InvalidParameterException.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

const N = BigInt(
  "0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);
const g = BigInt(2);

/** Java BigInteger.toByteArray(): minimal two's complement of a non-negative number. */
function pad(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  if (/^[89a-f]/.test(hex)) hex = "00" + hex;
  return Buffer.from(hex, "hex");
}
const H = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
const int = (b: Buffer) => BigInt("0x0" + b.toString("hex"));
function modPow(base: bigint, e: bigint): bigint {
  let r = BigInt(1);
  for (base %= N; e > BigInt(0); e >>= BigInt(1), base = (base * base) % N) if (e & BigInt(1)) r = (r * base) % N;
  return r;
}
const k = int(H(pad(N), pad(g)));

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Parses `EEE MMM d HH:mm:ss UTC yyyy` leniently (as Java would: a padded day or any weekday parse). */
function canonicalTimestamp(s: unknown): string | undefined {
  const m = typeof s === "string" && /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{1,2}) (\d\d):(\d\d):(\d\d) UTC (\d{4})$/.exec(s);
  if (!m || DAYS.indexOf(m[1]) < 0 || MONTHS.indexOf(m[2]) < 0) return undefined;
  const d = new Date(Date.UTC(+m[7], MONTHS.indexOf(m[2]), +m[3], +m[4], +m[5], +m[6]));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Cognito's answer to a request SRP refuses: the error type and message to send. */
export class SrpRefusal extends Error {
  constructor(
    readonly type: "InvalidParameterException" | "NotAuthorizedException",
    message: string,
  ) {
    super(message);
  }
}
const notAuthorized = () => new SrpRefusal("NotAuthorizedException", "Incorrect username or password.");

/** What the server keeps of a user for SRP: never the password, only its verifier. */
export interface SrpAccount {
  /** USER_ID_FOR_SRP: what Cognito calls the user internally. */
  readonly userId: string;
  readonly salt: bigint;
  readonly verifier: bigint;
}

/** The verifier of `password`, with a fresh random salt (as Cognito stores it when the password is set). */
export function srpAccount(poolName: string, userId: string, password: string): SrpAccount {
  const salt = int(randomBytes(16));
  const inner = createHash("sha256")
    .update(poolName + userId + ":" + password, "utf8")
    .digest();
  return { userId, salt, verifier: modPow(g, int(H(pad(salt), inner))) };
}

/**
 * The account of a verifier stored as it was sent, as ConfirmDevice sends a remembered device's
 * (`DeviceSecretVerifierConfig`: the salt's and the verifier's bytes, big-endian): the same SRP then
 * proves the device, with its group key as the "pool name" and its key as the user.
 */
export function storedSrpAccount(userId: string, salt: Uint8Array, verifier: Uint8Array): SrpAccount {
  const v = int(Buffer.from(verifier));
  // A verifier ≡ 0 makes the server's S = (A·v^u)^b zero, which anyone can prove without the password.
  if (!salt.length || v % N === BigInt(0) || v >= N)
    throw new SrpRefusal("InvalidParameterException", "Invalid device secret verifier config");
  return { userId, salt: int(Buffer.from(salt)), verifier: v };
}

/** PASSWORD_VERIFIER's ChallengeParameters. */
export interface PasswordVerifierParameters {
  SALT: string;
  SECRET_BLOCK: string;
  SRP_B: string;
  USERNAME: string;
  USER_ID_FOR_SRP: string;
}

/** RespondToAuthChallenge's ChallengeResponses for PASSWORD_VERIFIER, as received. */
export interface PasswordClaim {
  PASSWORD_CLAIM_SECRET_BLOCK?: unknown;
  PASSWORD_CLAIM_SIGNATURE?: unknown;
  TIMESTAMP?: unknown;
}

export interface SrpVerifier {
  /** InitiateAuth USER_SRP_AUTH for `account` with the client's `SRP_A`: the challenge to send. */
  challenge<A extends SrpAccount>(account: A, srpA: unknown): PasswordVerifierParameters;
  /** Checks a password claim; returns the account that proved its password. A secret block answers once. */
  verify<A extends SrpAccount>(claim: PasswordClaim): A;
}

/** The SRP sign-ins under way in one pool (the pool name enters the hash and the signature). */
export function srpVerifier(poolName: string): SrpVerifier {
  const pending = new Map<string, { account: SrpAccount; A: bigint; b: bigint; B: bigint }>();
  return {
    challenge(account, srpA) {
      if (typeof srpA !== "string" || !/^[0-9a-fA-F]+$/.test(srpA)) throw new SrpRefusal("InvalidParameterException", "SRP_A is not hex");
      const A = BigInt("0x" + srpA);
      if (A % N === BigInt(0)) throw new SrpRefusal("InvalidParameterException", "SRP_A mod N is 0");
      const b = int(randomBytes(32));
      const B = (k * account.verifier + modPow(g, b)) % N;
      const secretBlock = randomBytes(1024).toString("base64");
      pending.set(secretBlock, { account, A, b, B });
      return {
        SALT: account.salt.toString(16), // Java's toString(16): odd lengths happen
        SECRET_BLOCK: secretBlock,
        SRP_B: B.toString(16),
        USERNAME: account.userId,
        USER_ID_FOR_SRP: account.userId,
      };
    },
    verify<A extends SrpAccount>(claim: PasswordClaim): A {
      const { PASSWORD_CLAIM_SECRET_BLOCK: block, PASSWORD_CLAIM_SIGNATURE: signature } = claim;
      if (typeof block !== "string" || typeof signature !== "string")
        throw new SrpRefusal(
          "InvalidParameterException",
          "Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK or PASSWORD_CLAIM_SIGNATURE",
        );
      const timestamp = canonicalTimestamp(claim.TIMESTAMP);
      if (!timestamp) throw new SrpRefusal("InvalidParameterException", "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
      const state = pending.get(block);
      pending.delete(block);
      if (!state) throw notAuthorized();
      const { account, A, b, B } = state;
      const u = int(H(pad(A), pad(B)));
      const S = modPow(A * modPow(account.verifier, u), b);
      const key = Buffer.from(hkdfSync("sha256", pad(S), pad(u), Buffer.from("Caldera Derived Key"), 16));
      const expected = createHmac("sha256", key)
        .update(
          Buffer.concat([Buffer.from(poolName + account.userId, "utf8"), Buffer.from(block, "base64"), Buffer.from(timestamp, "utf8")]),
        )
        .digest();
      const given = Buffer.from(signature, "base64");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notAuthorized();
      return account as A;
    },
  };
}
