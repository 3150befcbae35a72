// The refresh machine: when the session's tokens are refreshed, and one refresh at a time. A refresh is
// due ahead of expiry (timing.ts); every caller meanwhile shares the one under way; a transient failure
// backs off, exponentially with jitter, and never drops the session (its tokens serve while they last);
// only Cognito's word that the session is over ends it. It holds no session and sets no timer: the
// manager owns both, and asks `nextAt` when to wake it.
import { SessionEndingFailure, endsSession, failureCode } from "../cognito";
import { attempt } from "./attempt";
import { StoredSession } from "./stored-session";
import { isDue, isUsable, refreshDueAt } from "./timing";

export interface RefreshScheduler {
  /** Joins the refresh under way, or refreshes the current session. */
  refresh(): Promise<StoredSession>;
  /** Tokens that are valid now: refreshes when due; while refreshes fail transiently, the current
   *  tokens as long as they still serve. */
  fresh(): Promise<StoredSession>;
  /** A wake at `t` (`why`, for the log): refreshes when due and not waiting out a backoff (or joins a
   *  refresh under way); false when there is nothing to do. */
  wake(t: number, why: string): Promise<StoredSession> | false;
  /** When the timer should next wake the machine: at the due time, or the retry time after a failure.
   *  Never while signed out, nor for a refresh under way: its end schedules again (a timer now would
   *  only wake to join it, and again). */
  nextAt(t: number): number;
  /** A new sign-in or a sign-out: forgets the failure streak, and a refresh under way can no longer
   *  change the session nor be joined. Returns that refresh: it may bring a newer refresh token. */
  restart(): Promise<StoredSession> | undefined;
}

// A closure rather than a class: its state is private by construction, and (unlike `this.` fields)
// minifies to short local names, which matters in the companion bundle. For the same reason it takes
// its parts one by one rather than as an object: parameter names minify, property names do not (an
// object of them cost the two machines about 250 B of companion.js).
export function refreshScheduler(
  /** The session now; undefined while signed out. */
  session: () => StoredSession | undefined,
  /** The session now; throws (NotSignedInError) while signed out. */
  current: () => StoredSession,
  /** One refresh call (refresh-call.ts); rejects with its failure. */
  exchange: (s: StoredSession) => Promise<StoredSession>,
  now: () => number,
  /** When to try again after `failures` failures in a row (`what` failed, for the log). */
  retryTime: (failures: number, what: string) => number,
  /** A refresh succeeded: keep its session. */
  refreshed: (next: StoredSession) => void,
  /** Cognito said the session is over. */
  ended: (failure: SessionEndingFailure) => void,
  /** `nextAt` changed without a change of session: set the timer again. */
  reschedule: () => void,
  say: (line: string) => void,
): RefreshScheduler {
  let inflight: Promise<StoredSession> | undefined;
  /** Bumped by every restart, so a refresh that began before one cannot undo it (nor be joined by
   *  callers of the new session). */
  let generation = 0;
  let failures = 0;
  let retryAt = 0;

  /** Forgets any failure streak: after a success, a sign-in or a sign-out. */
  const resetRetry = () => {
    failures = 0;
    retryAt = 0;
  };

  const exchangeAndKeep = (s: StoredSession, started: number): Promise<StoredSession> =>
    exchange(s).then(
      (next) => {
        if (started === generation) {
          inflight = undefined; // this refresh is over: refreshed() may schedule the next
          resetRetry();
          say(`refreshed (${next.refreshMode || "REFRESH_TOKEN_AUTH"})`);
          refreshed(next);
        }
        return next;
      },
      (err) => {
        if (started === generation) {
          inflight = undefined;
          // Only Cognito's word ends the session; anything else backs off, the session kept.
          const code = failureCode(err);
          if (endsSession(err)) {
            say(`ended (${code})`);
            ended(err);
          } else {
            retryAt = retryTime(++failures, `refresh failed (${code})`);
            reschedule();
          }
        }
        throw err;
      },
    );

  // The refresh under way ends itself: its own answer clears `inflight`, or a restart did already.
  const refresh = (): Promise<StoredSession> => inflight || (inflight = exchangeAndKeep(current(), generation));

  return {
    refresh,
    fresh: () =>
      attempt(() => {
        const s = current();
        const t = now();
        if (!isDue(s, t)) return s;
        if (!inflight && t < retryAt && isUsable(s, t)) return s;
        return refresh().then(current, (err) => {
          const still = session();
          if (still && !endsSession(err) && isUsable(still, now())) return still;
          throw err;
        });
      }),
    wake(t, why) {
      const s = session();
      if (!s || !isDue(s, t) || (!inflight && t < retryAt)) return false;
      say(`refresh due (${why})`);
      return refresh();
    },
    nextAt(t) {
      const s = session();
      return s && !inflight ? (isDue(s, t) ? retryAt : Math.max(refreshDueAt(s), retryAt)) : Infinity;
    },
    restart() {
      const flight = inflight;
      generation++;
      inflight = undefined;
      resetRetry();
      return flight;
    },
  };
}
