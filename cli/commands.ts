// The CLI's commands. Each reads what it needs from the flags, standard input and the session file,
// and reports through `io`, so tests can run them in-process as well as through the real binary.
import { CognitoClient, CognitoConfigError, cognitoClient, SignInFlow, SignInStep, failureCode, validateUsername } from "../core/cognito";
import { RotationSetting, SessionManager, sessionManager, signOutStaysPending } from "../core/session";
import { StoredSession, describeSession, sessionFromSignIn } from "../core/session";
import { printable } from "../devkit/printable";
import { OptionSpec, ParsedArgs, UsageError, checkOptions, required } from "./args";
import { answerChallenge } from "./challenges";
import { RequestFailure, SignOutPendingError, SignedOutHereOnly, atEndpoint } from "./failure-line";
import { LineSource } from "./input";
import {
  SessionFile,
  SessionOrigin,
  checkSessionFileFor,
  notWritten,
  openSessionFile,
  refreshTokensOnDisk,
  sessionFileStore,
  sessionInFile,
} from "./session-file";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  lines: LineSource;
}

export const USAGE = `Usage: fitbit-cognito <command> [options]

Commands:
  login    Sign in (password, then challenge answers, one line each on standard input)
  refresh  Get new tokens with the refresh token in --session-file
  whoami   Ask Cognito who the session's user is (GetUser)
  logout   Revoke the session's refresh token (--global: sign out everywhere) and delete the file;
           when Cognito cannot be reached, the sign-out stays in the file until logout is run again

Options (a command refuses those it does not take):
  --user-pool-id ID     e.g. eu-west-1_AbC123 (login; others read it from the session file)
  --client-id ID        the app client's ID (login; likewise)
  --client-secret S     only for app clients with a secret
  --username U          login only
  --flow F              auto (default: SRP where allowed, else password) | srp | password | choice
  --endpoint URL        development endpoint (https, or http to localhost only)
  --fips                use the FIPS endpoint of the region
                        (the session file keeps the login's endpoint and --fips; given again, they win)
  --timeout MS          per request, 1 to 600000 (default 15000)
  --session-file F      keep the session here (mode 0600) for refresh, whoami and logout; a login
                        into a file that holds one revokes that session's refresh token
  --rotation R          how to refresh: auto (default: GetTokensFromRefreshToken, else REFRESH_TOKEN_AUTH)
                        | on (GetTokensFromRefreshToken only) | off (REFRESH_TOKEN_AUTH only)
  --global              logout: sign out everywhere (GlobalSignOut)
  --json                print one JSON object on stdout
  --print-tokens        also print the tokens (they are secrets: mind your terminal history)`;

export async function runCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const name = args.command || "";
  const known = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
  if (!known) throw new UsageError(`unknown command "${args.command}" (try --help)`);
  checkOptions(args, name, known.options);
  return known.run(args, io);
}

const FLOWS: SignInFlow[] = ["auto", "srp", "password", "choice"];

/** A request gets at least a millisecond, and never hangs the command for more than ten minutes. */
const MAX_TIMEOUT_MS = 10 * 60 * 1000;

/** Where the command's requests go: an explicit --endpoint or --fips wins; else where the session file's
 *  sessions were signed in; else AWS's regional endpoint. */
function originOf(args: ParsedArgs, fromFile?: SessionOrigin): SessionOrigin {
  if (args.values.endpoint) return { endpoint: args.values.endpoint };
  if (args.switches.indexOf("fips") >= 0) return { fips: true };
  return fromFile || {};
}

function makeClient(args: ParsedArgs, origin: SessionOrigin, stored?: StoredSession): CognitoClient {
  const raw = args.values.timeout;
  const timeout = raw !== undefined ? Number(raw) : undefined;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS)) {
    throw new UsageError(`--timeout must be a whole number of ms from 1 to ${MAX_TIMEOUT_MS} (10 minutes)`);
  }
  return cognitoClient({
    userPoolId: stored ? stored.userPoolId : required(args, "user-pool-id"),
    clientId: stored ? stored.clientId : required(args, "client-id"),
    clientSecret: args.values["client-secret"],
    endpoint: origin.endpoint,
    fips: origin.fips,
    timeoutMs: timeout,
  });
}

/** The username as Cognito would take it, checked before the password is asked for it. */
function checkedUsername(args: ParsedArgs): string {
  try {
    return validateUsername(required(args, "username"));
  } catch (err) {
    throw err instanceof CognitoConfigError ? new UsageError(`--username ${err.problem}`) : err;
  }
}

