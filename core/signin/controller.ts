// The companion's sign-in controller: takes the watch's (and the settings page's) requests, drives the
// Cognito client through the flow, keeps the session manager up to date, and says what to show.
// Fitbit-free: companion/index.ts wires it to messaging and settingsStorage; tests and the preview
// wire it to fakes and WebSockets.
import { MessageId, Note, ToCompanion, ToWatch, View } from "../../common/protocol";
import { MAX_BODY_PART_BYTES, MAX_CALL_PARTS } from "../../common/limits";
import { splitForMessages } from "../../common/text";
import { CognitoServiceError, PendingChallenge, SignInStep, SrpSecret, failureCode, later } from "../cognito";
import { FailureStage, describeFailure, note } from "./describe";
import { CompanionConfig, ConfigResult } from "./config";
import { NotSignedInError, ServiceCallError, SessionManager, describeSession, sessionFromSignIn, signOutStaysPending } from "../session";
import { name } from "./views";
import { Send, challengeScreen, isNote, replyTo } from "./challenges";

/** Where the sign-in flow stands. Passwords are never part of it: they live in one request only. */
type Flow =
  | { readonly kind: "idle"; readonly reason?: Note }
  | { readonly kind: "busy"; readonly label: MessageId }
  /** A challenge the wearer answers on the watch (advance() keeps no other). */
  | { readonly kind: "challenge"; readonly pending: PendingChallenge; readonly user: string; readonly error?: Note }
  /** USER_AUTH: the wearer chose a password method; the password comes next, and makes the answer. */
  | { readonly kind: "password"; readonly withPassword: (password: string) => Send; readonly user: string; readonly error?: Note };

export interface ControllerDeps {
  config: () => ConfigResult;
  session: SessionManager;
  now?: () => number;
  log?: (line: string) => void;
}

/** Cognito errors after which the challenge's Session cannot be answered again. */
const FLOW_ENDING = /^(NotAuthorized|ExpiredCode|UserNotFound|PasswordResetRequired)Exception$/;
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

/** At sign-in (or signed in), with why the last request ended there when it did not end by choice. */
const idle = (reason?: Note): Flow => ({ kind: "idle", reason });

