// Keeps a signed-in wearer signed in: stores the session, refreshes it ahead of expiry (on a timer
// while the companion lives, and on every wake, because the Fitbit companion may be killed at any time
// and its wake interval is only a hint), shares one refresh among all callers, backs off on transient
// failures without ever dropping the session for them, and ends it only when Cognito says the refresh
// token is dead. Free of Fitbit imports: the companion, the CLI and the tests run this same code.
//
// Which refresh call (the "auto" rotation setting): GetTokensFromRefreshToken first, because real
// Cognito accepts it whether or not the app client rotates refresh tokens, while REFRESH_TOKEN_AUTH
// stops working once rotation is on. Its answer tells rotation apart (a new refresh token, or none).
// Only when the endpoint does not know the action (cognito-local: "CognitoLocal#Unsupported"; AWS JSON
// services: UnknownOperationException) does the session fall back to REFRESH_TOKEN_AUTH, at once and in
// the same refresh. The outcome is kept in the stored session's `refreshMode`, so the probe costs one
// request once per session.
//
// Sign-out: the session is gone from the phone at once, but its refresh token lives on at Cognito
// until Cognito is told. So the sign-out is kept as pending, in the same store record as the session,
// and tried again on every wake and on the timer (with the refresh's backoff) until Cognito accepts it
// or answers a final no; a new sign-in keeps it. Nothing else ends it: a token left alive for its
// whole lifetime (30 days by default) is what this is here to prevent. For the same reason, a
// GlobalSignOut that Cognito refuses for good (an access token it no longer takes, an app client or an
// emulator that will not do it) becomes a RevokeToken of this session's refresh token: the other
// sessions live on, and signOut says so.
import { CognitoClient, UserInfo } from "../cognito";
import type { Note } from "../../common/messages";
import { describeFailure } from "../signin/describe"; // to go: the session will carry the failure, not words
import { Timers, systemTimers } from "../cognito";
import { CognitoConfigError, CognitoServiceError, checkConfig, endsSession, failureCode, isTransient } from "../cognito";
import { CallInit, CallResponse, HttpFetch, callWithBearer } from "./authorized-call";
import { RefreshMode, StoredSession, sessionAfterRefresh } from "./stored-session";
import { Backoff, backoffDelay, isDue, isUsable, refreshDueAt } from "./timing";
import { KeyValueStore, PendingSignOut, tokenStore } from "./token-store";

export type { KeyValueStore } from "./token-store";

export type SessionState =
  | { readonly kind: "signedOut"; readonly reason?: Note }
  | { readonly kind: "signedIn"; readonly session: StoredSession };

export type { Timers } from "../cognito";

/** What GlobalSignOut answered when Cognito would not sign out everywhere, and only this session's
 *  refresh token was revoked instead. */
export type GlobalSignOutRefusal = CognitoServiceError;

/** "on": GetTokensFromRefreshToken only; "off": REFRESH_TOKEN_AUTH only; "auto": see above. */
export type RotationSetting = "auto" | "on" | "off";

export interface SessionManagerOptions {
  store: KeyValueStore;
  /** The client for the current settings; undefined while they are incomplete. */
  client: () => CognitoClient | undefined;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
  rotation?: RotationSetting;
  log?: (line: string) => void;
  /** For callWithToken; defaults to the global fetch. */
  fetch?: HttpFetch;
  /** callWithToken's limit per request; default 15 s. */
  callTimeoutMs?: number;
  backoff?: Backoff;
}

/** Asked for tokens while signed out; `reason` says why the session ended, when it did not end by choice. */
export class NotSignedInError extends Error {
  constructor(readonly reason?: Note) {
    super("not signed in");
    this.name = "NotSignedInError";
  }
}

// setTimeout takes a signed 32-bit delay; a longer one fires at once.
const MAX_TIMER_MS = 0x7fffffff;

