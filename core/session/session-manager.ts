// Keeps a signed-in wearer signed in: stores the session, refreshes it ahead of expiry (on a timer while
// the companion lives, and on every wake, because the Fitbit companion may be killed at any time and its
// wake interval is only a hint), and signs out at Cognito even when Cognito cannot be reached at once.
// Free of Fitbit imports: the companion, the CLI and the tests run this same code.
//
// The manager composes two machines and keeps what they share: the refresh machine
// (refresh-scheduler.ts: when to refresh, backoff, one refresh at a time, the end of a session), the queue
// of pending sign-outs (sign-out-queue.ts), the record both change (session-record.ts: one crash-safe
// write of the session and the pending sign-outs), and the one timer, set at the sooner of the times the
// machines ask to be woken.
import { CognitoClient, CognitoConfigError, CognitoServiceError, SessionEndingFailure, UserInfo, systemTimers } from "../cognito";
import { attempt } from "./attempt";
import { CallInit, CallResponse, HttpFetch, callWithBearer } from "./authorized-call";
import { RotationSetting, refreshCall } from "./refresh-call";
import { refreshScheduler } from "./refresh-scheduler";
import { sessionRecord } from "./session-record";
import { GlobalSignOutRefusal, replacePending, signOutQueue, signingOut } from "./sign-out-queue";
import { StoredSession } from "./stored-session";
import { Backoff, backoffDelay } from "./timing";
import { KeyValueStore, PendingSignOut } from "./token-store";
import type { Timers } from "../cognito";

export type { KeyValueStore } from "./token-store";
export type { Timers } from "../cognito";
export type { RotationSetting } from "./refresh-call";
export type { GlobalSignOutRefusal } from "./sign-out-queue";
export { signOutStaysPending } from "./sign-out-queue";

/** Signed out: `endedBy` is Cognito's answer that ended the last session, absent when there was none or
 *  it ended by choice (a sign-out). What a wearer reads of it is the sign-in's to say. */
export type SessionState =
  { readonly kind: "signedOut"; readonly endedBy?: SessionEndingFailure } | { readonly kind: "signedIn"; readonly session: StoredSession };

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

/** Asked for tokens while signed out; `endedBy`: Cognito's answer that ended the session, when it did not
 *  end by choice. */
export class NotSignedInError extends Error {
  constructor(readonly endedBy?: SessionEndingFailure) {
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
   *  GlobalSignOut's refusal when only this session ended (sign-out-queue.ts), else with nothing.
   *  Otherwise rejects with the failure, and the sign-out stays pending (retried on wakes and the timer)
   *  unless Cognito's answer was a final no (an app client without revocation, an emulator without the
   *  call): `signOutStaysPending` tells which. Without a session, tries the oldest pending sign-out now. */
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
  const now = options.now || Date.now;
  const timers = options.timers || systemTimers;
  const log = options.log || (() => undefined);
  const say = (line: string) => log("session: " + line);
  const record = sessionRecord(options.store, say);
  /** The session now; undefined while signed out. */
  const session = record.session;
  /** Why the last session ended, when it did not end by choice. */
  let endedBy: SessionEndingFailure | undefined;
  let listeners: ((state: SessionState) => void)[] = [];
  let timer: unknown;
  let disposed = false;

  const state = (): SessionState => {
    const s = session();
    return s ? { kind: "signedIn", session: s } : { kind: "signedOut", endedBy };
  };

  const current = (): StoredSession => {
    const s = session();
    if (!s) throw new NotSignedInError(endedBy);
    return s;
  };

  const client = (): CognitoClient => {
    const c = options.client();
    if (!c) throw new CognitoConfigError("settings", "lack the user pool or app client ID");
    return c;
  };

  /** The time of the next try after `failures` failures in a row (`what` failed, for the log). */
  const retryTime = (failures: number, what: string) => {
    const wait = backoffDelay(failures, options.random || Math.random, options.backoff);
    say(`${what}, attempt ${failures}, next in ${Math.round(wait / 1000)} s`);
    return now() + wait;
  };

  const exchange = (s: StoredSession): Promise<StoredSession> => attempt(() => refreshCall(client(), s, options.rotation || "auto", say));

  /** One timer at most, at the sooner of the times the machines ask to be woken. */
  const schedule = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    const t = now();
    const at = Math.min(refresher.nextAt(t), signOuts.nextAt());
    if (disposed || at === Infinity) return;
    timer = timers.set(
      () => {
        timer = undefined;
        void wake("timer");
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at - t)),
    );
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

  /** `s` is the session now (undefined: signed out); `signedOut`, a sign-out to keep pending, is written
   *  in the same record (with the others kept). */
  const keep = (s: StoredSession | undefined, signedOut?: PendingSignOut) => {
    record.write(s, signedOut && replacePending(record.signOuts(), signedOut, signedOut));
    schedule();
    emit();
  };

  /** The session ends, signed out (`failure` ended it unless it ended by choice), or a new sign-in
   *  (`next`) replaces it; `signedOut`, the sign-out to keep pending, is written in the same record. Returns
   *  the refresh that was under way. */
  const end = (failure?: SessionEndingFailure, signedOut?: PendingSignOut, next?: StoredSession) => {
    const flight = refresher.restart();
    endedBy = failure;
    keep(next, signedOut);
    return flight;
  };

  const refresher = refreshScheduler(session, current, exchange, now, retryTime, keep, end, schedule, say);
  const signOuts = signOutQueue(record, client, exchange, now, retryTime, schedule, say);

  const refreshNow = () => attempt(refresher.refresh).then(current);
  const freshSession = refresher.fresh;

  const wake = (why: string): Promise<void> =>
    attempt(() => {
      record.retryWrite();
      const t = now();
      const work = [refresher.wake(t, why), signOuts.wake(t)];
      schedule(); // drops the timer that woke us; the work under way schedules the next when it ends
      // Failures are logged and accounted for where they happen.
      return Promise.all(work.map((w) => w && w.then(undefined, () => undefined))).then(() => undefined);
    });

  const send = (url: string, init: CallInit, s: StoredSession, token: "access" | "id") =>
    callWithBearer(url, init, token === "id" ? s.idToken : s.accessToken, options.fetch, options.callTimeoutMs || 15000, timers);

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
      const old = session();
      // A sign-in over a live session (another account, from the settings page) ends the old one at
      // Cognito too instead of leaving its refresh token alive: it becomes a pending sign-out, written in
      // the same record as the new session, and is sent at once.
      const mine = old && old.refreshToken !== s.refreshToken ? signingOut(old, false) : undefined;
      const flight = end(undefined, mine, s);
      // Not everywhere: nothing to refuse but the RevokeToken itself, which rejects.
      return mine ? signOuts.retire(mine, flight).then(() => undefined) : Promise.resolve();
    },
    freshSession,
    refreshNow,
    wake,
    signOut(everywhere) {
      return attempt(() => {
        const s = session();
        const mine = s && signingOut(s, everywhere);
        const flight = end(undefined, mine);
        // Signed out already: a sign-out still pending is tried now (the CLI's logout sends one this way).
        return mine ? signOuts.retire(mine, flight) : signOuts.sendOldest();
      });
    },
    callWithToken(url, init, token = "access") {
      return freshSession().then((used) =>
        send(url, init, used, token).then((first) => {
          if (first.status !== 401) return first;
          // Another caller may have refreshed meanwhile; then its tokens are the newer ones.
          const latest = session();
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
