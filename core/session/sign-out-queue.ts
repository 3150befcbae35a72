// The queue of pending sign-outs. A sign-out leaves the phone at once, but its refresh token lives on at
// Cognito until Cognito is told. So the sign-out is kept as pending, in the same store record as the
// session (session-record.ts), and tried again on every wake and on the timer (with the refresh's
// backoff) until Cognito accepts it or answers a final no; a new sign-in keeps it. Nothing else ends it:
// a token left alive for its whole lifetime (30 days by default) is what this is here to prevent. For
// the same reason, a GlobalSignOut that Cognito refuses for good (an access token it no longer takes, an
// app client or an emulator that will not do it) becomes a RevokeToken of this session's refresh token:
// the other sessions live on, and the sign-out says so. It sets no timer: the manager owns it, and asks
// `nextAt` when to wake the queue.
import { CognitoClient, CognitoServiceError, actionUnknown, checkConfig, endsSession, failureCode, isTransient } from "../cognito";
import { attempt } from "./attempt";
import { SessionRecord } from "./session-record";
import { StoredSession } from "./stored-session";
import { isUsable } from "./timing";
import { PendingSignOut } from "./token-store";

/** What GlobalSignOut answered when Cognito would not sign out everywhere, and only this session's
 *  refresh token was revoked instead. */
export type GlobalSignOutRefusal = CognitoServiceError;

export interface SignOutQueue {
  /** Sends `mine`, a sign-out pending already, in its turn. A refresh of that session still under way
   *  (`flight`) may bring a newer, rotated refresh token: then that is the one to end, so the sign-out
   *  waits for it. Resolves when Cognito accepted, or the token turned out dead already: with
   *  GlobalSignOut's refusal when only this session ended, else with nothing. Otherwise rejects with the
   *  failure; the sign-out then stays pending unless that was a final no (signOutStaysPending). */
  retire(mine: PendingSignOut, flight?: Promise<StoredSession>): Promise<GlobalSignOutRefusal | undefined>;
  /** Signed out already: tries the oldest pending sign-out now, and answers for it as `retire` does;
   *  undefined when none is pending. */
  sendOldest(): Promise<GlobalSignOutRefusal | undefined> | undefined;
  /** A wake at `t`: tries every pending sign-out once, when their retry time has come and no try is
   *  under way; false when there is nothing to do. Failures are logged and accounted for here. */
  wake(t: number): Promise<unknown> | false;
  /** When the timer should next wake the queue: never while a try is under way (its end schedules
   *  again) or nothing is pending. */
  nextAt(): number;
}

