// The companion's sign-in controller: takes the watch's (and the settings page's) requests, drives the
// Cognito client through the flow, keeps the session manager up to date, and says what to show.
// Fitbit-free: companion/index.ts wires it to messaging and settingsStorage; tests and the preview
// wire it to fakes and WebSockets.
import { MessageId, Note, ToCompanion, ToWatch, View } from "../../common/protocol";
import { MAX_BODY_PART_BYTES, MAX_CALL_PARTS, MAX_DESTINATION_LENGTH } from "../../common/limits";
import { clip, splitForMessages } from "../../common/text";
import { CognitoServiceError, MfaSetupMethod, PendingChallenge, SignInStep, SrpSecret, failureCode, later } from "../cognito";
import { FailureStage, describeFailure, note } from "./describe";
import { CompanionConfig, ConfigResult, passwordless } from "./config";
import {
  DeviceBook,
  NotSignedInError,
  ServiceCallError,
  SessionManager,
  describeSession,
  forgetSessionDevice,
  sessionFromSignIn,
  settleDevice,
  signInWithDevice,
  signOutStaysPending,
} from "../session";
import { name } from "./views";
import { Send, replyTo } from "./challenges";
import { Answerable, Flow, flowView, idle, isNote } from "./flow";
import { authenticatorKey, AuthenticatorKey } from "./authenticator-key";

export interface ControllerDeps {
  config: () => ConfigResult;
  session: SessionManager;
  /** The remembered devices, in the same private store as the session. */
  devices: DeviceBook;
  /** What Cognito lists this watch as, and the authenticator app's entry's issuer. */
  deviceName?: string;
  issuer?: string;
  now?: () => number;
  log?: (line: string) => void;
}

/** Cognito errors after which the challenge's Session cannot be answered again. */
const FLOW_ENDING = /^(NotAuthorized|ExpiredCode|UserNotFound|PasswordResetRequired|LimitExceeded)Exception$/;
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
  /** While an authenticator app is being set up: the key for the phone's settings page to show. */
  setupKey(): AuthenticatorKey | undefined;
}

type Reply = (msg: ToWatch) => void;

