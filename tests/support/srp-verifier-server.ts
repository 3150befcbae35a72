// A loopback stand-in for Cognito's USER_SRP_AUTH: InitiateAuth → PASSWORD_VERIFIER →
// RespondToAuthChallenge → AuthenticationResult, with the server side of SRP computed here from each
// user's password and a random salt. Written independently of companion/cognito/srp (Node's BigInt and
// node:crypto only), so that amazon-cognito-identity-js signing in against it proves the server, and the
// server then proves our client.
//
// Cognito's behaviour it copies (measured against real pools by others, see DESIGN.md): no `Session` with
// PASSWORD_VERIFIER (the SECRET_BLOCK carries the state), USER_ID_FOR_SRP and USERNAME in the challenge;
// the TIMESTAMP is parsed leniently and the signature checked over its canonical form, so a zero-padded
// day or a wrong weekday fails as NotAuthorizedException "Incorrect username or password." while an
// unparseable one is an InvalidParameterException; a SECRET_BLOCK answers once.
import { createHmac, hkdfSync, randomBytes, createHash, timingSafeEqual } from "node:crypto";
import { createServer, IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";

export interface SrpTestUser {
  username: string;
  password: string;
  /** What Cognito calls the user internally (USER_ID_FOR_SRP); default: the username. */
  userIdForSrp?: string;
}

export interface SrpVerifierServerOptions {
  users: SrpTestUser[];
  /** `<region>_<poolName>`; the pool name enters the SRP hash and the signature. */
  poolId: string;
  clientId: string;
  /** When set, every call must carry SECRET_HASH as Cognito checks it. */
  clientSecret?: string;
  /** Token lifetime in seconds (default 3600). */
  expiresIn?: number;
}

export interface SrpVerifierServer {
  /** `http://127.0.0.1:PORT/` */
  readonly endpoint: string;
  /** Every request received: the action (from X-Amz-Target) and the parsed body. */
  readonly requests: { action: string; body: any }[];
  close(): Promise<void>;
}

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

class CognitoError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}
const notAuthorized = () => new CognitoError("NotAuthorizedException", "Incorrect username or password.");

interface Account {
  username: string;
  userId: string;
  sub: string;
  salt: bigint;
  verifier: bigint;
}
interface Pending {
  account: Account;
  A: bigint;
  b: bigint;
  B: bigint;
}

