// Tokens as Cognito issues them, with their lifetime translated to this device's clock.
import { checkAnswer } from "./errors";
import { readClaims } from "./jwt";
import { JsonObject, finiteNumber, isJsonObject, nonEmptyString } from "./json";

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
  const r: JsonObject = isJsonObject(result) ? result : {};
  const accessToken = nonEmptyString(r.AccessToken);
  const idToken = nonEmptyString(r.IdToken);
  checkAnswer(accessToken && idToken, "no tokens");
  const { exp, iat } = readClaims(accessToken);
  const expiresIn = finiteNumber(r.ExpiresIn);
  // Lifetime from ExpiresIn when Cognito sends it; otherwise from the token's own exp - iat (an
  // emulator omits ExpiresIn). Either way it is counted from local receipt, so a wrong phone clock
  // cannot make a token look fresh or stale.
  let lifetimeMs: number;
  if (expiresIn && expiresIn > 0) lifetimeMs = expiresIn * 1000;
  else {
    checkAnswer(exp !== undefined, "token lifetime unknown");
    lifetimeMs = iat !== undefined && exp > iat ? (exp - iat) * 1000 : Math.max(0, exp * 1000 - receivedAt);
  }
  return {
    accessToken,
    idToken,
    refreshToken: nonEmptyString(r.RefreshToken),
    tokenType: nonEmptyString(r.TokenType) || "Bearer",
    receivedAt,
    expiresAt: receivedAt + lifetimeMs,
    skewMs: iat !== undefined ? iat * 1000 - receivedAt : 0,
  };
}
