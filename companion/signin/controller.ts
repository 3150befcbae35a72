// The companion's sign-in controller: takes the watch's (and the settings page's) requests, drives the
// Cognito client through the flow, keeps the session manager up to date, and says what to show.
// Fitbit-free: companion/index.ts wires it to messaging and settingsStorage; tests and the preview
// wire it to fakes and WebSockets.
import { MessageId, Note, ToCompanion, ToWatch, View } from "../../common/protocol";
import { MAX_BODY_PART_BYTES, MAX_CALL_PARTS } from "../../common/limits";
import { splitForMessages } from "../../common/text";
import {
  ChallengeAnswer,
  CognitoServiceError,
  FailureStage,
  PendingChallenge,
  SignInStep,
  describeFailure,
  failureCode,
  isLoopback,
} from "../cognito";
import { note } from "../cognito/describe";
import { SrpSecret } from "../cognito/srp";
import { CompanionConfig, ConfigResult } from "../config";
import { ServiceCallError } from "../session/authorized-call";
import { NotSignedInError, SessionManager, signOutStaysPending } from "../session/session-manager";
import { describeSession, sessionFromSignIn } from "../session/stored-session";
import { challengeView, name, unanswerable } from "./views";

/** Where the sign-in flow stands. Passwords are never part of it: they live in one request only. */
type Flow =
  | { readonly kind: "idle"; readonly reason?: Note }
  | { readonly kind: "busy"; readonly label: MessageId }
  | { readonly kind: "challenge"; readonly pending: PendingChallenge; readonly user: string; readonly error?: Note }
  /** USER_AUTH: the wearer chose a password method; the password comes next. */
  | {
      readonly kind: "password";
      readonly pending: PendingChallenge;
      readonly choice: "PASSWORD" | "PASSWORD_SRP";
      readonly user: string;
      readonly error?: Note;
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

/** The companion's sign-in flow, made by `signInController`. */
export interface SignInController {
  /** Called with every new view (not with one-off `error` replies). */
  onView(listener: (view: View) => void): void;
  /** Settings changed: the view may change (setup ⇄ signedOut, the username shown). */
  settingsChanged(): void;
  view(): View;
  /** Handles one request. `reply` reaches only the requester (a call's result, a one-off error). */
  handle(msg: ToCompanion, reply: (msg: ToWatch) => void): Promise<void>;
}

type Reply = (msg: ToWatch) => void;
type Answerable = Extract<Flow, { kind: "challenge" | "password" }>;

// A closure rather than a class: its state is private by construction and minifies to local names.
export function signInController(deps: ControllerDeps): SignInController {
  const { session } = deps;
  const now = deps.now || Date.now;
  const log = deps.log || (() => undefined);
  let flow: Flow = { kind: "idle" };
  /** Bumped by every new request and by cancel: a result that arrives for an older one is dropped. */
  let generation = 0;
  let checkedAt: number | undefined;
  let prepared: { srp: SrpSecret; at: number } | undefined;
  const listeners: ((view: View) => void)[] = [];
  let lastViewJson = "";

  const signedIn = () => session.state().kind === "signedIn";

  const view = (): View => {
    const cfg = deps.config();
    if (!cfg.ok) return { s: "setup" };
    const f = flow;
    switch (f.kind) {
      case "busy":
        return { s: "busy", label: f.label };
      case "password":
        return { s: "password", user: name(f.user), error: f.error };
      case "challenge":
        return challengeView(f.pending.challenge, f.user, f.error) || { s: "signedOut", user: cfg.config.username };
    }
    const state = session.state();
    if (state.kind === "signedIn") {
      const who = describeSession(state.session);
      return {
        s: "signedIn",
        user: name(who.username),
        email: who.email ? name(who.email) : undefined,
        until: who.expiresAt,
        refreshed: state.session.lastRefreshAt,
        checked: checkedAt,
      };
    }
    const reason = f.reason || state.reason;
    return {
      s: "signedOut",
      user: cfg.config.username ? name(cfg.config.username) : undefined,
      reason,
      passwordless: cfg.config.flow === "choice" || undefined,
    };
  };

  /** Tells the listeners when the view changed; `force`: also when it did not, since a request is
   *  owed an answer. */
  const changed = (force = false): void => {
    const v = view();
    const json = JSON.stringify(v);
    if (json === lastViewJson && !force) return;
    lastViewJson = json;
    for (const l of listeners) l(v);
  };

  /** Moves the flow on and answers the request with the view it leads to. */
  const moveTo = (next: Flow): void => {
    flow = next;
    changed(true);
  };

  /**
   * Runs one request: busy while it is in flight, then the flow it leads to. On failure, `onError`
   * may keep the wearer where they were (with the error); otherwise they are back at sign-in with the
   * reason. Requests while busy are answered with the busy view, not queued.
   */
  const run = async (
    busyLabel: MessageId,
    stage: FailureStage,
    work: (generation: number) => Promise<Flow>,
    onError?: (err: unknown) => Flow | undefined,
  ): Promise<void> => {
    if (flow.kind === "busy") return changed(true);
    const started = ++generation;
    flow = { kind: "busy", label: busyLabel };
    changed();
    let next: Flow;
    try {
      next = await work(started);
    } catch (err) {
      log(`${stage} failed: ${failureCode(err)}`);
      next = (onError && onError(err)) || { kind: "idle", reason: describeFailure(err, stage) };
    }
    if (started !== generation) return; // cancelled meanwhile
    flow = next;
    changed();
  };

  /** Where a sign-in step leads: the session (tokens), or the next challenge. Tokens that arrive for
   *  a request the wearer cancelled meanwhile are not kept. */
  const advance = (step: SignInStep, user: string, config: CompanionConfig, started: number): Flow => {
    if (started !== generation) return { kind: "idle" };
    if (step.kind === "signedIn") {
      checkedAt = undefined;
      session.adopt(sessionFromSignIn(config.client.config, user, step.tokens));
      return { kind: "idle" };
    }
    const challenge = step.pending.challenge;
    if (!challengeView(challenge, user, undefined)) return { kind: "idle", reason: unanswerable(challenge) };
    return { kind: "challenge", pending: step.pending, user };
  };

  /** Answers the pending challenge; a failure the wearer can fix keeps them on the same screen. */
  const answer = (f: Answerable, response: ChallengeAnswer, stage: FailureStage, config: CompanionConfig) =>
    run(
      "checking",
      stage,
      (started) => config.client.respond(f.pending, response).then((step) => advance(step, f.user, config, started)),
      (err) => {
        if (err instanceof CognitoServiceError && FLOW_ENDING.indexOf(err.type) >= 0) return undefined;
        return { ...f, error: describeFailure(err, stage) };
      },
    );

  const prepare = (config: CompanionConfig): void => {
    if (config.flow !== "auto" && config.flow !== "srp") return;
    if (prepared && now() - prepared.at < PREPARED_SRP_MAX_AGE_MS) return;
    try {
      prepared = { srp: config.client.prepareSrp(), at: now() };
    } catch (err) {
      log(`SRP precompute failed: ${failureCode(err)}`);
    }
  };

  const takePrepared = (): SrpSecret | undefined => {
    const p = prepared;
    prepared = undefined;
    return p && now() - p.at < PREPARED_SRP_MAX_AGE_MS ? p.srp : undefined;
  };

  const whoami = async (reply: Reply): Promise<void> => {
    if (!signedIn()) return reply({ t: "state", view: view() });
    try {
      await session.whoami();
      checkedAt = now();
      changed(true);
    } catch (err) {
      log(`whoami failed: ${failureCode(err)}`);
      if (!signedIn()) return changed(true);
      reply({ t: "state", view: { s: "error", message: describeFailure(err, "call"), retry: "whoami" } });
    }
  };

  const call = async (id: number, path: string, config: CompanionConfig, reply: Reply): Promise<void> => {
    const fail = (error: Note) => reply({ t: "callError", id, error });
    const base = config.serviceUrl;
    if (!base) return fail(note("noServiceUrl"));
    const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(base);
    if (!m || (m[1].toLowerCase() === "http" && !isLoopback(m[2].toLowerCase()))) {
      return fail(note("serviceNeedsHttps"));
    }
    if (!signedIn()) return fail(note("notSignedIn"));
    let response: { status: number; text: string };
    try {
      response = await session.callWithToken(base.replace(/\/+$/, "") + path, { method: "GET" }, config.callToken);
    } catch (err) {
      log(`call ${id} failed: ${failureCode(err)}`);
      if (err instanceof ServiceCallError) {
        return fail(note(err.kind === "timeout" ? "serviceTimeout" : "serviceUnreachable"));
      }
      return fail(err instanceof NotSignedInError ? note("notSignedIn") : describeFailure(err, "call"));
    }
    const parts = splitForMessages(response.text, MAX_BODY_PART_BYTES);
    if (parts.length > MAX_CALL_PARTS) {
      return fail(note("answerTooLarge", `${Math.ceil(response.text.length / 1024)} KB`));
    }
    const status = response.status >= 100 && response.status <= 599 ? response.status : 502;
    parts.forEach((body, part) => reply({ t: "callResult", id, status, part, parts: parts.length, body }));
  };

  const handle = async (msg: ToCompanion, reply: Reply): Promise<void> => {
    const cfg = deps.config();
    if (msg.t === "hello" || !cfg.ok) {
      reply({ t: "state", view: view() });
      return;
    }
    const config = cfg.config;
    const f = flow;
    switch (msg.t) {
      case "prepare":
        return prepare(config);
      case "cancel":
        generation++;
        return moveTo({ kind: "idle" });
      case "signIn": {
        const user = msg.user || config.username;
        if (!user) return moveTo({ kind: "idle", reason: note("usernameFirst") });
        const srp = takePrepared();
        return run("signingIn", "signIn", (started) =>
          config.client.signIn(user, msg.pw || "", { flow: config.flow, srp }).then((step) => advance(step, user, config, started)),
        );
      }
      case "password":
        if (f.kind !== "password") break;
        return answer(f, { name: "SELECT_CHALLENGE", choice: f.choice, password: msg.pw }, "signIn", config);
      case "newPassword":
        if (f.kind !== "challenge" || f.pending.challenge.name !== "NEW_PASSWORD_REQUIRED") break;
        return answer(f, { name: "NEW_PASSWORD_REQUIRED", newPassword: msg.pw }, "newPassword", config);
      case "code": {
        if (f.kind !== "challenge") break;
        const c = f.pending.challenge.name;
        if (c !== "SOFTWARE_TOKEN_MFA" && c !== "SMS_MFA" && c !== "EMAIL_OTP" && c !== "SMS_OTP") break;
        return answer(f, { name: c, code: msg.code }, "code", config);
      }
      case "choose": {
        if (f.kind !== "challenge") break;
        const c = f.pending.challenge;
        if (c.name === "SELECT_MFA_TYPE") {
          const choice = c.options.filter((o) => o === msg.option)[0];
          if (!choice) break;
          return answer(f, { name: "SELECT_MFA_TYPE", choice }, "code", config);
        }
        if (c.name === "SELECT_CHALLENGE") {
          const choice = c.options.filter((o) => o === msg.option)[0];
          if (!choice) break;
          if (choice === "PASSWORD" || choice === "PASSWORD_SRP") {
            return moveTo({ kind: "password", pending: f.pending, choice, user: f.user });
          }
          return answer(f, { name: "SELECT_CHALLENGE", choice }, "code", config);
        }
        break;
      }
      case "signOut":
        return run(msg.everywhere ? "signingOutEverywhere" : "signingOut", "refresh", async () => {
          checkedAt = undefined;
          try {
            await session.signOut(msg.everywhere);
          } catch (err) {
            // The session is gone from the phone all the same. Unless Cognito itself said no, the
            // sign-out stays pending and is sent when Cognito can be reached.
            log(`sign-out call failed: ${failureCode(err)}`);
            const reason = signOutStaysPending(err) ? note("signedOutLocally") : note("signOutRefused", failureCode(err));
            return { kind: "idle", reason } as Flow;
          }
          return { kind: "idle", reason: note(msg.everywhere ? "signedOutEverywhere" : "signedOut") } as Flow;
        });
      case "whoami":
        return whoami(reply);
      case "call":
        return call(msg.id, msg.path, config, reply);
    }
    // A request that does not fit where the flow stands (a stale screen): show the current state.
    reply({ t: "state", view: view() });
  };

  session.onChange(() => changed());

  return {
    onView: (listener) => {
      listeners.push(listener);
    },
    settingsChanged: () => changed(),
    view,
    handle,
  };
}
