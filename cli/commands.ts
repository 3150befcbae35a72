// The CLI's commands. Each reads what it needs from the flags, standard input and the session file,
// and reports through `io`, so tests can run them in-process as well as through the real binary.
import {
  Challenge,
  ChallengeAnswer,
  CognitoClient,
  cognitoClient,
  MfaMethod,
  FirstFactor,
  SignInFlow,
  SignInStep,
  failureCode,
} from "../companion/cognito";
import { RotationSetting, SessionManager, sessionManager, signOutStaysPending } from "../companion/session/session-manager";
import { StoredSession, describeSession, sessionFromSignIn } from "../companion/session/stored-session";
import { ParsedArgs, UsageError, required } from "./args";
import { LineSource } from "./input";
import { checkSessionFileFor, fileKeyValueStore, readSessionFile } from "./session-file";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  lines: LineSource;
}

export const SWITCHES = ["json", "print-tokens", "global", "fips", "help"];

export const USAGE = `Usage: fitbit-cognito <command> [options]

Commands:
  login    Sign in (password, then challenge answers, one line each on standard input)
  refresh  Get new tokens with the refresh token in --session-file
  whoami   Ask Cognito who the session's user is (GetUser)
  logout   Revoke the session's refresh token (--global: sign out everywhere) and delete the file;
           when Cognito cannot be reached, the sign-out stays in the file until logout is run again

Options:
  --user-pool-id ID     e.g. eu-west-1_AbC123 (login; others read it from the session file)
  --client-id ID        the app client's ID
  --client-secret S     only for app clients with a secret
  --username U          login only
  --flow F              auto (default: SRP where allowed, else password) | srp | password | choice
  --endpoint URL        development endpoint (https, or http to localhost only)
  --fips                use the FIPS endpoint of the region
  --timeout MS          per request (default 15000)
  --session-file F      keep the session here (mode 0600) for refresh, whoami and logout; a login
                        into a file that holds one revokes that session's refresh token
  --rotation R          how to refresh: auto (default: GetTokensFromRefreshToken, else REFRESH_TOKEN_AUTH)
                        | on (GetTokensFromRefreshToken only) | off (REFRESH_TOKEN_AUTH only)
  --json                print one JSON object on stdout
  --print-tokens        also print the tokens (they are secrets: mind your terminal history)`;

const FLOWS: SignInFlow[] = ["auto", "srp", "password", "choice"];

export async function runCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  switch (args.command) {
    case "login":
      return login(args, io);
    case "refresh":
      return refresh(args, io);
    case "whoami":
      return whoami(args, io);
    case "logout":
      return logout(args, io);
    default:
      throw new UsageError(`unknown command "${args.command}" (try --help)`);
  }
}

function makeClient(args: ParsedArgs, stored?: StoredSession): CognitoClient {
  const timeout = args.values.timeout !== undefined ? Number(args.values.timeout) : undefined;
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError("--timeout must be a positive number of ms");
  return cognitoClient({
    userPoolId: args.values["user-pool-id"] || (stored ? stored.userPoolId : required(args, "user-pool-id")),
    clientId: args.values["client-id"] || (stored ? stored.clientId : required(args, "client-id")),
    clientSecret: args.values["client-secret"],
    endpoint: args.values.endpoint,
    fips: args.switches.indexOf("fips") >= 0,
    timeoutMs: timeout,
  });
}

async function login(args: ParsedArgs, io: CliIo): Promise<void> {
  const username = required(args, "username");
  const flow = (args.values.flow || "auto") as SignInFlow;
  if (FLOWS.indexOf(flow) < 0) throw new UsageError(`--flow must be one of ${FLOWS.join(", ")}`);
  const client = makeClient(args);
  const file = args.values["session-file"];
  if (file) checkSessionFileFor(file, client.config);
  let step: SignInStep;
  {
    const password = await io.lines.read("Password: ", { secret: true });
    step = await client.signIn(username, password, { flow });
  }
  while (step.kind === "challenge") {
    const answer = await askAnswer(step.pending.challenge, io);
    step = await client.respond(step.pending, answer);
  }
  const session = sessionFromSignIn(client.config, username, step.tokens);
  // As in the companion: the new session replaces the file's, whose refresh token is revoked rather than
  // left alive; when Cognito cannot be told, that sign-out stays in the file for the next logout.
  // The sign-in itself succeeded either way: the old session's fate is a warning, not a failure.
  const warn = (err: unknown) =>
    io.err(
      signOutStaysPending(err)
        ? `fitbit-cognito: warning: the previous session's sign-out stays in ${file} until "fitbit-cognito logout --session-file ${file}" reaches Cognito (${failureCode(err)})`
        : `fitbit-cognito: warning: Cognito refused to end the previous session (${failureCode(err)})`,
    );
  if (file) await onSessionFile(file, client, undefined, (manager) => manager.adopt(session).catch(warn));
  report(args, io, session, FLOW_NAMES[step.flow]);
}

const FLOW_NAMES = { USER_PASSWORD_AUTH: "password", USER_SRP_AUTH: "srp", USER_AUTH: "choice" } as const;

