// When a session's tokens need refreshing, and how long to wait after a failed refresh. Pure functions
// of the session and the local clock, so the scheduler and the tests agree on one definition.
//
// Expiry is on the local clock already (receipt time + lifetime; see cognito/tokens.ts), so a phone
// whose clock is wrong by minutes still refreshes on time. What that cannot see is the whole seconds
// of `iat`/`exp`: a token can die up to a second before receivedAt + lifetime says, hence the slack.
import { StoredSession } from "./stored-session";

/** `iat` and `exp` are whole seconds: the true expiry can be this much earlier than computed. */
const CLAIM_GRANULARITY_MS = 1000;
/** What a request needs to reach a server with the token still alive. */
const REQUEST_ALLOWANCE_MS = 500;
/** A 1/30 lead keeps refreshes per token lifetime near 1.03 while leaving room for a slow network. */
const LEAD_FRACTION = 1 / 30;
const MAX_LEAD_MS = 60000;

export interface Backoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/** The companion wakes every 5 minutes at best: waiting longer than that between retries gains nothing. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 2000, capMs: 300000 };

function lifetime(s: StoredSession): number {
  return s.expiresAt - s.receivedAt;
}

/** How long before expiry a refresh is due; never more than half a lifetime, so a very short
 *  lifetime cannot make every fresh token due at once. */
export function refreshMargin(s: StoredSession): number {
  const lead = Math.max(REQUEST_ALLOWANCE_MS, Math.min(MAX_LEAD_MS, lifetime(s) * LEAD_FRACTION));
  return Math.min(CLAIM_GRANULARITY_MS + lead, lifetime(s) / 2);
}

export function refreshDueAt(s: StoredSession): number {
  return s.expiresAt - refreshMargin(s);
}

/** A clock that went back past the receipt time makes expiry unknowable: refresh. */
export function isDue(s: StoredSession, now: number): boolean {
  return now < s.receivedAt || now >= refreshDueAt(s);
}

/** Still worth sending to a server (with a refresh due or failing, this decides whether to wait). */
export function isUsable(s: StoredSession, now: number): boolean {
  return now >= s.receivedAt && s.expiresAt - now > CLAIM_GRANULARITY_MS + REQUEST_ALLOWANCE_MS;
}

/** Capped exponential backoff with jitter: half the step fixed, half random, so many phones that
 *  failed together do not retry together. */
export function backoffDelay(failures: number, random: () => number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const step = Math.min(backoff.capMs, backoff.baseMs * Math.pow(2, Math.min(Math.max(failures, 1) - 1, 30)));
  return step / 2 + (random() * step) / 2;
}
