// An in-process Cognito for the session tests that real time or cognito-local cannot serve: refresh-token
// rotation with a grace period (cognito-local lacks GetTokensFromRefreshToken), a clock of its own (skew),
// going offline, and a week of simulated time. It answers the JSON 1.1 actions the session code uses,
// issues unsigned JWTs with whole-second iat/exp as Cognito does, and counts every call.
import type { FetchLike, FetchResponseLike } from "../../core/cognito";
import { makeJwt } from "./jwt";

export interface FakeCognitoOptions {
  /** The server's clock, ms (may differ from the phone's). */
  now: () => number;
  /** Access and ID token lifetime, ms (whole seconds). */
  lifetimeMs: number;
  /** GetTokensFromRefreshToken issues a new refresh token; REFRESH_TOKEN_AUTH is then refused. */
  rotation?: boolean;
  /** How long a rotated-out refresh token keeps working. Default 0. */
  graceMs?: number;
  /** false: GetTokensFromRefreshToken is unknown, as in cognito-local (HTTP 500, CognitoLocal#Unsupported). */
  getTokensAction?: boolean;
}

interface RefreshRecord {
  username: string;
  family: number;
  /** Server time after which it stops working (rotated out), if it was. */
  diesAt?: number;
}

export interface FakeCognito {
  readonly fetch: FetchLike;
  /** Every call that reached the server, in order; InitiateAuth as "InitiateAuth:<AuthFlow>". */
  readonly calls: { action: string; at: number }[];
  /** false: every request fails as fetch does offline (a TypeError). */
  online: boolean;
  /** Answers the next calls with these errors, one each. */
  failNext(...errors: { status: number; type: string; message?: string }[]): void;
  /** Whether a bearer access or ID token would be accepted now (not expired, not revoked). */
  accepts(token: string): boolean;
  /** Ends a refresh token's family (what an administrator's revocation does). */
  revoke(refreshToken: string): void;
  refreshCalls(): number;
  /** Holds every answer (the requests are recorded) until the returned function is called. */
  pause(): () => void;
}