export async function startSrpVerifierServer(options: SrpVerifierServerOptions): Promise<SrpVerifierServer> {
  const poolName = options.poolId.split("_")[1];
  if (!poolName) throw new Error("poolId must look like <region>_<name>");
  const accounts: Account[] = options.users.map((u) => {
    const userId = u.userIdForSrp || u.username;
    const salt = int(randomBytes(16));
    const inner = createHash("sha256").update(poolName + userId + ":" + u.password, "utf8").digest();
    const x = int(H(pad(salt), inner));
    return { username: u.username, userId, sub: cryptoUuid(), salt, verifier: modPow(g, x) };
  });
  const find = (name: unknown) => accounts.find((a) => a.username === name || a.userId === name);
  const pending = new Map<string, Pending>();
  const requests: { action: string; body: any }[] = [];
  const tokenKey = randomBytes(32);

  function checkSecretHash(username: string, hash: unknown) {
    if (!options.clientSecret) return;
    if (typeof hash !== "string")
      throw new CognitoError("NotAuthorizedException", `Client ${options.clientId} is configured with secret but SECRET_HASH was not received`);
    const expected = createHmac("sha256", options.clientSecret).update(username + options.clientId).digest("base64");
    if (hash !== expected) throw new CognitoError("NotAuthorizedException", `Unable to verify secret hash for client ${options.clientId}`);
  }

  function checkClient(clientId: unknown) {
    if (clientId !== options.clientId)
      throw new CognitoError("ResourceNotFoundException", `User pool client ${String(clientId)} does not exist.`);
  }

  function initiateAuth(body: any) {
    checkClient(body.ClientId);
    if (body.AuthFlow !== "USER_SRP_AUTH")
      throw new CognitoError("InvalidParameterException", `${String(body.AuthFlow)} flow not enabled for this client`);
    const params = body.AuthParameters || {};
    if (typeof params.USERNAME !== "string" || typeof params.SRP_A !== "string")
      throw new CognitoError("InvalidParameterException", "Missing required parameter SRP_A or USERNAME");
    checkSecretHash(params.USERNAME, params.SECRET_HASH);
    if (!/^[0-9a-fA-F]+$/.test(params.SRP_A)) throw new CognitoError("InvalidParameterException", "SRP_A is not hex");
    const A = BigInt("0x" + params.SRP_A);
    if (A % N === BigInt(0)) throw new CognitoError("InvalidParameterException", "SRP_A mod N is 0");
    const account = find(params.USERNAME);
    if (!account) throw new CognitoError("UserNotFoundException", "User does not exist.");
    const b = int(randomBytes(32));
    const B = (k * account.verifier + modPow(g, b)) % N;
    const secretBlock = randomBytes(1024).toString("base64");
    pending.set(secretBlock, { account, A, b, B });
    return {
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeParameters: {
        SALT: account.salt.toString(16), // Java's toString(16): odd lengths happen
        SECRET_BLOCK: secretBlock,
        SRP_B: B.toString(16),
        USERNAME: account.userId,
        USER_ID_FOR_SRP: account.userId,
      },
    };
  }

  function respondToAuthChallenge(body: any) {
    checkClient(body.ClientId);
    if (body.ChallengeName !== "PASSWORD_VERIFIER")
      throw new CognitoError("InvalidParameterException", "This test server only answers PASSWORD_VERIFIER");
    const r = body.ChallengeResponses || {};
    for (const name of ["USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP"])
      if (typeof r[name] !== "string") throw new CognitoError("InvalidParameterException", `Missing required parameter ${name}`);
    const timestamp = canonicalTimestamp(r.TIMESTAMP);
    if (!timestamp)
      throw new CognitoError("InvalidParameterException", "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
    checkSecretHash(r.USERNAME, r.SECRET_HASH);
    const state = pending.get(r.PASSWORD_CLAIM_SECRET_BLOCK);
    pending.delete(r.PASSWORD_CLAIM_SECRET_BLOCK);
    if (!state || find(r.USERNAME) !== state.account) throw notAuthorized();

    const { account, A, b, B } = state;
    const u = int(H(pad(A), pad(B)));
    const S = modPow(A * modPow(account.verifier, u), b);
    const key = Buffer.from(hkdfSync("sha256", pad(S), pad(u), Buffer.from("Caldera Derived Key"), 16));
    const expected = createHmac("sha256", key)
      .update(Buffer.concat([Buffer.from(poolName + account.userId, "utf8"), Buffer.from(r.PASSWORD_CLAIM_SECRET_BLOCK, "base64"), Buffer.from(timestamp, "utf8")]))
      .digest();
    const given = Buffer.from(r.PASSWORD_CLAIM_SIGNATURE, "base64");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notAuthorized();
    return { ChallengeParameters: {}, AuthenticationResult: tokensFor(account) };
  }

  function tokensFor(account: Account) {
    const iat = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    const iss = `https://cognito-idp.${options.poolId.split("_")[0]}.amazonaws.com/${options.poolId}`;
    const jwt = (claims: object) => {
      const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const head = `${enc({ alg: "HS256", typ: "JWT", kid: "srp-verifier" })}.${enc(claims)}`;
      return `${head}.${createHmac("sha256", tokenKey).update(head).digest("base64url")}`;
    };
    const common = { sub: account.sub, iss, iat, exp: iat + expiresIn, auth_time: iat };
    return {
      AccessToken: jwt({ ...common, token_use: "access", client_id: options.clientId, username: account.userId }),
      IdToken: jwt({ ...common, token_use: "id", aud: options.clientId, "cognito:username": account.userId }),
      RefreshToken: randomBytes(48).toString("base64url"),
      ExpiresIn: expiresIn,
      TokenType: "Bearer",
    };
  }

  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const action = String(req.headers["x-amz-target"] || "").replace(/^AWSCognitoIdentityProviderService\./, "");
      let status = 200;
      let result: unknown;
      try {
        let body: any;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch (_) {
          throw new CognitoError("SerializationException", "Malformed JSON body");
        }
        requests.push({ action, body });
        if (action === "InitiateAuth") result = initiateAuth(body);
        else if (action === "RespondToAuthChallenge") result = respondToAuthChallenge(body);
        else throw new CognitoError("UnknownOperationException", `${action} is not served here`);
      } catch (err) {
        const e = err instanceof CognitoError ? err : new CognitoError("InternalErrorException", String(err), 500);
        status = e.status;
        result = { __type: e.type, message: e.message };
        res.setHeader("x-amzn-ErrorType", `${e.type}:`);
      }
      res.writeHead(status, { "Content-Type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(result));
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

function cryptoUuid(): string {
  const h = randomBytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