// A closure rather than a class: its state is private by construction and minifies to local names.
export function signInController(deps: ControllerDeps): SignInController {
  const { session } = deps;
  const now = deps.now || Date.now;
  const log = deps.log || (() => undefined);
  let flow = idle();
  /** Bumped by every new request and by cancel: a result that arrives for an older one is dropped. */
  let generation = 0;
  let checkedAt: number | undefined;
  let prepared: { srp: SrpSecret; at: number } | undefined;
  const listeners: ((view: View) => void)[] = [];
  let lastViewJson = "";

  const signedIn = () => session.state().kind === "signedIn";

  const view = (): View => {
    const cfg = deps.config();
    if (!cfg.ok) return { s: "setup", problem: cfg.problem };
    const f = flow;
    switch (f.kind) {
      case "busy":
        return { s: "busy", label: f.label };
      case "password":
        return { s: "password", user: name(f.user), error: f.error };
      case "challenge": {
        const shown = challengeScreen(f.pending.challenge, f.user, f.error);
        // A Note only for a challenge advance() does not keep; sign-in would show it.
        return isNote(shown) ? { s: "signedOut", user: name(cfg.config.username), reason: shown } : shown;
      }
    }
    const state = session.state();
    if (state.kind === "signedIn") {
      const who = describeSession(state.session);
      return {
        s: "signedIn",
        user: name(who.username),
        email: name(who.email),
        until: who.expiresAt,
        refreshed: state.session.lastRefreshAt,
        checked: checkedAt,
      };
    }
    const reason = f.reason || (state.endedBy && describeFailure(state.endedBy, "refresh"));
    return {
      s: "signedOut",
      user: name(cfg.config.username),
      reason,
      passwordless: cfg.config.flow === "choice" || undefined,
    };
  };

  /** Answers a request with the current view only (a greeting, a request that changes nothing). */
  const showView = (reply: Reply) => reply({ t: "state", view: view() });

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
  const run = (
    busyLabel: MessageId,
    stage: FailureStage,
    work: (generation: number) => Promise<Flow>,
    onError?: (err: unknown) => Flow | undefined,
  ): Promise<void> | void => {
    if (flow.kind === "busy") return changed(true);
    const started = ++generation;
    flow = { kind: "busy", label: busyLabel };
    changed();
    // Run later(): work that throws fails like work that rejects.
    return later(() => work(started))
      .catch((err): Flow => {
        log(`${stage} failed: ${failureCode(err)}`);
        return (onError && onError(err)) || idle(describeFailure(err, stage));
      })
      .then((next) => {
        if (started !== generation) return; // cancelled meanwhile
        flow = next;
        changed();
      });
  };

  /** Where a sign-in step leads: the session (tokens), or the next challenge. Tokens that arrive for
   *  a request the wearer cancelled meanwhile are not kept. */
  const advance = (step: SignInStep, user: string, config: CompanionConfig, started: number): Flow => {
    if (started !== generation) return idle();
    if (step.kind === "signedIn") {
      checkedAt = undefined;
      // A replaced session's sign-out that fails is logged and kept for a retry by the manager: nothing
      // for the wearer to do.
      session.adopt(sessionFromSignIn(config.client.config, user, step.tokens)).catch(() => undefined);
      return idle();
    }
    const shown = challengeScreen(step.pending.challenge, user);
    return isNote(shown) ? idle(shown) : { kind: "challenge", pending: step.pending, user };
  };

  /** Answers the pending challenge; a failure the wearer can fix keeps them on the same screen. */
  const answer = (f: Answerable, send: Send, stage: FailureStage, config: CompanionConfig) =>
    run(
      "checking",
      stage,
      (started) => send(config.client).then((step) => advance(step, f.user, config, started)),
      (err) => {
        if (err instanceof CognitoServiceError && FLOW_ENDING.test(err.type)) return undefined;
        return Object.assign({}, f, { error: describeFailure(err, stage) });
      },
    );

  const fresh = (p: typeof prepared) => p && now() - p.at < PREPARED_SRP_MAX_AGE_MS;

  const prepare = (config: CompanionConfig): void => {
    if ((config.flow !== "auto" && config.flow !== "srp") || fresh(prepared)) return;
    try {
      prepared = { srp: config.client.prepareSrp(), at: now() };
    } catch (err) {
      log(`SRP precompute failed: ${failureCode(err)}`);
    }
  };

  const takePrepared = (): SrpSecret | undefined => {
    const p = prepared;
    prepared = undefined;
    return fresh(p) ? p!.srp : undefined;
  };

  const whoami = (reply: Reply): Promise<void> | void => {
    if (!signedIn()) return showView(reply);
    return session
      .whoami()
      .then(() => {
        checkedAt = now();
        changed(true);
      })
      .catch((err) => {
        log(`whoami failed: ${failureCode(err)}`);
        if (!signedIn()) return changed(true);
        reply({ t: "state", view: { s: "error", message: describeFailure(err, "call"), retry: "whoami" } });
      });
  };

  const call = (id: number, path: string, config: CompanionConfig, reply: Reply): Promise<void> | void => {
    const fail = (error: Note) => reply({ t: "callError", id, error });
    const service = config.service;
    if (!service.ok) return fail(service.problem);
    if (!signedIn()) return fail(note("notSignedIn"));
    return session.callWithToken(service.url + path, { method: "GET" }, config.callToken).then(
      (response) => {
        const parts = splitForMessages(response.text, MAX_BODY_PART_BYTES);
        if (parts.length > MAX_CALL_PARTS) {
          return fail(note("answerTooLarge", `${Math.ceil(response.text.length / 1024)} KB`));
        }
        const status = response.status >= 100 && response.status <= 599 ? response.status : 502;
        parts.forEach((body, part) => reply({ t: "callResult", id, status, part, parts: parts.length, body }));
      },
      (err) => {
        log(`call ${id} failed: ${failureCode(err)}`);
        if (err instanceof ServiceCallError) {
          return fail(note(err.kind === "timeout" ? "serviceTimeout" : "serviceUnreachable"));
        }
        fail(err instanceof NotSignedInError ? note("notSignedIn") : describeFailure(err, "call"));
      },
    );
  };

  const dispatch = (msg: ToCompanion, reply: Reply): Promise<void> | void => {
    const cfg = deps.config();
    if (msg.t === "hello" || !cfg.ok) {
      return showView(reply);
    }
    const config = cfg.config;
    const f = flow;
    switch (msg.t) {
      case "prepare":
        return prepare(config);
      case "cancel":
        generation++;
        return moveTo(idle());
      case "signIn": {
        const user = msg.user || config.username;
        if (!user) return moveTo(idle(note("usernameFirst")));
        const srp = takePrepared();
        return run("signingIn", "signIn", (started) =>
          config.client.signIn(user, msg.pw || "", { flow: config.flow, srp }).then((step) => advance(step, user, config, started)),
        );
      }
      case "password":
        if (f.kind !== "password") break;
        return answer(f, f.withPassword(msg.pw), "signIn", config);
      case "newPassword":
      case "code":
      case "choose": {
        if (f.kind !== "challenge") break;
        // As the challenge's table entry says (challenges.ts); a request that does not fit it is stale.
        const next = replyTo(f.pending, msg);
        if (!next) break;
        // A choice that needs the password first: the flow keeps the reply's withPassword, which makes the answer.
        if (typeof next !== "function") return moveTo(Object.assign({ kind: "password" as const, user: f.user }, next));
        return answer(f, next, msg.t === "newPassword" ? "newPassword" : "code", config);
      }
      case "signOut":
        return run(msg.everywhere ? "signingOutEverywhere" : "signingOut", "refresh", () => {
          checkedAt = undefined;
          return session.signOut(msg.everywhere).then(
            // Refused everywhere: this session ended (its refresh token revoked), the others did not.
            (refusal) =>
              idle(refusal ? note("signedOutHereOnly", refusal.type) : note(msg.everywhere ? "signedOutEverywhere" : "signedOut")),
            (err) => {
              // The session is gone from the phone all the same. Unless Cognito itself said no, the
              // sign-out stays pending and is sent when Cognito can be reached.
              log(`sign-out call failed: ${failureCode(err)}`);
              return idle(signOutStaysPending(err) ? note("signedOutLocally") : note("signOutRefused", failureCode(err)));
            },
          );
        });
      case "whoami":
        return whoami(reply);
      case "call":
        return call(msg.id, msg.path, config, reply);
    }
    // A request that does not fit where the flow stands (a stale screen): show the current state.
    showView(reply);
  };

  session.onChange(() => changed());

  return {
    onView: (listener) => {
      listeners.push(listener);
    },
    settingsChanged: () => changed(),
    view,
    // As an async function would: a throw rejects, and the promise settles with the request's work.
    handle: (msg, reply) => new Promise<void>((resolve) => resolve(dispatch(msg, reply))),
  };
}