async function login(args: ParsedArgs, io: CliIo): Promise<void> {
  const username = checkedUsername(args);
  const flow = (args.values.flow || "auto") as SignInFlow;
  if (FLOWS.indexOf(flow) < 0) throw new UsageError(`--flow must be one of ${FLOWS.join(", ")}`);
  const origin = originOf(args);
  const client = makeClient(args, origin);
  const name = args.values["session-file"];
  // Before the password: a file that is not a session file, or holds another app client's, is refused.
  const file = name ? openSessionFile(name) : undefined;
  if (file) checkSessionFileFor(file, client.config);
  let step: SignInStep;
  try {
    const password = await io.lines.read("Password: ", { secret: true });
    step = await client.signIn(username, password, { flow });
    while (step.kind === "challenge") {
      step = await answerChallenge(client, step.pending, io.lines);
    }
  } catch (err) {
    throw atEndpoint(err, client.config.url);
  }
  const session = sessionFromSignIn(client.config, username, step.tokens);
  // As in the companion: the new session replaces the file's, whose refresh token is revoked rather than
  // left alive; when Cognito cannot be told, that sign-out stays in the file for the next logout.
  // The sign-in itself succeeded either way: the old session's fate is a warning, not a failure.
  const warn = (err: unknown) =>
    io.err(
      printable(
        signOutStaysPending(err)
          ? `fitbit-cognito: warning: the previous session's sign-out stays in ${file!.path} until "fitbit-cognito logout --session-file ${file!.path}" reaches Cognito (${printable(failureCode(err), 80)})`
          : `fitbit-cognito: warning: Cognito refused to end the previous session (${printable(failureCode(err), 80)})`,
        1000,
      ),
    );
  if (file) await onSessionFile(file, origin, client, undefined, (manager) => manager.adopt(session).catch(warn));
  report(args, io, session, FLOW_NAMES[step.flow]);
}

const FLOW_NAMES = { USER_PASSWORD_AUTH: "password", USER_SRP_AUTH: "srp", USER_AUTH: "choice" } as const;

const ROTATIONS: RotationSetting[] = ["auto", "on", "off"];

/** The companion's session code over the session file of the command's flags, for `work`. */
function withSessionFile<T>(args: ParsedArgs, work: (manager: SessionManager) => Promise<T>, orPendingSignOut = false): Promise<T> {
  const file = openSessionFile(required(args, "session-file"));
  const stored = sessionInFile(file, orPendingSignOut);
  const origin = originOf(args, file.origin);
  // The file keeps where its sessions were signed in, whatever this command was pointed at; a file of an
  // earlier version learns it from the first command that works with it.
  return onSessionFile(file, file.origin || origin, makeClient(args, origin, stored), args.values.rotation, work);
}

/** Runs `work` on the companion's session code over `file`, with no timers: a command does one thing and
 *  exits. The session code keeps what it could not store in memory (the companion writes it again at its
 *  next wake); a command ends here, so a failed write of the file fails the command. */
async function onSessionFile<T>(
  file: SessionFile,
  origin: SessionOrigin,
  client: CognitoClient,
  rotation = "auto",
  work: (manager: SessionManager) => Promise<T>,
): Promise<T> {
  if (ROTATIONS.indexOf(rotation as RotationSetting) < 0) throw new UsageError(`--rotation must be one of ${ROTATIONS.join(", ")}`);
  const store = sessionFileStore(file, origin);
  const manager = sessionManager({
    store,
    client: () => client,
    rotation: rotation as RotationSetting,
    timers: { set: () => undefined, clear: () => undefined },
  });
  const outcome = await work(manager).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  // What is (or is not) in the file comes first: a Cognito failure meanwhile matters less than that.
  const unwritten = store.writeFailure();
  if (unwritten) throw await notKept(file.path, unwritten, manager, client);
  if (!outcome.ok) throw atEndpoint(outcome.error, client.config.url);
  return outcome.value;
}

/** The file could not be written. A refresh token that the command got and the file does not hold (a
 *  login's, a rotated one) would live on unseen for its whole lifetime: it is revoked before the command
 *  fails, and the failure says whether that worked. */
async function notKept(file: string, cause: unknown, manager: SessionManager, client: CognitoClient): Promise<Error> {
  const state = manager.state();
  const onlyHere = state.kind === "signedIn" && refreshTokensOnDisk(file).indexOf(state.session.refreshToken) < 0;
  if (state.kind !== "signedIn" || !onlyHere) return notWritten(file, cause);
  return client.revokeToken(state.session.refreshToken).then(
    () => notWritten(file, cause, { revoked: true }),
    (err) => notWritten(file, cause, { revoked: false, failure: printable(failureCode(err), 80) }),
  );
}

