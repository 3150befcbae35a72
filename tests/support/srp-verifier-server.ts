// A loopback stand-in for Cognito's USER_SRP_AUTH: InitiateAuth → PASSWORD_VERIFIER →
// RespondToAuthChallenge → AuthenticationResult, on the server side of SRP in sandbox/srp-server.ts
// (independent of core/cognito/srp), so that amazon-cognito-identity-js signing in against it
// proves the server, and the server then proves our client. Like Cognito it sends no `Session` with
// PASSWORD_VERIFIER (the SECRET_BLOCK carries the state) and checks SECRET_HASH when the client has a
// secret; it signs its own tokens.
import { createHmac, randomBytes } from "node:crypto";
import { createServer, IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { SrpAccount, SrpRefusal, srpAccount, srpVerifier } from "../../sandbox/srp-server";

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

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Account extends SrpAccount {
  username: string;
  sub: string;
}

export async function startSrpVerifierServer(options: SrpVerifierServerOptions): Promise<SrpVerifierServer> {
  const poolName = options.poolId.split("_")[1];
  if (!poolName) throw new Error("poolId must look like <region>_<name>");
  const accounts: Account[] = options.users.map((u) => ({
    ...srpAccount(poolName, u.userIdForSrp || u.username, u.password),
    username: u.username,
    sub: cryptoUuid(),
  }));
  const find = (name: unknown) => accounts.find((a) => a.username === name || a.userId === name);
  const srp = srpVerifier(poolName);
  const requests: { action: string; body: any }[] = [];
  const tokenKey = randomBytes(32);

  function checkSecretHash(username: string, hash: unknown) {
    if (!options.clientSecret) return;
    if (typeof hash !== "string")
      throw new CognitoError(
        "NotAuthorizedException",
        `Client ${options.clientId} is configured with secret but SECRET_HASH was not received`,
      );
    const expected = createHmac("sha256", options.clientSecret)
      .update(username + options.clientId)
      .digest("base64");
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
    const account = find(params.USERNAME);
    if (!account) throw new CognitoError("UserNotFoundException", "User does not exist.");
    return { ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters: srp.challenge(account, params.SRP_A) };
  }

  function respondToAuthChallenge(body: any) {
    checkClient(body.ClientId);
    if (body.ChallengeName !== "PASSWORD_VERIFIER")
      throw new CognitoError("InvalidParameterException", "This test server only answers PASSWORD_VERIFIER");
    const r = body.ChallengeResponses || {};
    for (const name of ["USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP"])
      if (typeof r[name] !== "string") throw new CognitoError("InvalidParameterException", `Missing required parameter ${name}`);
    checkSecretHash(r.USERNAME, r.SECRET_HASH);
    const account = srp.verify<Account>(r);
    if (find(r.USERNAME) !== account) throw new CognitoError("NotAuthorizedException", "Incorrect username or password.");
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
        const e =
          err instanceof CognitoError
            ? err
            : err instanceof SrpRefusal
              ? new CognitoError(err.type, err.message)
              : new CognitoError("InternalErrorException", String(err), 500);
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