// Its parts one by one rather than as an object, as the refresh machine's: parameter names minify,
// property names do not (the companion bundle).
export function signOutQueue(
  /** Where the pending sign-outs live, beside the session. */
  record: SessionRecord,
  /** The client for the current settings; throws when they are incomplete. */
  client: () => CognitoClient,
  /** One refresh call (refresh-call.ts): GlobalSignOut needs a live access token. */
  exchange: (s: StoredSession) => Promise<StoredSession>,
  now: () => number,
  /** When to try again after `failures` failed rounds in a row (`what`, for the log). */
  retryTime: (failures: number, what: string) => number,
  /** A job ended, so `nextAt` changed: set the timer again. */
  reschedule: () => void,
  say: (line: string) => void,
): SignOutQueue {
  const { signOuts, write } = record;
  let failures = 0;
  let retryAt = 0;
  /** Sign-out work runs one job at a time, so two tries never race over one token; `queued` counts
   *  the jobs waiting or under way (the timer then waits for them rather than queueing more). */
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;

  /** Sets `next` pending in place of `old`'s sign-out, the session untouched (see replacePending). */
  const pend = (old: StoredSession, next?: PendingSignOut) => write(record.session(), replacePending(signOuts(), old, next));

  /** Runs sign-out work after the jobs already queued; each job's end schedules again. */
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    queued++;
    const run = queue.then(() => job());
    const done = () => {
      queued--;
      reschedule();
    };
    queue = run.then(done, done);
    return run;
  };

  /** Tries every pending sign-out once (a job: see exclusive). Any answer of Cognito's settles one (it
   *  leaves the list); anything else keeps it for the next round. Rejects with `mine`'s failure unless
   *  its token is dead now (then the sign-out happened all the same); resolves with `mine`'s
   *  GlobalSignOut refusal, if it had one. */
  const tryAll = (mine?: PendingSignOut): Promise<GlobalSignOutRefusal | undefined> => {
    let failure: unknown[] | undefined;
    let refusal: GlobalSignOutRefusal | undefined;
    const tryOne = (p: PendingSignOut): Promise<void> => {
      let latest = p;
      return attempt(() => {
        const c = client();
        // Only the app client that issued the token can end it: settings that name another keep it waiting.
        checkConfig(c.config.userPoolId === p.userPoolId && c.config.clientId === p.clientId, "settings", "name another app client");
        if (!p.everywhere) return c.revokeToken(p.refreshToken);
        // GlobalSignOut takes a live access token. The refresh that gets one may rotate the refresh
        // token: the new one is what stays pending.
        const live = isUsable(p, now()) ? Promise.resolve(p) : exchange(p).then((next) => pend(p, (latest = signingOut(next, true))));
        return live.then(() =>
          c.globalSignOut(latest.accessToken).catch((err) => {
            // Cognito's final no to signing out everywhere: this refresh token must die all the same. It
            // stays pending as a RevokeToken from here on, since asking again would get the same no.
            if (signOutStaysPending(err)) throw err;
            say(`GlobalSignOut refused (${failureCode(err)}), revoking this session's token instead`);
            if (p === mine) refusal = err;
            pend(latest, (latest = signingOut(latest, false)));
            return c.revokeToken(latest.refreshToken);
          }),
        );
      }).then(
        () => {
          say("sign-out confirmed");
          pend(latest);
        },
        (err) => {
          say(`sign-out failed (${failureCode(err)})`);
          if (p === mine && !endsSession(err)) failure = [err];
          if (!signOutStaysPending(err)) pend(latest);
        },
      );
    };
    // One after another, never two calls for one token at a time.
    return signOuts()
      .slice()
      .reduce((before: Promise<void>, p) => before.then(() => tryOne(p)), Promise.resolve())
      .then(() => {
        if (signOuts().length) retryAt = retryTime(++failures, "sign-out pending");
        else failures = 0;
        if (failure) throw failure[0];
        return refusal;
      });
  };

  return {
    retire(mine, flight) {
      const endLatest = (latest: StoredSession) => {
        if (latest !== mine) pend(mine, (mine = signingOut(latest, !!mine.everywhere)));
        return exclusive(() => tryAll(mine));
      };
      return flight ? flight.catch(() => mine).then(endLatest) : endLatest(mine);
    },
    // The oldest when its turn comes: a job before it may have settled the one that is oldest now.
    sendOldest: () => (signOuts().length ? exclusive(() => tryAll(signOuts()[0])) : undefined),
    wake: (t) => signOuts().length > 0 && !queued && t >= retryAt && exclusive(tryAll),
    nextAt: () => (signOuts().length && !queued ? retryAt : Infinity),
  };
}

/** `s` signed out and pending: RevokeToken of its refresh token, or GlobalSignOut when `everywhere`. */
export function signingOut(s: StoredSession, everywhere: boolean): PendingSignOut {
  return Object.assign({}, s, { everywhere });
}

/** `list` with `next` pending in place of any sign-out of the same refresh token, or of `old`'s (which a
 *  rotation replaced): one pending sign-out per token at most. Without `next`: just without `old`'s. */
export function replacePending(list: readonly PendingSignOut[], old: StoredSession, next?: PendingSignOut): PendingSignOut[] {
  const kept = list.filter((p) => p.refreshToken !== old.refreshToken && (!next || p.refreshToken !== next.refreshToken));
  if (next) kept.push(next);
  return kept;
}

/** A sign-out that failed so stays pending: Cognito did not answer (network, timeout, a page that is not
 *  Cognito's), or answered with throttling or trouble on its side. Any other answer of Cognito's is final,
 *  an endpoint that does not know the action (transient by its status 500, as cognito-local's) too. */
export function signOutStaysPending(err: unknown): boolean {
  return !(err instanceof CognitoServiceError) || (isTransient(err) && !actionUnknown(err));
}
