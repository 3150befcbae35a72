// What is kept between runs once a user has signed in: the tokens, what they were issued for, and
// what the refresh needs. Held only in the companion's local storage (or the CLI's 0600 session file),
// never in settings storage and never on the watch.
import { IssuedTokens, SignInTokens, RefreshedTokens } from "../cognito";
import { readClaims, tokenUsername } from "../cognito";
import { finiteNumber, isJsonObject, nonEmptyString } from "../cognito";

export interface StoredSession {
  readonly v: 1;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The name Cognito knows the user by (refresh's SECRET_HASH needs it). */
  readonly username: string;
  readonly refreshToken: string;
  readonly accessToken: string;
  readonly idToken: string;
  /** Local clock, ms. */
  readonly expiresAt: number;
  readonly receivedAt: number;
  readonly skewMs: number;
  /** When the last refresh succeeded (local clock, ms); absent until the first one. */
  readonly lastRefreshAt?: number;
  /** How this session refreshes, learned at its first refresh (absent until then). */
  readonly refreshMode?: RefreshMode;
  /** The remembered device the session was signed in with, where the pool tracks devices: its refresh
   *  token works only with this key (the device's secrets are in the device book, device-book.ts). */
  readonly deviceKey?: string;
}

/**
 * "rotating": GetTokensFromRefreshToken, which answers a new refresh token each time;
 * "fixed": GetTokensFromRefreshToken, the refresh token stays the same;
 * "initiateAuth": the endpoint lacks GetTokensFromRefreshToken (an emulator), so REFRESH_TOKEN_AUTH.
 */
export type RefreshMode = "rotating" | "fixed" | "initiateAuth";
const REFRESH_MODES: RefreshMode[] = ["rotating", "fixed", "initiateAuth"];

export function sessionFromSignIn(
  client: { userPoolId: string; clientId: string },
  typedUsername: string,
  tokens: SignInTokens,
  deviceKey?: string,
): StoredSession {
  return Object.assign(
    {
      v: 1 as const,
      userPoolId: client.userPoolId,
      clientId: client.clientId,
      username: tokenUsername(tokens) || typedUsername,
      refreshToken: tokens.refreshToken,
      deviceKey,
    },
    issued(tokens),
  );
}

/** What every token answer renews (its tokenType is not kept: calls always send "Bearer"). */
function issued(tokens: IssuedTokens) {
  return {
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    expiresAt: tokens.expiresAt,
    receivedAt: tokens.receivedAt,
    skewMs: tokens.skewMs,
  };
}

/** The session after a refresh. A rotated refresh token replaces the old one in the same write, so
 *  the store never holds tokens without the refresh token that goes with them. */
export function sessionAfterRefresh(session: StoredSession, tokens: RefreshedTokens, refreshMode: RefreshMode | undefined): StoredSession {
  return Object.assign({}, session, issued(tokens), {
    refreshToken: tokens.refreshToken || session.refreshToken,
    lastRefreshAt: tokens.receivedAt,
    refreshMode,
  });
}

/** Reads a stored session back, or undefined when it is missing, damaged or of another version. */
export function parseStoredSession(text: string | null | undefined): StoredSession | undefined {
  if (!text) return undefined;
  try {
    return readStoredSession(JSON.parse(text));
  } catch (_) {
    return undefined;
  }
}

/** The same check for a value already parsed. */
export function readStoredSession(s: unknown): StoredSession | undefined {
  if (!isJsonObject(s)) return undefined;
  for (const k of ["userPoolId", "clientId", "username", "refreshToken", "accessToken", "idToken"])
    if (!nonEmptyString(s[k])) return undefined;
  for (const k of ["expiresAt", "receivedAt", "skewMs"]) if (finiteNumber(s[k]) === undefined) return undefined;
  if (s.v !== 1) return undefined;
  if (s.refreshMode !== undefined && REFRESH_MODES.indexOf(s.refreshMode as RefreshMode) < 0) return undefined;
  if (s.deviceKey !== undefined && !nonEmptyString(s.deviceKey)) return undefined;
  return s as unknown as StoredSession;
}

/** Display facts for the watch and the CLI: no tokens. */
export function describeSession(session: StoredSession): { username: string; sub?: string; email?: string; expiresAt: number } {
  const id = readClaims(session.idToken);
  const access = readClaims(session.accessToken);
  return {
    username: id.username || access.username || session.username,
    sub: id.sub || access.sub,
    email: id.email,
    expiresAt: session.expiresAt,
  };
}