/** Asks standard input for what the challenge needs, one line per value, in a fixed order. */
async function askAnswer(challenge: Challenge, io: CliIo): Promise<ChallengeAnswer> {
  switch (challenge.name) {
    case "NEW_PASSWORD_REQUIRED": {
      const newPassword = await io.lines.read("New password: ", { secret: true });
      const attributes: { [name: string]: string } = {};
      for (const attr of challenge.requiredAttributes) {
        attributes[attr] = await io.lines.read(`Value for ${attr}: `);
      }
      return { name: challenge.name, newPassword, attributes };
    }
    case "SOFTWARE_TOKEN_MFA":
      return { name: challenge.name, code: await io.lines.read("Code from your authenticator app: ") };
    case "SMS_MFA":
    case "SMS_OTP":
    case "EMAIL_OTP": {
      const where = challenge.destination ? ` sent to ${challenge.destination}` : "";
      return { name: challenge.name, code: await io.lines.read(`Code${where}: `) };
    }
    case "SELECT_MFA_TYPE": {
      const choice = await choose<MfaMethod>("MFA method", challenge.options, io);
      return { name: challenge.name, choice };
    }
    case "SELECT_CHALLENGE": {
      const choice = await choose<FirstFactor>("sign-in method", challenge.options, io);
      const password =
        choice === "PASSWORD" || choice === "PASSWORD_SRP" ? await io.lines.read("Password: ", { secret: true }) : undefined;
      return { name: challenge.name, choice, password };
    }
    case "MFA_SETUP":
      throw new UsageError("this user must set up MFA first (an authenticator app), then sign in again");
    case "PASSWORD_VERIFIER":
    case "UNSUPPORTED":
      throw new UsageError(
        `challenge ${challenge.name === "UNSUPPORTED" ? challenge.cognitoName : challenge.name} is not supported`,
      );
  }
}

async function choose<T extends string>(what: string, options: T[], io: CliIo): Promise<T> {
  if (options.length === 0) throw new UsageError(`Cognito offered no ${what} this client supports`);
  const list = options.map((o, i) => `${i + 1}=${o}`).join(", ");
  const line = (await io.lines.read(`Choose a ${what} (${list}): `)).trim();
  const byNumber = options[Number(line) - 1];
  const picked = byNumber || options.filter((o) => o.toLowerCase() === line.toLowerCase())[0];
  if (!picked) throw new UsageError(`"${line}" is not one of ${options.join(", ")}`);
  return picked;
}

const ROTATIONS: RotationSetting[] = ["auto", "on", "off"];

/** The companion's session code over the session file of the command's flags, for `work`. */
function withSessionFile<T>(args: ParsedArgs, work: (manager: SessionManager) => Promise<T>, orPendingSignOut = false): Promise<T> {
  const file = required(args, "session-file");
  const stored = readSessionFile(file, orPendingSignOut);
  return onSessionFile(file, makeClient(args, stored), args.values.rotation, work);
}

/** Runs `work` on the companion's session code over `file`, with no timers: a command does one thing and
 *  exits. The session code keeps what it could not store in memory (the companion writes it again at its
 *  next wake); a command ends here, so a failed write of the file fails the command. */
async function onSessionFile<T>(file: string, client: CognitoClient, rotation = "auto", work: (manager: SessionManager) => Promise<T>): Promise<T> {
  if (ROTATIONS.indexOf(rotation as RotationSetting) < 0) throw new UsageError(`--rotation must be one of ${ROTATIONS.join(", ")}`);
  const store = fileKeyValueStore(file);
  const manager = sessionManager({
    store,
    client: () => client,
    rotation: rotation as RotationSetting,
    timers: { set: () => undefined, clear: () => undefined },
  });
  try {
    return await work(manager);
  } finally {
    // What is (or is not) in the file comes first: a Cognito failure meanwhile matters less than that.
    store.check();
  }
}

async function refresh(args: ParsedArgs, io: CliIo): Promise<void> {
  const session = await withSessionFile(args, (manager) => manager.refreshNow());
  report(args, io, session, "refresh");
}

async function whoami(args: ParsedArgs, io: CliIo): Promise<void> {
  const user = await withSessionFile(args, (manager) => manager.whoami());
  if (args.switches.indexOf("json") >= 0) io.out(JSON.stringify({ username: user.username, attributes: user.attributes }));
  else {
    io.out(`${user.username}`);
    for (const name of Object.keys(user.attributes).sort()) io.out(`  ${name}: ${user.attributes[name]}`);
  }
}

/** Cognito did not hear a logout: the session is gone from the file, the sign-out stays in it. */
export class SignOutPendingError extends Error {
  constructor(readonly failure: unknown, file: string) {
    super(`the sign-out stays in ${file} until "fitbit-cognito logout --session-file ${file}" reaches Cognito`);
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
      return manager.signOut(global).then(
        () => had,
        (err) => {
          throw signOutStaysPending(err) ? new SignOutPendingError(err, file) : err;
        },
      );
    },
    true,
  );
  if (!hadSession) io.out("The pending sign-out reached Cognito.");
  else io.out(global ? "Signed out everywhere." : "Signed out; the refresh token is revoked.");
}

function report(args: ParsedArgs, io: CliIo, session: StoredSession, flow: string): void {
  const who = describeSession(session);
  const expiresAt = new Date(who.expiresAt).toISOString();
  const tokens = { accessToken: session.accessToken, idToken: session.idToken, refreshToken: session.refreshToken };
  const printTokens = args.switches.indexOf("print-tokens") >= 0;
  if (args.switches.indexOf("json") >= 0) {
    const out: { [k: string]: unknown } = { username: who.username, sub: who.sub, flow, expiresAt };
    if (printTokens) out.tokens = tokens;
    io.out(JSON.stringify(out));
    return;
  }
  io.out(`Signed in as ${who.username}${who.email ? ` <${who.email}>` : ""} (${flow}); tokens valid until ${expiresAt}.`);
  if (printTokens) {
    io.out(`access token:  ${tokens.accessToken}`);
    io.out(`id token:      ${tokens.idToken}`);
    io.out(`refresh token: ${tokens.refreshToken}`);
  }
}
