// JWT payloads, decoded for display and scheduling only. Nothing here verifies a signature: the
// companion got these tokens straight from Cognito over TLS and never trusts them for access control.
import { base64UrlDecode } from "./crypto/base64";
import { utf8Decode } from "./crypto/utf8";
import { JsonObject, finiteNumber as num, nonEmptyString as str, parseJsonObject } from "./json";

export interface TokenClaims {
  sub?: string;
  /** `cognito:username` in ID tokens, `username` in access tokens. */
  username?: string;
  email?: string;
  /** Seconds since the epoch, as the issuer's clock saw them. */
  exp?: number;
  iat?: number;
  clientId?: string;
}

/** Decodes the payload of a compact JWS. Returns undefined for anything that is not one. */
export function decodeJwtPayload(token: string): JsonObject | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    return parseJsonObject(utf8Decode(base64UrlDecode(parts[1])));
  } catch (_) {
    return undefined; // not base64url
  }
}

export function readClaims(token: string): TokenClaims {
  const p = decodeJwtPayload(token) || {};
  return {
    sub: str(p.sub),
    username: str(p["cognito:username"]) || str(p.username),
    email: str(p.email),
    exp: num(p.exp),
    iat: num(p.iat),
    clientId: str(p.client_id) || str(p.aud),
  };
}

/** The username Cognito knows a signed-in user by, from their tokens: what refresh's SECRET_HASH
 *  needs (with email sign-in it is the internal name, not the address typed). */
export function tokenUsername(tokens: { accessToken: string; idToken: string }): string | undefined {
  return readClaims(tokens.accessToken).username || readClaims(tokens.idToken).username;
}