/** A wearer's session, kept signed in. Made by `sessionManager`. */
export interface SessionManager {
  state(): SessionState;
  /** Called on every change of state; returns the way to stop listening. */
  onChange(listener: (state: SessionState) => void): () => void;
  /** A new sign-in: replaces whatever session there was, and signs a replaced one out at Cognito (after
   *  its refresh under way, if any). Resolves when that is done or there was none; otherwise rejects
   *  with the failure, and that sign-out stays pending or is dropped as signOut's would be. */
  adopt(session: StoredSession): Promise<void>;
  /** Tokens that are valid now. Refreshes when due (sharing a refresh already under way); while
   *  refreshes fail transiently, the current tokens are returned as long as they still serve. */
  freshSession(): Promise<StoredSession>;
  /** Refreshes whether due or not (joining a refresh under way). */
  refreshNow(): Promise<StoredSession>;
  /** The companion woke (wake interval, launch, the watch app opened): do what is due. Never throws. */
  wake(reason: string): Promise<void>;
  /** RevokeToken, or GlobalSignOut when `everywhere`. The session is gone from the phone before the
   *  call is made. Resolves when Cognito accepted, or the token turned out dead already: with
   *  GlobalSignOut's refusal when only this session ended (see above), else with nothing. Otherwise
   *  rejects with the failure, and the sign-out stays pending (retried on wakes and the timer) unless
   *  Cognito's answer was a final no (an app client without revocation, an emulator without the call):
   *  `signOutStaysPending` tells which. Without a session, tries the oldest pending sign-out now. */
  signOut(everywhere: boolean): Promise<GlobalSignOutRefusal | undefined>;
  /** `Authorization: Bearer <token>` to the wearer's own service; on a 401, one retry with newer tokens. */
  callWithToken(url: string, init: CallInit, token?: "access" | "id"): Promise<CallResponse>;
  /** Cognito's GetUser with a fresh access token; a refused token gets one refresh and retry. */
  whoami(): Promise<UserInfo>;
  /** Stops the timer and forgets the listeners (tests, the CLI). */
  dispose(): void;
}

