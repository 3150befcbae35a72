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
import { CognitoClient, UserInfo } from "../cognito/client";
import type { Note } from "../../common/messages";
import { describeFailure } from "../cognito/describe";
import { Timers, systemTimers } from "../cognito/deadline";
import { CognitoConfigError, CognitoServiceError, endsSession, failureCode } from "../cognito/errors";
import { CallInit, CallResponse, HttpFetch, callWithBearer } from "./authorized-call";
import { RefreshMode, StoredSession, sessionAfterRefresh } from "./stored-session";
import { Backoff, DEFAULT_BACKOFF, backoffDelay, isDue, isUsable, refreshDueAt } from "./timing";
import { KeyValueStore, tokenStore } from "./token-store";

export type { KeyValueStore } from "./token-store";

export type SessionState =
  | { readonly kind: "signedOut"; readonly reason?: Note }
  | { readonly kind: "signedIn"; readonly session: StoredSession };

export type { Timers } from "../cognito/deadline";

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
  /** A new sign-in: replaces whatever session there was. */
  adopt(session: StoredSession): void;
  /** Tokens that are valid now. Refreshes when due (sharing a refresh already under way); while
   *  refreshes fail transiently, the current tokens are returned as long as they still serve. */
  freshSession(): Promise<StoredSession>;
  /** Refreshes whether due or not (joining a refresh under way). */
  refreshNow(): Promise<StoredSession>;
  /** The companion woke (wake interval, launch, the watch app opened): do what is due. Never throws. */
  wake(reason: string): Promise<void>;
  /** RevokeToken, or GlobalSignOut when `everywhere`. The local session is gone before the call is
   *  made, so a failing network (which is then rethrown) never leaves tokens behind. */
  signOut(everywhere: boolean): Promise<void>;
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
  let session: StoredSession | undefined;
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
  /** The last write failed: the session in memory is newer than the stored one. */
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

  /** One timer at most: at the refresh due time, or at the retry time after a failure. None while a
   *  refresh is under way: its end schedules again (a timer now would only wake to join it, and again). */
  const schedule = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    const s = session;
    if (!s || disposed || inflight) return;
    const t = now();
    const at = isDue(s, t) ? retryAt : Math.max(refreshDueAt(s), retryAt);
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
        log("session: a state listener threw");
      }
    }
  };

  const save = (s: StoredSession) => {
    try {
      tokens.save(s);
      unsaved = false;
    } catch (err) {
      // The previous record is intact; this one lives in memory and is written again at the next wake.
      unsaved = true;
      log(`session: could not store the session (${failureCode(err)})`);
    }
  };

  const keep = (s: StoredSession) => {
    session = s;
    save(s);
    schedule();
    emit();
  };

  const end = (why: Note | undefined) => {
    generation++;
    inflight = undefined;
    session = undefined;
    reason = why;
    resetRetry();
    unsaved = false;
    try {
      tokens.clear();
    } catch (err) {
      log(`session: could not clear the stored session (${failureCode(err)})`);
    }
    schedule();
    emit();
  };

  const failed = (err: unknown) => {
    const code = failureCode(err);
    if (endsSession(err)) {
      log(`session: ended (${code})`);
      end(describeFailure(err, "refresh"));
      return;
    }
    failures++;
    const delay = backoffDelay(failures, options.random || Math.random, options.backoff || DEFAULT_BACKOFF);
    retryAt = now() + delay;
    log(`session: refresh failed (${code}), attempt ${failures}, next in ${Math.round(delay / 1000)} s`);
    schedule();
  };

  /** One refresh call as the rotation setting and the session's learned mode say. */
  const exchange = async (s: StoredSession): Promise<StoredSession> => {
    const c = client();
    const rotation = options.rotation || "auto";
    const initiateAuth = (mode: RefreshMode | undefined) =>
      c.refresh(s.refreshToken, s.username).then((tokens) => sessionAfterRefresh(s, tokens, mode));
    if (rotation === "off") return initiateAuth(s.refreshMode);
    if (rotation === "auto" && s.refreshMode === "initiateAuth") return initiateAuth("initiateAuth");
    try {
      const next = await c.refreshRotating(s.refreshToken);
      return sessionAfterRefresh(s, next, next.refreshToken ? "rotating" : "fixed");
    } catch (err) {
      if (rotation === "on" || !actionUnknown(err)) throw err;
      log("session: GetTokensFromRefreshToken unknown here, using REFRESH_TOKEN_AUTH");
      return initiateAuth("initiateAuth");
    }
  };

  const exchangeAndKeep = async (s: StoredSession, started: number): Promise<StoredSession> => {
    try {
      const next = await exchange(s);
      if (started === generation) {
        inflight = undefined; // this refresh is over: keep() may schedule the next
        resetRetry();
        log(`session: refreshed (${next.refreshMode || "REFRESH_TOKEN_AUTH"})`);
        keep(next);
      }
      return next;
    } catch (err) {
      if (started === generation) {
        inflight = undefined;
        failed(err);
      }
      throw err;
    }
  };

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

  const refreshNow = async () => {
    await refresh();
    return current();
  };

  const freshSession = async (): Promise<StoredSession> => {
    const s = current();
    const t = now();
    if (!isDue(s, t)) return s;
    if (!inflight && t < retryAt && isUsable(s, t)) return s;
    try {
      await refresh();
    } catch (err) {
      const still = session;
      if (still && !endsSession(err) && isUsable(still, now())) return still;
      throw err;
    }
    return current();
  };

  const wake = async (why: string): Promise<void> => {
    try {
      if (unsaved && session) save(session);
      const s = session;
      const t = now();
      if (s && isDue(s, t) && (inflight || t >= retryAt)) {
        log(`session: refresh due (${why})`);
        const flight = refresh();
        schedule(); // drops the timer that woke us; the refresh schedules the next when it ends
        await flight;
      } else schedule();
    } catch (_) {
      // Already logged and accounted for where it failed.
    }
  };

  const send = (url: string, init: CallInit, s: StoredSession, token: "access" | "id") =>
    callWithBearer(url, init, token === "id" ? s.idToken : s.accessToken, {
      fetch: options.fetch,
      timeoutMs: options.callTimeoutMs || 15000,
      timers,
    });

  session = tokens.load();
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
      generation++;
      inflight = undefined;
      resetRetry();
      reason = undefined;
      keep(s);
    },
    freshSession,
    refreshNow,
    wake,
    async signOut(everywhere) {
      const s = session;
      const pending = inflight;
      end(undefined);
      if (!s) return;
      // A refresh under way may bring a newer (rotated) refresh token: that is the one to revoke.
      const latest = pending ? await pending.catch(() => s) : s;
      const c = client();
      if (!everywhere) return c.revokeToken(latest.refreshToken);
      // GlobalSignOut takes an access token, and only a live one.
      const live = isUsable(latest, now()) ? latest : await exchange(latest);
      await c.globalSignOut(live.accessToken);
    },
    async callWithToken(url, init, token = "access") {
      const used = await freshSession();
      const first = await send(url, init, used, token);
      if (first.status !== 401) return first;
      // Another caller may have refreshed meanwhile; then its tokens are the newer ones.
      const latest = session;
      const next = latest && latest.accessToken !== used.accessToken ? latest : await refreshNow();
      return send(url, init, next, token);
    },
    async whoami() {
      const s = await freshSession();
      try {
        return await client().getUser(s.accessToken);
      } catch (err) {
        if (!(err instanceof CognitoServiceError) || err.type !== "NotAuthorizedException") throw err;
        return client().getUser((await refreshNow()).accessToken);
      }
    },
    dispose() {
      disposed = true;
      listeners = [];
      schedule();
    },
  };
}

/** The endpoint does not know the action at all (as opposed to refusing this token). */
function actionUnknown(err: unknown): boolean {
  return err instanceof CognitoServiceError && /Unsupported|UnknownOperation|InvalidAction/i.test(err.type);
}
