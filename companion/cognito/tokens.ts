// Tokens as Cognito issues them, with their lifetime translated to this device's clock.
import { CognitoBadResponseError } from "./errors";
import { readClaims } from "./jwt";
import { isJsonObject } from "./json";

export interface IssuedTokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly tokenType: string;
  /** Local clock (ms since the epoch) when the answer arrived. */
  readonly receivedAt: number;
  /** Local clock time at which the access and ID tokens stop being accepted. */
  readonly expiresAt: number;
  /** Issuer's clock minus ours at receipt, measured from the token's `iat` (ms; 0 when unknown). */
  readonly skewMs: number;
}

/** A fresh sign-in always comes with a refresh token. */
export interface SignInTokens extends IssuedTokens {
  readonly refreshToken: string;
}

/** A refresh answers a refresh token only when the client rotates them. */
export interface RefreshedTokens extends IssuedTokens {
  readonly refreshToken: string | undefined;
}

export function readAuthenticationResult(result: unknown, receivedAt: number): RefreshedTokens {
  if (!isJsonObject(result)) throw new CognitoBadResponseError(200, "no AuthenticationResult");
  const r = result;
  const accessToken = r.AccessToken;
  const idToken = r.IdToken;
  if (typeof accessToken !== "string" || typeof idToken !== "string" || !accessToken || !idToken) {
    throw new CognitoBadResponseError(200, "AuthenticationResult without tokens");
  }
  const claims = readClaims(accessToken);
  // Lifetime from ExpiresIn when Cognito sends it; otherwise from the token's own exp - iat (an
  // emulator omits ExpiresIn). Either way it is counted from local receipt, so a wrong phone clock
  // cannot make a token look fresh or stale.
  let lifetimeMs: number | undefined;
  if (typeof r.ExpiresIn === "number" && r.ExpiresIn > 0) lifetimeMs = r.ExpiresIn * 1000;
  else if (claims.exp !== undefined && claims.iat !== undefined && claims.exp > claims.iat) {
    lifetimeMs = (claims.exp - claims.iat) * 1000;
  } else if (claims.exp !== undefined) lifetimeMs = Math.max(0, claims.exp * 1000 - receivedAt);
  if (lifetimeMs === undefined) throw new CognitoBadResponseError(200, "token lifetime unknown (no ExpiresIn, no exp)");
  return {
    accessToken,
    idToken,
    refreshToken: typeof r.RefreshToken === "string" && r.RefreshToken ? r.RefreshToken : undefined,
    tokenType: typeof r.TokenType === "string" ? r.TokenType : "Bearer",
    receivedAt,
    expiresAt: receivedAt + lifetimeMs,
    skewMs: claims.iat !== undefined ? claims.iat * 1000 - receivedAt : 0,
  };
}