async function refresh(args: ParsedArgs, io: CliIo): Promise<void> {
  const session = await withSessionFile(args, (manager) => manager.refreshNow());
  report(args, io, session, "refresh");
}

async function whoami(args: ParsedArgs, io: CliIo): Promise<void> {
  const user = await withSessionFile(args, (manager) => manager.whoami());
  if (args.switches.indexOf("json") >= 0) io.out(jsonLine({ username: user.username, attributes: user.attributes }));
  else {
    io.out(printable(user.username));
    for (const name of Object.keys(user.attributes).sort()) io.out(`  ${printable(name, 80)}: ${printable(user.attributes[name])}`);
  }
}

async function logout(args: ParsedArgs, io: CliIo): Promise<void> {
  const global = args.switches.indexOf("global") >= 0;
  const file = required(args, "session-file");
  // The session leaves the file whatever the network says; a failed call is then reported (exit 1). A
  // file with only a pending sign-out (an earlier logout that did not reach Cognito) sends that one.
  const hadSession = await withSessionFile(
    args,
    (manager) => {
      const had = manager.state().kind === "signedIn";
      // Cognito refused GlobalSignOut: this session's refresh token was revoked instead, the others live.
      return manager.signOut(global).then((refusal) => {
        if (refusal) throw new SignedOutHereOnly(refusal);
        return had;
      });
    },
    true,
  ).catch((err) => {
    throw err instanceof RequestFailure && signOutStaysPending(err.failure) ? new SignOutPendingError(err, file) : err;
  });
  if (!hadSession) io.out("The pending sign-out reached Cognito.");
  else io.out(global ? "Signed out everywhere." : "Signed out; the refresh token is revoked.");
}

/** Options of every command that talks to Cognito (all of them do). */
const REQUEST_OPTIONS: OptionSpec = { values: ["client-secret", "endpoint", "timeout"], switches: ["fips", "help"] };

function taking(values: string[], switches: string[]): OptionSpec {
  return { values: REQUEST_OPTIONS.values.concat(values), switches: REQUEST_OPTIONS.switches.concat(switches) };
}

/** Every command with the options it takes. */
const COMMANDS = {
  login: { run: login, options: taking(["user-pool-id", "client-id", "username", "flow", "session-file"], ["json", "print-tokens"]) },
  refresh: { run: refresh, options: taking(["session-file", "rotation"], ["json", "print-tokens"]) },
  whoami: { run: whoami, options: taking(["session-file", "rotation"], ["json"]) },
  logout: { run: logout, options: taking(["session-file", "rotation"], ["global"]) },
};
type CommandName = keyof typeof COMMANDS;

/** The options of all the commands, for parsing; each command then refuses those it does not take. */
export const OPTIONS: OptionSpec = Object.keys(COMMANDS).reduce(
  (all: { values: string[]; switches: string[] }, name) => {
    const { values, switches } = COMMANDS[name as CommandName].options;
    return {
      values: all.values.concat(values.filter((v) => all.values.indexOf(v) < 0)),
      switches: all.switches.concat(switches.filter((s) => all.switches.indexOf(s) < 0)),
    };
  },
  { values: [], switches: [] },
);

function report(args: ParsedArgs, io: CliIo, session: StoredSession, flow: string): void {
  const who = describeSession(session);
  const expiresAt = new Date(who.expiresAt).toISOString();
  const tokens = { accessToken: session.accessToken, idToken: session.idToken, refreshToken: session.refreshToken };
  const printTokens = args.switches.indexOf("print-tokens") >= 0;
  if (args.switches.indexOf("json") >= 0) {
    const out: { [k: string]: unknown } = { username: who.username, sub: who.sub, flow, expiresAt };
    if (printTokens) out.tokens = tokens;
    io.out(jsonLine(out));
    return;
  }
  const email = who.email ? ` <${printable(who.email, 120)}>` : "";
  io.out(`Signed in as ${printable(who.username, 130)}${email} (${flow}); tokens valid until ${expiresAt}.`);
  if (printTokens) {
    io.out(`access token:  ${printable(tokens.accessToken, Infinity)}`);
    io.out(`id token:      ${printable(tokens.idToken, Infinity)}`);
    io.out(`refresh token: ${printable(tokens.refreshToken, Infinity)}`);
  }
}

/** JSON on one line, as a terminal can show it: JSON.stringify leaves DEL, the C1 controls and the line
 *  separators as they are, and they could act on a terminal; as \u escapes the JSON means the same. */
function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
