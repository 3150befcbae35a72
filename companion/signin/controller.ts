// The companion's sign-in controller: takes the watch's (and the settings page's) requests, drives the
// Cognito client through the flow, keeps the session manager up to date, and says what to show.
// Fitbit-free: companion/index.ts wires it to messaging and settingsStorage; tests and the preview
// wire it to fakes and WebSockets.
import { ToCompanion, ToWatch, View } from "../../common/protocol";
import { MAX_BODY_PART_BYTES, MAX_CALL_PARTS } from "../../common/limits";
import { splitForMessages } from "../../common/text";
import {
  ChallengeAnswer,
  CognitoServiceError,
  FailureStage,
  PendingChallenge,
  SignInStep,
  describeFailure,
  isLoopback,
} from "../cognito";
import { SrpSecret } from "../cognito/srp";
import { CompanionConfig, ConfigResult } from "../config";
import { ServiceCallError } from "../session/authorized-call";
import { NotSignedInError, SessionManager } from "../session/session-manager";
import { describeSession, sessionFromSignIn } from "../session/stored-session";
import { challengeView, label, name, text, unanswerable } from "./views";

/** Where the sign-in flow stands. Passwords are never part of it: they live in one request only. */
type Flow =
  | { readonly kind: "idle"; readonly reason?: string }
  | { readonly kind: "busy"; readonly label: string }
  | { readonly kind: "challenge"; readonly pending: PendingChallenge; readonly user: string; readonly error?: string }
  /** USER_AUTH: the wearer chose a password method; the password comes next. */
  | {
      readonly kind: "password";
      readonly pending: PendingChallenge;
      readonly choice: "PASSWORD" | "PASSWORD_SRP";
      readonly user: string;
      readonly error?: string;
    };

export interface ControllerDeps {
  config: () => ConfigResult;
  session: SessionManager;
  now?: () => number;
  log?: (line: string) => void;
}

/** Cognito errors after which the challenge's Session cannot be answered again. */
const FLOW_ENDING = ["NotAuthorizedException", "ExpiredCodeException", "UserNotFoundException", "PasswordResetRequiredException"];
/** A precomputed SRP value is used once, and only while fresh. */
const PREPARED_SRP_MAX_AGE_MS = 4 * 60 * 1000;

