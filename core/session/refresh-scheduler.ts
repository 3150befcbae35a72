// The refresh machine: when the session's tokens are refreshed, and one refresh at a time. A refresh is
// due ahead of expiry (timing.ts); every caller meanwhile shares the one under way; a transient failure
// backs off, exponentially with jitter, and never drops the session (its tokens serve while they last);
// only Cognito's word that the session is over ends it. It holds no session and sets no timer: the
// manager owns both, and asks `nextAt` when to wake it.
import { SessionEndingFailure, endsSession, failureCode } from "../cognito";
import { attempt } from "./attempt";
import { StoredSession } from "./stored-session";
import { isDue, isUsable, refreshDueAt } from "./timing";

export interface RefreshSchedulerDeps {
  /** The session now; undefined while signed out. */
  session(): StoredSession | undefined;
  /** The session now; throws (NotSignedInError) while signed out. */
  current(): StoredSession;
  /** One refresh call (refresh-call.ts); rejects with its failure. */
  exchange(s: StoredSession): Promise<StoredSession>;
  now(): number;
  /** When to try again after `failures` failures in a row (`what` failed, for the log). */
  retryTime(failures: number, what: string): number;
  /** A refresh succeeded: keep its session. */
  refreshed(next: StoredSession): void;
  /** Cognito said the session is over. */
  ended(failure: SessionEndingFailure): void;
  /** `nextAt` changed without a change of session: set the timer again. */
  reschedule(): void;
  say(line: string): void;
}

export interface RefreshScheduler {
  /** Joins the refresh under way, or refreshes the current session. */
  refresh(): Promise<StoredSession>;
  /** Tokens that are valid now: refreshes when due; while refreshes fail transiently, the current
   *  tokens as long as they still serve. */
  fresh(): Promise<StoredSession>;
  /** A wake at `t` should refresh: due, and not waiting out a backoff (or a refresh is under way: join it). */
  due(t: number): boolean;
  /** When the timer should next wake the machine: at the due time, or the retry time after a failure.
   *  Never while signed out, nor for a refresh under way: its end schedules again (a timer now would
   *  only wake to join it, and again). */
  nextAt(t: number): number;
  /** A new sign-in or a sign-out: forgets the failure streak, and a refresh under way can no longer
   *  change the session nor be joined. Returns that refresh: it may bring a newer refresh token. */
  restart(): Promise<StoredSession> | undefined;
}

// A closure rather than a class: its state is private by construction, and (unlike `this.` fields)
// minifies to short local names, which matters in the companion bundle.
export function refreshScheduler(deps: RefreshSchedulerDeps): RefreshScheduler {
  const { now, say } = deps;
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

  const failed = (err: unknown) => {
    const code = failureCode(err);
    if (endsSession(err)) {
      say(`ended (${code})`);
      deps.ended(err);
      return;
    }
    retryAt = deps.retryTime(++failures, `refresh failed (${code})`);
    deps.reschedule();
  };

  const exchangeAndKeep = (s: StoredSession, started: number): Promise<StoredSession> =>
    deps.exchange(s).then(
      (next) => {
        if (started === generation) {
          inflight = undefined; // this refresh is over: refreshed() may schedule the next
          resetRetry();
          say(`refreshed (${next.refreshMode || "REFRESH_TOKEN_AUTH"})`);
          deps.refreshed(next);
        }
        return next;
      },
      (err) => {
        if (started === generation) {
          inflight = undefined;
          failed(err);
        }
        throw err;
      },
    );

  const refresh = (): Promise<StoredSession> => {
    if (!inflight) {
      const flight = exchangeAndKeep(deps.current(), generation);
      const done = () => {
        if (inflight === flight) inflight = undefined;
      };
      flight.then(done, done);
      inflight = flight;
    }
    return inflight;
  };

  return {
    refresh,
    fresh: () =>
      attempt(() => {
        const s = deps.current();
        const t = now();
        if (!isDue(s, t)) return s;
        if (!inflight && t < retryAt && isUsable(s, t)) return s;
        return refresh().then(deps.current, (err) => {
          const still = deps.session();
          if (still && !endsSession(err) && isUsable(still, now())) return still;
          throw err;
        });
      }),
    due(t) {
      const s = deps.session();
      return !!s && isDue(s, t) && (!!inflight || t >= retryAt);
    },
    nextAt(t) {
      const s = deps.session();
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
