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
import { describeFailure } from "../cognito/describe";
import { CognitoConfigError, CognitoServiceError, endsSession } from "../cognito/errors";
import { CallInit, CallResponse, HttpFetch, callWithBearer } from "./authorized-call";
import { StoredSession, sessionAfterRefresh } from "./stored-session";
import { Backoff, DEFAULT_BACKOFF, backoffDelay, isDue, isUsable, refreshDueAt } from "./timing";
import { KeyValueStore, TokenStore } from "./token-store";

export type { KeyValueStore } from "./token-store";

export type SessionState =
  | { readonly kind: "signedOut"; readonly reason?: string }
  | { readonly kind: "signedIn"; readonly session: StoredSession };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

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
  constructor(readonly reason?: string) {
    super(reason || "Not signed in.");
    this.name = "NotSignedInError";
  }
}

// setTimeout takes a signed 32-bit delay; a longer one fires at once.
const MAX_TIMER_MS = 0x7fffffff;

export class SessionManager {
  private readonly tokens: TokenStore;
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly log: (line: string) => void;
  private session: StoredSession | undefined;
  private reason: string | undefined;
  private listeners: ((state: SessionState) => void)[] = [];
  private inflight: Promise<StoredSession> | undefined;
  /** Bumped by every adopt and sign-out, so a refresh that began before one cannot undo it (nor be
   *  joined by callers of the new session). */
  private generation = 0;
  private failures = 0;
  private retryAt = 0;
  private timer: unknown;
  /** The last write failed: the session in memory is newer than the stored one. */
  private unsaved = false;
  private disposed = false;