export function fakeCognito(options: FakeCognitoOptions): FakeCognito {
  const refreshTokens: { [token: string]: RefreshRecord } = {};
  const revokedFamilies: { [family: number]: boolean } = {};
  const queued: { status: number; type: string; message?: string }[] = [];
  const calls: { action: string; at: number }[] = [];
  let serial = 0;
  let held: Promise<void> | undefined;

  const issueTokens = (username: string, family: number) => {
    const iat = Math.floor(options.now() / 1000);
    const exp = iat + Math.round(options.lifetimeMs / 1000);
    const claims = { sub: `sub-${username}`, iat, exp, family, jti: ++serial };
    return {
      AccessToken: makeJwt({ ...claims, username, token_use: "access" }),
      IdToken: makeJwt({ ...claims, "cognito:username": username, token_use: "id" }),
      ExpiresIn: exp - iat,
      TokenType: "Bearer",
    };
  };
  const newRefreshToken = (username: string, family: number) => {
    const token = `rt-${family}-${++serial}`;
    refreshTokens[token] = { username, family };
    return token;
  };
  const liveRecord = (token: unknown): RefreshRecord | undefined => {
    const r = typeof token === "string" ? refreshTokens[token] : undefined;
    if (!r || revokedFamilies[r.family]) return undefined;
    if (r.diesAt !== undefined && options.now() >= r.diesAt) return undefined;
    return r;
  };
  const claimsOf = (token: string): { exp?: number; family?: number; username?: string } => {
    try {
      return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
    } catch {
      return {};
    }
  };
  const accepts = (token: string) => {
    const c = claimsOf(token);
    return typeof c.exp === "number" && c.exp * 1000 > options.now() && c.family !== undefined && !revokedFamilies[c.family];
  };

  const notAuthorized = (message: string) => ({ status: 400, body: { __type: "NotAuthorizedException", message } });
  const handle = (action: string, body: any): { status: number; body: unknown } => {
    switch (action) {
      case "InitiateAuth": {
        if (body.AuthFlow === "USER_PASSWORD_AUTH") {
          const username = body.AuthParameters.USERNAME;
          const family = ++serial;
          return {
            status: 200,
            body: { AuthenticationResult: { ...issueTokens(username, family), RefreshToken: newRefreshToken(username, family) } },
          };
        }
        if (body.AuthFlow !== "REFRESH_TOKEN_AUTH") return { status: 400, body: { __type: "InvalidParameterException", message: "flow" } };
        if (options.rotation)
          return {
            status: 400,
            body: { __type: "InvalidParameterException", message: "Refresh token rotation is enabled: use GetTokensFromRefreshToken" },
          };
        const r = liveRecord(body.AuthParameters.REFRESH_TOKEN);
        if (!r) return notAuthorized("Invalid Refresh Token");
        return { status: 200, body: { AuthenticationResult: issueTokens(r.username, r.family) } };
      }
      case "GetTokensFromRefreshToken": {
        if (options.getTokensAction === false) {
          return { status: 500, body: { __type: "CognitoLocal#Unsupported", message: "Cognito Local unsupported feature" } };
        }
        const r = liveRecord(body.RefreshToken);
        if (!r) return notAuthorized("Invalid Refresh Token");
        const result: Record<string, unknown> = issueTokens(r.username, r.family);
        if (options.rotation) {
          const old = refreshTokens[body.RefreshToken];
          if (old.diesAt === undefined) old.diesAt = options.now() + (options.graceMs || 0);
          result.RefreshToken = newRefreshToken(r.username, r.family);
        }
        return { status: 200, body: { AuthenticationResult: result } };
      }
      case "RevokeToken": {
        const r = liveRecord(body.Token);
        if (!r) return { status: 400, body: { __type: "UnsupportedTokenTypeException", message: "Invalid token" } };
        revokedFamilies[r.family] = true;
        return { status: 200, body: {} };
      }
      case "GlobalSignOut":
      case "GetUser": {
        if (!accepts(body.AccessToken)) return notAuthorized("Access Token has been revoked");
        const c = claimsOf(body.AccessToken);
        if (action === "GetUser") {
          return { status: 200, body: { Username: c.username, UserAttributes: [{ Name: "sub", Value: `sub-${c.username}` }] } };
        }
        for (const token of Object.keys(refreshTokens))
          if (refreshTokens[token].username === c.username) revokedFamilies[refreshTokens[token].family] = true;
        return { status: 200, body: {} };
      }
      default:
        return { status: 400, body: { __type: "UnknownOperationException", message: action } };
    }
  };

  const fake: FakeCognito = {
    calls,
    online: true,
    fetch: async (_url, init) => {
      if (!fake.online) throw new TypeError("Network request failed");
      const action = init.headers["X-Amz-Target"].split(".")[1];
      const body = JSON.parse(init.body);
      calls.push({ action: action === "InitiateAuth" ? `InitiateAuth:${body.AuthFlow}` : action, at: options.now() });
      if (held) await held;
      const forced = queued.shift();
      const answer = forced
        ? { status: forced.status, body: { __type: forced.type, message: forced.message || "" } }
        : handle(action, body);
      return response(answer.status, JSON.stringify(answer.body));
    },
    failNext: (...errors) => void queued.push(...errors),
    accepts,
    revoke: (token) => {
      const r = refreshTokens[token];
      if (r) revokedFamilies[r.family] = true;
    },
    pause: () => {
      let release = () => undefined as void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    refreshCalls: () =>
      calls.filter((c) => c.action === "GetTokensFromRefreshToken" || c.action === "InitiateAuth:REFRESH_TOKEN_AUTH").length,
  };
  return fake;
}

function response(status: number, text: string): FetchResponseLike {
  return {
    status,
    headers: { get: (name: string) => (name.toLowerCase() === "content-type" ? "application/x-amz-json-1.1" : null) },
    text: async () => text,
  };
}