// A closure rather than a class: its state is private by construction and minifies to local names.
export function signInController(deps: ControllerDeps): SignInController {
  const { session } = deps;
  const deviceName = deps.deviceName || "Watch";
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
    if (f.kind !== "idle") {
      const shown = flowView(f);
      // A Note only for a challenge advance() does not keep; sign-in would show it.
      return isNote(shown) ? { s: "signedOut", user: name(cfg.config.username), reason: shown } : shown;
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
        device: state.session.deviceKey ? true : undefined,
      };
    }
    const reason = f.reason || (state.endedBy && describeFailure(state.endedBy, "refresh"));
    return {
      s: "signedOut",
      user: name(cfg.config.username),
      reason,
      passwordless: passwordless(cfg.config.flow) || undefined,
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

  /** Where a sign-in step leads: the session (tokens, with the device they go with), or the next
   *  challenge. Tokens that arrive for a request the wearer cancelled meanwhile are not kept. */
  const advance = (step: SignInStep, user: string, config: CompanionConfig, started: number): Flow | Promise<Flow> => {
    if (started !== generation) return idle();
    if (step.kind === "signedIn") {
      const options = { remember: config.rememberDevice, deviceName };
      return settleDevice(config.client, deps.devices, user, step, options, log).then((deviceKey) => {
        if (started !== generation) return idle();
        checkedAt = undefined;
        // A replaced session's sign-out that fails is logged and kept for a retry by the manager: nothing
        // for the wearer to do.
        session.adopt(sessionFromSignIn(config.client.config, user, step.tokens, deviceKey)).catch(() => undefined);
        return idle();
      });
    }
    const pending = step.pending;
    const challenge = pending.challenge;
    // One method to set up: no choice to make, straight to it.
    if (challenge.name === "MFA_SETUP" && challenge.options.length === 1) {
      return setUp(pending as PendingChallenge<"MFA_SETUP">, challenge.options[0], user, config);
    }
    const next: Flow = { kind: "challenge", pending, user };
    const shown = flowView(next);
    return isNote(shown) ? idle(shown) : next;
  };

  /** MFA_SETUP by `method`: an authenticator app gets its key (AssociateSoftwareToken) and shows it on the
   *  phone; codes by email need the address first. */
  const setUp = (
    pending: PendingChallenge<"MFA_SETUP">,
    method: MfaSetupMethod,
    user: string,
    config: CompanionConfig,
  ): Flow | Promise<Flow> =>
    method === "EMAIL_OTP"
      ? { kind: "emailSetup", pending, user }
      : config.client
          .associateSoftwareToken(pending)
          .then((r) => ({ kind: "authenticatorSetup", pending: r.pending, secret: r.secretCode, user }));

  /** Answers what the flow asks with `send`; a failure the wearer can fix keeps them on the same screen
   *  (`retry`: on another one). */
  const answer = (
    f: Answerable,
    send: (started: number) => Promise<Flow>,
    stage: FailureStage,
    retry: (err: unknown, error: Note) => Flow | undefined = (_, error) => Object.assign({}, f, { error }),
  ) =>
    run("checking", stage, send, (err) => {
      if (err instanceof CognitoServiceError && FLOW_ENDING.test(err.type)) return undefined;
      return retry(err, describeFailure(err, stage));
    });

  /** A challenge's answer, sent. */
  const respond = (f: Answerable, reply: Send, stage: FailureStage, config: CompanionConfig) =>
    answer(f, (started) => reply(config.client).then((step) => advance(step, f.user, config, started)), stage);

  /** Sign-in with the password: the user's remembered device named, and a required reset begun. */
  const signIn = (user: string, password: string, config: CompanionConfig, started: number, srp?: SrpSecret): Promise<Flow> =>
    signInWithDevice(config.client, deps.devices, user, password, { flow: config.flow, srp }, log).then(
      (step) => advance(step, user, config, started),
      (err) => {
        if (!(err instanceof CognitoServiceError && err.type === "PasswordResetRequiredException")) throw err;
        return startReset(user, config);
      },
    );

  /** ForgotPassword: Cognito sends a code; the watch asks for it. */
  const startReset = (user: string, config: CompanionConfig): Promise<Flow> =>
    config.client.forgotPassword(user).then((sent) => ({
      kind: "resetCode",
      user,
      dest: sent.destination ? clip(sent.destination, MAX_DESTINATION_LENGTH) : undefined,
    }));

  /** ConfirmForgotPassword, then a sign-in with the new password (where the flow takes one). */
  const finishReset = (f: Extract<Flow, { kind: "resetPassword" }>, password: string, config: CompanionConfig) =>
    answer(
      f,
      (started) =>
        config.client
          .confirmForgotPassword(f.user, f.code, password)
          .then(() => (passwordless(config.flow) ? idle(note("passwordChanged")) : signIn(f.user, password, config, started))),
      "newPassword",
      (err, error) => {
        if (!(err instanceof CognitoServiceError)) return Object.assign({}, f, { error });
        // A wrong code: type it again; a password the pool refuses: choose another.
        if (err.type === "CodeMismatchException") return { kind: "resetCode", user: f.user, dest: f.dest, error };
        return err.type === "InvalidPasswordException" ? Object.assign({}, f, { error }) : undefined;
      },
    );

  const fresh = (p: typeof prepared) => p && now() - p.at < PREPARED_SRP_MAX_AGE_MS;

  const prepare = (config: CompanionConfig): void => {
    // The flows that start with SRP (customSrp proves the password with it before the Lambdas' questions).
    if (["auto", "srp", "customSrp"].indexOf(config.flow) < 0 || fresh(prepared)) return;
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

  /** A request from a challenge's screen, as the challenge's table entry says (challenges.ts); one that
   *  does not fit it is stale: the current view answers it. */
  const challengeRequest = (
    f: Flow,
    msg: Extract<ToCompanion, { t: "newPassword" | "code" | "choose" | "answer" }>,
    config: CompanionConfig,
    reply: Reply,
  ) => {
    const next = f.kind === "challenge" && replyTo(f.pending, msg);
    if (!next || f.kind !== "challenge") return showView(reply);
    // A choice that needs the password first: the flow keeps the reply's withPassword, which makes the answer.
    if (typeof next !== "function") return moveTo(Object.assign({ kind: "password" as const, user: f.user }, next));
    const stage: FailureStage =
      msg.t === "newPassword" ? "newPassword" : f.pending.challenge.name === "CUSTOM_CHALLENGE" ? "answer" : "code";
    if (stage !== "answer") return respond(f, next, stage, config);
    // A custom challenge asked again, the same question: the Lambdas did not take the answer (a retry is
    // another round, not an error), so say so; a different question is the next step.
    const asked = JSON.stringify(f.pending.challenge);
    return answer(
      f,
      (started) =>
        next(config.client)
          .then((step) => advance(step, f.user, config, started))
          .then((after) =>
            after.kind === "challenge" && JSON.stringify(after.pending.challenge) === asked
              ? { kind: "challenge", pending: after.pending, user: after.user, error: note("answerNotTaken") }
              : after,
          ),
      stage,
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
        return run("signingIn", "signIn", (started) => signIn(user, msg.pw || "", config, started, srp));
      }
      case "forgot": {
        if (f.kind !== "idle" || signedIn()) break;
        const user = msg.user || config.username;
        if (!user) return moveTo(idle(note("usernameFirst")));
        return run("checking", "signIn", () => startReset(user, config));
      }
      case "password":
        if (f.kind !== "password") break;
        return respond(f, f.withPassword(msg.pw), "signIn", config);
      case "code":
        if (f.kind === "resetCode") return moveTo({ kind: "resetPassword", user: f.user, dest: f.dest, code: msg.code });
        if (f.kind === "authenticatorSetup") {
          const setup = f;
          const client = config.client;
          // The app's first code proves it holds the key; the set-up's answer then carries the Session
          // VerifySoftwareToken gave.
          return answer(
            setup,
            (started) =>
              client
                .verifySoftwareToken(setup.pending, msg.code)
                .then((verified) => client.respond(verified, { name: "MFA_SETUP" }))
                .then((step) => advance(step, setup.user, config, started)),
            "code",
          );
        }
        return challengeRequest(f, msg, config, reply);
      case "answer":
        if (f.kind === "emailSetup") {
          const setup = f;
          const email = msg.text.trim();
          return respond(setup, (client) => client.respond(setup.pending, { name: "MFA_SETUP", email }), "answer", config);
        }
        return challengeRequest(f, msg, config, reply);
      case "newPassword":
        if (f.kind === "resetPassword") return finishReset(f, msg.pw, config);
        return challengeRequest(f, msg, config, reply);
      case "choose": {
        if (f.kind === "challenge" && f.pending.challenge.name === "MFA_SETUP") {
          const options: string[] = f.pending.challenge.options;
          if (options.indexOf(msg.option) < 0) break;
          const pending = f.pending as PendingChallenge<"MFA_SETUP">;
          return run("checking", "code", (started) =>
            Promise.resolve(setUp(pending, msg.option as MfaSetupMethod, f.user, config)).then((next) =>
              started === generation ? next : idle(),
            ),
          );
        }
        return challengeRequest(f, msg, config, reply);
      }
      case "signOut":
        return run(msg.everywhere ? "signingOutEverywhere" : "signingOut", "refresh", () => {
          checkedAt = undefined;
          // "And forget this watch": ForgetDevice while the session's tokens still work. Whatever its
          // outcome, the sign-out goes ahead.
          let forgetting: Promise<Note | undefined> = Promise.resolve(undefined);
          if (msg.forget && signedIn()) {
            forgetting = forgetSessionDevice(session.freshSession, config.client, deps.devices).then(
              () => note("signedOutForgotten"),
              (err) => {
                log(`forget device failed: ${failureCode(err)}`);
                return note("forgetFailed", failureCode(err));
              },
            );
          }
          return forgetting.then((forgot) =>
            session.signOut(msg.everywhere).then(
              // Refused everywhere: this session ended (its refresh token revoked), the others did not.
              (refusal) =>
                idle(
                  refusal ? note("signedOutHereOnly", refusal.type) : forgot || note(msg.everywhere ? "signedOutEverywhere" : "signedOut"),
                ),
              (err) => {
                // The session is gone from the phone all the same. Unless Cognito itself said no, the
                // sign-out stays pending and is sent when Cognito can be reached.
                log(`sign-out call failed: ${failureCode(err)}`);
                return idle(signOutStaysPending(err) ? note("signedOutLocally") : note("signOutRefused", failureCode(err)));
              },
            ),
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
    setupKey: () =>
      flow.kind === "authenticatorSetup" ? authenticatorKey(flow.secret, flow.user, deps.issuer || "fitbit-cognito") : undefined,
  };
}