  constructor(private readonly options: SessionManagerOptions) {
    this.tokens = new TokenStore(options.store);
    this.now = options.now || Date.now;
    this.timers = options.timers || {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.log = options.log || (() => undefined);
    this.session = this.tokens.load();
    this.schedule();
  }

  state(): SessionState {
    return this.session ? { kind: "signedIn", session: this.session } : { kind: "signedOut", reason: this.reason };
  }

  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** A new sign-in: replaces whatever session there was. */
  adopt(session: StoredSession): void {
    this.generation++;
    this.inflight = undefined;
    this.failures = 0;
    this.retryAt = 0;
    this.reason = undefined;
    this.keep(session);
  }

  /** Tokens that are valid now. Refreshes when due (sharing a refresh already under way); while
   *  refreshes fail transiently, the current tokens are returned as long as they still serve. */
  async freshSession(): Promise<StoredSession> {
    const s = this.current();
    const now = this.now();
    if (!isDue(s, now)) return s;
    if (!this.inflight && now < this.retryAt && isUsable(s, now)) return s;
    try {
      await this.refresh();
    } catch (err) {
      const still = this.session;
      if (still && !endsSession(err) && isUsable(still, this.now())) return still;
      throw err;
    }
    return this.current();
  }

  /** Refreshes whether due or not (joining a refresh under way). */
  async refreshNow(): Promise<StoredSession> {
    await this.refresh();
    return this.current();
  }

  /** The companion woke (wake interval, launch, the watch app opened): do what is due. Never throws. */
  async wake(reason: string): Promise<void> {
    try {
      if (this.unsaved && this.session) this.save(this.session);
      this.schedule();
      const s = this.session;
      const now = this.now();
      if (s && isDue(s, now) && (this.inflight || now >= this.retryAt)) {
        this.log(`session: refresh due (${reason})`);
        await this.refresh();
      }
    } catch (_) {
      // Already logged and accounted for where it failed.
    }
  }

  /** RevokeToken, or GlobalSignOut when `everywhere`. The local session is gone before the call is
   *  made, so a failing network (which is then rethrown) never leaves tokens behind. */
  async signOut(everywhere: boolean): Promise<void> {
    const s = this.session;
    const pending = this.inflight;
    this.end(undefined);
    if (!s) return;
    // A refresh under way may bring a newer (rotated) refresh token: that is the one to revoke.
    const latest = pending ? await pending.catch(() => s) : s;
    const client = this.client();
    if (!everywhere) return client.revokeToken(latest.refreshToken);
    // GlobalSignOut takes an access token, and only a live one.
    const live = isUsable(latest, this.now()) ? latest : await this.exchange(latest);
    await client.globalSignOut(live.accessToken);
  }

  /** `Authorization: Bearer <token>` to the wearer's own service; on a 401, one retry with newer tokens. */
  async callWithToken(url: string, init: CallInit, token: "access" | "id" = "access"): Promise<CallResponse> {
    const used = await this.freshSession();
    const first = await this.send(url, init, used, token);
    if (first.status !== 401) return first;
    // Another caller may have refreshed meanwhile; then its tokens are the newer ones.
    const latest = this.session;
    const next = latest && latest.accessToken !== used.accessToken ? latest : await this.refreshNow();
    return this.send(url, init, next, token);
  }

  /** Cognito's GetUser with a fresh access token; a refused token gets one refresh and retry. */
  async whoami(): Promise<UserInfo> {
    const s = await this.freshSession();
    try {
      return await this.client().getUser(s.accessToken);
    } catch (err) {
      if (!(err instanceof CognitoServiceError) || err.type !== "NotAuthorizedException") throw err;
      return this.client().getUser((await this.refreshNow()).accessToken);
    }
  }

  /** Stops the timer and forgets the listeners (tests, the CLI). */
  dispose(): void {
    this.disposed = true;
    this.listeners = [];
    this.schedule();
  }

  private current(): StoredSession {
    if (!this.session) throw new NotSignedInError(this.reason);
    return this.session;
  }

  private client(): CognitoClient {
    const client = this.options.client();
    if (!client) throw new CognitoConfigError("settings", "lack the user pool or app client ID");
    return client;
  }

  private send(url: string, init: CallInit, s: StoredSession, token: "access" | "id"): Promise<CallResponse> {
    return callWithBearer(url, init, token === "id" ? s.idToken : s.accessToken, {
      fetch: this.options.fetch,
      timeoutMs: this.options.callTimeoutMs || 15000,
      timers: this.timers,
    });
  }

  private refresh(): Promise<StoredSession> {
    if (!this.inflight) {
      const flight = this.exchangeAndKeep(this.current(), this.generation);
      const done = () => {
        if (this.inflight === flight) this.inflight = undefined;
      };
      flight.then(done, done);
      this.inflight = flight;
    }
    return this.inflight;
  }

  private async exchangeAndKeep(s: StoredSession, generation: number): Promise<StoredSession> {
    try {
      const next = await this.exchange(s);
      if (generation === this.generation) {
        this.failures = 0;
        this.retryAt = 0;
        this.log(`session: refreshed (${next.refreshMode || "REFRESH_TOKEN_AUTH"})`);
        this.keep(next);
      }
      return next;
    } catch (err) {
      if (generation === this.generation) this.failed(err);
      throw err;
    }
  }

  /** One refresh call as the rotation setting and the session's learned mode say. */
  private async exchange(s: StoredSession): Promise<StoredSession> {
    const client = this.client();
    const rotation = this.options.rotation || "auto";
    if (rotation === "off") return sessionAfterRefresh(s, await client.refresh(s.refreshToken, s.username), s.refreshMode);
    if (rotation === "auto" && s.refreshMode === "initiateAuth") {
      return sessionAfterRefresh(s, await client.refresh(s.refreshToken, s.username), "initiateAuth");
    }
    try {
      const tokens = await client.refreshRotating(s.refreshToken);
      return sessionAfterRefresh(s, tokens, tokens.refreshToken ? "rotating" : "fixed");
    } catch (err) {
      if (rotation === "on" || !actionUnknown(err)) throw err;
      this.log("session: GetTokensFromRefreshToken unknown here, using REFRESH_TOKEN_AUTH");
      return sessionAfterRefresh(s, await client.refresh(s.refreshToken, s.username), "initiateAuth");
    }
  }

  private failed(err: unknown): void {
    const code = err instanceof Error ? (err as { code?: string }).code || err.name : "error";
    if (endsSession(err)) {
      this.log(`session: ended (${code})`);
      this.end(describeFailure(err, "refresh"));
      return;
    }
    this.failures++;
    const delay = backoffDelay(this.failures, this.options.random || Math.random, this.options.backoff || DEFAULT_BACKOFF);
    this.retryAt = this.now() + delay;
    this.log(`session: refresh failed (${code}), attempt ${this.failures}, next in ${Math.round(delay / 1000)} s`);
    this.schedule();
  }

  private keep(session: StoredSession): void {
    this.session = session;
    this.save(session);
    this.schedule();
    this.emit();
  }

  private save(session: StoredSession): void {
    try {
      this.tokens.save(session);
      this.unsaved = false;
    } catch (err) {
      // The previous record is intact; this one lives in memory and is written again at the next wake.
      this.unsaved = true;
      this.log(`session: could not store the session (${err instanceof Error ? err.name : "error"})`);
    }
  }

  private end(reason: string | undefined): void {
    this.generation++;
    this.inflight = undefined;
    this.session = undefined;
    this.reason = reason;
    this.failures = 0;
    this.retryAt = 0;
    this.unsaved = false;
    try {
      this.tokens.clear();
    } catch (err) {
      this.log(`session: could not clear the stored session (${err instanceof Error ? err.name : "error"})`);
    }
    this.schedule();
    this.emit();
  }

  /** One timer at most: at the refresh due time, or at the retry time after a failure. */
  private schedule(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    const s = this.session;
    if (!s || this.disposed) return;
    const now = this.now();
    const at = isDue(s, now) ? this.retryAt : Math.max(refreshDueAt(s), this.retryAt);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.wake("timer");
    }, Math.min(MAX_TIMER_MS, Math.max(0, at - now)));
  }

  private emit(): void {
    const state = this.state();
    for (const listener of this.listeners.slice()) {
      try {
        listener(state);
      } catch (_) {
        this.log("session: a state listener threw");
      }
    }
  }
}

/** The endpoint does not know the action at all (as opposed to refusing this token). */
function actionUnknown(err: unknown): boolean {
  return err instanceof CognitoServiceError && /Unsupported|UnknownOperation|InvalidAction/i.test(err.type);
}