// A closure rather than a class: its state is private by construction, and (unlike `this.` fields)
// minifies to short local names, which matters in the companion bundle.
export function sessionManager(options: SessionManagerOptions): SessionManager {
  const tokens = tokenStore(options.store);
  const now = options.now || Date.now;
  const timers = options.timers || systemTimers;
  const log = options.log || (() => undefined);
  const say = (line: string) => log("session: " + line);
  let session = tokens.load();
  /** Sign-outs Cognito has not confirmed, each to be tried until it answers. */
  let signOuts = tokens.pendingSignOuts();
  /** Why the last session ended, when it did not end by choice. */
  let reason: Note | undefined;
  let listeners: ((state: SessionState) => void)[] = [];
  let inflight: Promise<StoredSession> | undefined;
  /** Bumped by every adopt and sign-out, so a refresh that began before one cannot undo it (nor be
   *  joined by callers of the new session). */
  let generation = 0;
  let failures = 0;
  let retryAt = 0;
  let timer: unknown;
  let signOutFailures = 0;
  let signOutRetryAt = 0;
  /** Sign-out work runs one job at a time, so two tries never race over one token; `queued` counts
   *  the jobs waiting or under way (the timer then waits for them rather than queueing more). */
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  /** The last write failed: the state in memory is newer than the stored one. */
  let unsaved = false;
  let disposed = false;

  const state = (): SessionState => (session ? { kind: "signedIn", session } : { kind: "signedOut", reason });

  const current = (): StoredSession => {
    if (!session) throw new NotSignedInError(reason);
    return session;
  };

  const client = (): CognitoClient => {
    const c = options.client();
    if (!c) throw new CognitoConfigError("settings", "lack the user pool or app client ID");
    return c;
  };

  /** Forgets any failure streak: after a success, a sign-in or a sign-out. */
  const resetRetry = () => {
    failures = 0;
    retryAt = 0;
  };

  /** The time of the next try after `failures` failures in a row (`what` failed, for the log). */
  const retryTime = (failures: number, what: string) => {
    const wait = backoffDelay(failures, options.random || Math.random, options.backoff);
    say(`${what}, attempt ${failures}, next in ${Math.round(wait / 1000)} s`);
    return now() + wait;
  };

  /** One timer at most: at the refresh due time, or at the retry time after a failure, or at the next
   *  try of a pending sign-out. None for work under way: its end schedules again (a timer now would
   *  only wake to join it, and again). */
  const schedule = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    const s = session;
    const t = now();
    let at = s && !inflight ? (isDue(s, t) ? retryAt : Math.max(refreshDueAt(s), retryAt)) : Infinity;
    if (signOuts.length && !queued) at = Math.min(at, signOutRetryAt);
    if (disposed || at === Infinity) return;
    timer = timers.set(() => {
      timer = undefined;
      void wake("timer");
    }, Math.min(MAX_TIMER_MS, Math.max(0, at - t)));
  };

  const emit = () => {
    const st = state();
    for (const listener of listeners.slice()) {
      try {
        listener(st);
      } catch (_) {
        say("a state listener threw");
      }
    }
  };

  /** Writes the session and the pending sign-outs, as one record. */
  const save = () => {
    try {
      tokens.save(session, signOuts);
      unsaved = false;
    } catch (err) {
      // The previous record is intact; this one lives in memory and is written again at the next wake.
      unsaved = true;
      say(`could not store the session (${failureCode(err)})`);
    }
  };

  /** Sets `next` pending in place of any sign-out of the same refresh token (or of `old`'s, which a
   *  rotation replaced): one pending sign-out per token at most. `next` undefined: just drops `old`'s. */
  const pend = (old: StoredSession, next?: PendingSignOut) => {
    signOuts = signOuts.filter((p) => p.refreshToken !== old.refreshToken && (!next || p.refreshToken !== next.refreshToken));
    if (next) signOuts.push(next);
    save();
  };

  const keep = (s: StoredSession) => {
    session = s;
    save();
    schedule();
    emit();
  };

  /** `signedOut`: the sign-out to keep pending, written in the same record that drops the session. */
  const end = (why: Note | undefined, signedOut?: PendingSignOut) => {
    generation++;
    inflight = undefined;
    session = undefined;
    reason = why;
    resetRetry();
    if (signedOut) pend(signedOut, signedOut);
    else save();
    schedule();
    emit();
  };

  const failed = (err: unknown) => {
    const code = failureCode(err);
    if (endsSession(err)) {
      say(`ended (${code})`);
      end(describeFailure(err, "refresh"));
      return;
    }
    retryAt = retryTime(++failures, `refresh failed (${code})`);
    schedule();
  };

  /** One refresh call as the rotation setting and the session's learned mode say. */
  const exchange = (s: StoredSession): Promise<StoredSession> =>
    attempt(() => {
      const c = client();
      const rotation = options.rotation || "auto";
      const initiateAuth = (mode: RefreshMode | undefined) =>
        c.refresh(s.refreshToken, s.username).then((tokens) => sessionAfterRefresh(s, tokens, mode));
      if (rotation === "off") return initiateAuth(s.refreshMode);
      if (rotation === "auto" && s.refreshMode === "initiateAuth") return initiateAuth("initiateAuth");
      return c.refreshRotating(s.refreshToken).then(
        (next) => sessionAfterRefresh(s, next, next.refreshToken ? "rotating" : "fixed"),
        (err) => {
          if (rotation === "on" || !actionUnknown(err)) throw err;
          say("GetTokensFromRefreshToken unknown here, using REFRESH_TOKEN_AUTH");
          return initiateAuth("initiateAuth");
        },
      );
    });

  const exchangeAndKeep = (s: StoredSession, started: number): Promise<StoredSession> =>
    exchange(s).then(
      (next) => {
        if (started === generation) {
          inflight = undefined; // this refresh is over: keep() may schedule the next
          resetRetry();
          say(`refreshed (${next.refreshMode || "REFRESH_TOKEN_AUTH"})`);
          keep(next);
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
      const flight = exchangeAndKeep(current(), generation);
      const done = () => {
        if (inflight === flight) inflight = undefined;
      };
      flight.then(done, done);
      inflight = flight;
    }
    return inflight;
  };

  const refreshNow = () => attempt(refresh).then(current);

  const freshSession = (): Promise<StoredSession> =>
    attempt(() => {
      const s = current();
      const t = now();
      if (!isDue(s, t)) return s;
      if (!inflight && t < retryAt && isUsable(s, t)) return s;
      return refresh().then(current, (err) => {
        const still = session;
        if (still && !endsSession(err) && isUsable(still, now())) return still;
        throw err;
      });
    });

  /** Runs sign-out work after the jobs already queued; each job's end schedules again. */
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    queued++;
    const run = queue.then(() => job());
    const done = () => {
      queued--;
      schedule();
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
    return signOuts
      .slice()
      .reduce((before: Promise<void>, p) => before.then(() => tryOne(p)), Promise.resolve())
      .then(() => {
        if (signOuts.length) signOutRetryAt = retryTime(++signOutFailures, "sign-out pending");
        else signOutFailures = 0;
        if (failure) throw failure[0];
        return refusal;
      });
  };

  /** Sends `mine`, a sign-out pending already, in its turn (see exclusive). A refresh of that session
   *  still under way (`flight`) may bring a newer, rotated refresh token: then that is the one to end,
   *  so the sign-out waits for it. Rejects as tryAll does for `mine`. */
  const retire = (mine: PendingSignOut, flight?: Promise<StoredSession>): Promise<GlobalSignOutRefusal | undefined> => {
    const endLatest = (latest: StoredSession) => {
      if (latest !== mine) pend(mine, (mine = signingOut(latest, !!mine.everywhere)));
      return exclusive(() => tryAll(mine));
    };
    return flight ? flight.catch(() => mine).then(endLatest) : endLatest(mine);
  };

  const wake = (why: string): Promise<void> =>
    attempt(() => {
      if (unsaved) save();
      const s = session;
      const t = now();
      const due = s && isDue(s, t) && (inflight || t >= retryAt);
      if (due) say(`refresh due (${why})`);
      const work = [due && refresh(), signOuts.length && !queued && t >= signOutRetryAt && exclusive(tryAll)];
      schedule(); // drops the timer that woke us; the work under way schedules the next when it ends
      // Failures are logged and accounted for where they happen.
      return Promise.all(work.map((w) => w && w.then(undefined, () => undefined))).then(() => undefined);
    });

  const send = (url: string, init: CallInit, s: StoredSession, token: "access" | "id") =>
    callWithBearer(url, init, token === "id" ? s.idToken : s.accessToken, {
      fetch: options.fetch,
      timeoutMs: options.callTimeoutMs || 15000,
      timers,
    });

  schedule();

  return {
    state,
    onChange(listener) {
      listeners.push(listener);
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    adopt(s) {
      const old = session;
      const flight = inflight;
      generation++;
      inflight = undefined;
      resetRetry();
      reason = undefined;
      // A sign-in over a live session (another account, from the settings page) ends the old one at
      // Cognito too instead of leaving its refresh token alive: it becomes a pending sign-out, written in
      // the same record as the new session, and is sent at once.
      const mine = old && old.refreshToken !== s.refreshToken ? signingOut(old, false) : undefined;
      if (mine) signOuts = signOuts.filter((p) => p.refreshToken !== mine.refreshToken).concat(mine);
      keep(s);
      // Not everywhere: nothing to refuse but the RevokeToken itself, which rejects.
      return mine ? retire(mine, flight).then(() => undefined) : Promise.resolve();
    },
    freshSession,
    refreshNow,
    wake,
    signOut(everywhere) {
      return attempt(() => {
        const flight = inflight;
        const mine = session && signingOut(session, everywhere);
        end(undefined, mine);
        // Signed out already: a sign-out still pending is tried now (the CLI's logout sends one this way).
        if (!mine) return signOuts.length ? exclusive(() => tryAll(signOuts[0])) : undefined;
        return retire(mine, flight);
      });
    },
    callWithToken(url, init, token = "access") {
      return freshSession().then((used) =>
        send(url, init, used, token).then((first) => {
          if (first.status !== 401) return first;
          // Another caller may have refreshed meanwhile; then its tokens are the newer ones.
          const latest = session;
          const next = latest && latest.accessToken !== used.accessToken ? latest : refreshNow();
          return Promise.resolve(next).then((s) => send(url, init, s, token));
        }),
      );
    },
    whoami() {
      return freshSession().then((s) =>
        client()
          .getUser(s.accessToken)
          .catch((err) => {
            if (!(err instanceof CognitoServiceError) || err.type !== "NotAuthorizedException") throw err;
            const c = client();
            return refreshNow().then((fresh) => c.getUser(fresh.accessToken));
          }),
      );
    },
    dispose() {
      disposed = true;
      listeners = [];
      schedule();
    },
  };
}

function signingOut(s: StoredSession, everywhere: boolean): PendingSignOut {
  return Object.assign({}, s, { everywhere });
}

/** Runs `work` at once, as an async function runs its body: a throw rejects the promise. */
function attempt<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

/** A sign-out that failed so stays pending: Cognito did not answer (network, timeout, a page that is not
 *  Cognito's), or answered with throttling or trouble on its side. Any other answer of Cognito's is final. */
export function signOutStaysPending(err: unknown): boolean {
  return !(err instanceof CognitoServiceError) || (isTransient(err) && !actionUnknown(err));
}

/** The endpoint does not know the action at all (as opposed to refusing this token). */
function actionUnknown(err: unknown): boolean {
  return err instanceof CognitoServiceError && /Unsupported|UnknownOperation|InvalidAction/i.test(err.type);
}