export class SignInController {
  private flow: Flow = { kind: "idle" };
  /** Bumped by every new request and by cancel: a result that arrives for an older one is dropped. */
  private generation = 0;
  private checkedAt: number | undefined;
  private prepared: { srp: SrpSecret; at: number } | undefined;
  private readonly listeners: ((view: View) => void)[] = [];
  private lastViewJson = "";
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly deps: ControllerDeps) {
    this.now = deps.now || Date.now;
    this.log = deps.log || (() => undefined);
    deps.session.onChange(() => this.changed());
  }

  /** Called with every new view (not with one-off `error` replies). */
  onView(listener: (view: View) => void): void {
    this.listeners.push(listener);
  }

  /** Settings changed: the view may change (setup ⇄ signedOut, the username shown). */
  settingsChanged(): void {
    this.changed();
  }

  view(): View {
    const cfg = this.deps.config();
    if (!cfg.ok) return { s: "setup" };
    const flow = this.flow;
    switch (flow.kind) {
      case "busy":
        return { s: "busy", label: label(flow.label) };
      case "password":
        return { s: "password", user: name(flow.user), error: flow.error ? text(flow.error) : undefined };
      case "challenge":
        return challengeView(flow.pending.challenge, flow.user, flow.error) || { s: "signedOut", user: cfg.config.username };
    }
    const state = this.deps.session.state();
    if (state.kind === "signedIn") {
      const who = describeSession(state.session);
      return {
        s: "signedIn",
        user: name(who.username),
        email: who.email ? name(who.email) : undefined,
        until: who.expiresAt,
        refreshed: state.session.lastRefreshAt,
        checked: this.checkedAt,
      };
    }
    const reason = flow.reason || state.reason;
    return {
      s: "signedOut",
      user: cfg.config.username ? name(cfg.config.username) : undefined,
      reason: reason ? text(reason) : undefined,
      passwordless: cfg.config.flow === "choice" || undefined,
    };
  }

  /** Handles one request. `reply` reaches only the requester (a call's result, a one-off error). */
  async handle(msg: ToCompanion, reply: (msg: ToWatch) => void): Promise<void> {
    const cfg = this.deps.config();
    if (msg.t === "hello" || !cfg.ok) {
      reply({ t: "state", view: this.view() });
      return;
    }
    const config = cfg.config;
    const flow = this.flow;
    switch (msg.t) {
      case "prepare":
        return this.prepare(config);
      case "cancel":
        this.generation++;
        this.flow = { kind: "idle" };
        return this.changed(true);
      case "signIn": {
        const user = msg.user || config.username;
        if (!user) {
          this.flow = { kind: "idle", reason: "Enter your username first." };
          return this.changed(true);
        }
        const srp = this.takePrepared();
        return this.run("Signing in…", "signIn", (generation) =>
          config.client.signIn(user, msg.pw || "", { flow: config.flow, srp }).then((step) => this.advance(step, user, config, generation)),
        );
      }
      case "password":
        if (flow.kind !== "password") break;
        return this.answer(flow, { name: "SELECT_CHALLENGE", choice: flow.choice, password: msg.pw }, "signIn", config);
      case "newPassword":
        if (flow.kind !== "challenge" || flow.pending.challenge.name !== "NEW_PASSWORD_REQUIRED") break;
        return this.answer(flow, { name: "NEW_PASSWORD_REQUIRED", newPassword: msg.pw }, "newPassword", config);
      case "code": {
        if (flow.kind !== "challenge") break;
        const c = flow.pending.challenge.name;
        if (c !== "SOFTWARE_TOKEN_MFA" && c !== "SMS_MFA" && c !== "EMAIL_OTP" && c !== "SMS_OTP") break;
        return this.answer(flow, { name: c, code: msg.code }, "code", config);
      }
      case "choose": {
        if (flow.kind !== "challenge") break;
        const c = flow.pending.challenge;
        if (c.name === "SELECT_MFA_TYPE") {
          const choice = c.options.filter((o) => o === msg.option)[0];
          if (!choice) break;
          return this.answer(flow, { name: "SELECT_MFA_TYPE", choice }, "code", config);
        }
        if (c.name === "SELECT_CHALLENGE") {
          const choice = c.options.filter((o) => o === msg.option)[0];
          if (!choice) break;
          if (choice === "PASSWORD" || choice === "PASSWORD_SRP") {
            this.flow = { kind: "password", pending: flow.pending, choice, user: flow.user };
            return this.changed(true);
          }
          return this.answer(flow, { name: "SELECT_CHALLENGE", choice }, "code", config);
        }
        break;
      }
      case "signOut":
        return this.run(msg.everywhere ? "Signing out everywhere…" : "Signing out…", "refresh", async () => {
          this.checkedAt = undefined;
          try {
            await this.deps.session.signOut(msg.everywhere);
          } catch (err) {
            // The tokens are gone from the phone all the same; only Cognito was not told.
            this.log(`sign-out call failed: ${errorCode(err)}`);
            return { kind: "idle", reason: `Signed out on this phone. Cognito was not told: ${describeFailure(err, "call")}` } as Flow;
          }
          return { kind: "idle", reason: msg.everywhere ? "Signed out everywhere." : "Signed out." } as Flow;
        });
      case "whoami":
        return this.whoami(reply);
      case "call":
        return this.call(msg.id, msg.path, config, reply);
    }
    // A request that does not fit where the flow stands (a stale screen): show the current state.
    reply({ t: "state", view: this.view() });
  }

  private async whoami(reply: (msg: ToWatch) => void): Promise<void> {
    if (this.deps.session.state().kind !== "signedIn") return reply({ t: "state", view: this.view() });
    try {
      await this.deps.session.whoami();
      this.checkedAt = this.now();
      this.changed(true);
    } catch (err) {
      this.log(`whoami failed: ${errorCode(err)}`);
      if (this.deps.session.state().kind !== "signedIn") return this.changed(true);
      reply({ t: "state", view: { s: "error", message: text(describeFailure(err, "call")), retry: "whoami" } });
    }
  }

  private async call(id: number, path: string, config: CompanionConfig, reply: (msg: ToWatch) => void): Promise<void> {
    const fail = (error: string) => reply({ t: "callError", id, error: text(error) });
    const base = config.serviceUrl;
    if (!base) return fail("No service URL is set in the settings on the phone.");
    const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(base);
    if (!m || (m[1].toLowerCase() === "http" && !isLoopback(m[2].toLowerCase()))) {
      return fail("The service URL must start with https://.");
    }
    if (this.deps.session.state().kind !== "signedIn") return fail("Not signed in.");
    let answer: { status: number; text: string };
    try {
      answer = await this.deps.session.callWithToken(base.replace(/\/+$/, "") + path, { method: "GET" }, config.callToken);
    } catch (err) {
      this.log(`call ${id} failed: ${errorCode(err)}`);
      if (err instanceof ServiceCallError) {
        return fail(
          err.kind === "timeout"
            ? "Your service did not answer in time. Try again."
            : "Could not reach your service. Check the phone's internet, then try again.",
        );
      }
      return fail(err instanceof NotSignedInError ? "Not signed in." : describeFailure(err, "call"));
    }
    const parts = splitForMessages(answer.text, MAX_BODY_PART_BYTES);
    if (parts.length > MAX_CALL_PARTS) {
      return fail(`The answer is too large for the watch (${Math.ceil(answer.text.length / 1024)} KB).`);
    }
    const status = answer.status >= 100 && answer.status <= 599 ? answer.status : 502;
    parts.forEach((body, part) => reply({ t: "callResult", id, status, part, parts: parts.length, body }));
  }

  private prepare(config: CompanionConfig): void {
    if (config.flow !== "auto" && config.flow !== "srp") return;
    if (this.prepared && this.now() - this.prepared.at < PREPARED_SRP_MAX_AGE_MS) return;
    try {
      this.prepared = { srp: config.client.prepareSrp(), at: this.now() };
    } catch (err) {
      this.log(`SRP precompute failed: ${errorCode(err)}`);
    }
  }

  private takePrepared(): SrpSecret | undefined {
    const p = this.prepared;
    this.prepared = undefined;
    return p && this.now() - p.at < PREPARED_SRP_MAX_AGE_MS ? p.srp : undefined;
  }

  /** Answers the pending challenge; a failure the wearer can fix keeps them on the same screen. */
  private answer(
    flow: Extract<Flow, { kind: "challenge" | "password" }>,
    answer: ChallengeAnswer,
    stage: FailureStage,
    config: CompanionConfig,
  ): Promise<void> {
    const respond = (generation: number) =>
      config.client.respond(flow.pending, answer).then((step) => this.advance(step, flow.user, config, generation));
    return this.run("Checking…", stage, respond, (err) => {
      if (err instanceof CognitoServiceError && FLOW_ENDING.indexOf(err.type) >= 0) return undefined;
      return { ...flow, error: describeFailure(err, stage) };
    });
  }

  /** Where a sign-in step leads: the session (tokens), or the next challenge. Tokens that arrive for
   *  a request the wearer cancelled meanwhile are not kept. */
  private advance(step: SignInStep, user: string, config: CompanionConfig, generation: number): Flow {
    if (generation !== this.generation) return { kind: "idle" };
    if (step.kind === "signedIn") {
      this.checkedAt = undefined;
      this.deps.session.adopt(sessionFromSignIn(config.client.config, user, step.tokens));
      return { kind: "idle" };
    }
    const challenge = step.pending.challenge;
    if (!challengeView(challenge, user, undefined)) return { kind: "idle", reason: unanswerable(challenge) };
    return { kind: "challenge", pending: step.pending, user };
  }

  /**
   * Runs one request: busy while it is in flight, then the flow it leads to. On failure, `onError`
   * may keep the wearer where they were (with the error); otherwise they are back at sign-in with the
   * reason. Requests while busy are answered with the busy view, not queued.
   */
  private async run(
    busyLabel: string,
    stage: FailureStage,
    work: (generation: number) => Promise<Flow>,
    onError?: (err: unknown) => Flow | undefined,
  ): Promise<void> {
    if (this.flow.kind === "busy") return this.changed(true);
    const generation = ++this.generation;
    this.flow = { kind: "busy", label: busyLabel };
    this.changed();
    let next: Flow;
    try {
      next = await work(generation);
    } catch (err) {
      this.log(`${stage} failed: ${errorCode(err)}`);
      next = (onError && onError(err)) || { kind: "idle", reason: describeFailure(err, stage) };
    }
    if (generation !== this.generation) return; // cancelled meanwhile
    this.flow = next;
    this.changed();
  }

  /** Tells the listeners when the view changed; `force`: also when it did not, since a request is
   *  owed an answer. */
  private changed(force = false): void {
    const view = this.view();
    const json = JSON.stringify(view);
    if (json === this.lastViewJson && !force) return;
    this.lastViewJson = json;
    for (const l of this.listeners) l(view);
  }
}

/** What may be logged of a failure: its code, never its message (which could echo input). */
function errorCode(err: unknown): string {
  return err && typeof err === "object" && typeof (err as { code?: unknown }).code === "string"
    ? (err as { code: string }).code
    : err instanceof Error
    ? err.name
    : "unknown";
}
