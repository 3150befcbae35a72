// login and reset-password: a sign-in as the companion makes it (the remembered device named, a new one
// confirmed, the challenges answered one line each on standard input), kept in the session file.
import { CognitoClient, ResolvedFlow, SignInFlow, SignInStep, failureCode, isCognitoFailure } from "../core/cognito";
import { KeyValueStore, deviceBook, sessionFromSignIn, settleDevice, signInWithDevice, signOutStaysPending } from "../core/session";
import { printable } from "../devkit/printable";
import { ParsedArgs, UsageError } from "./args";
import { answerChallenge } from "./challenges";
import { DEVICE_NAME, checkedUsername, makeClient, originOf } from "./connection";
import { RequestFailure, ResetRequired, atEndpoint } from "./failure-line";
import { LineSource } from "./input";
import { report } from "./report";
import { SessionFile, SessionOrigin, checkSessionFileFor, openSessionFile, sessionFileStore } from "./session-file";
import { onSessionFile } from "./session-work";

export interface SignInIo {
  out(text: string): void;
  err(text: string): void;
  lines: LineSource;
}

/** --flow as typed, and the client's flow it means. */
const FLOWS: { readonly [typed: string]: SignInFlow } = {
  auto: "auto",
  srp: "srp",
  password: "password",
  choice: "choice",
  custom: "custom",
  "custom-srp": "customSrp",
};

const FLOW_NAMES: { readonly [F in ResolvedFlow]: string } = {
  USER_PASSWORD_AUTH: "password",
  USER_SRP_AUTH: "srp",
  USER_AUTH: "choice",
  CUSTOM_AUTH: "custom",
};

export const NO_REMEMBER_DEVICE = "no-remember-device";

/** What a sign-in of the command's flags is, checked before anything is asked or sent. */
interface Plan {
  readonly username: string;
  readonly flow: SignInFlow;
  readonly origin: SessionOrigin;
  readonly client: CognitoClient;
  readonly file: SessionFile | undefined;
}

function plan(args: ParsedArgs): Plan {
  const username = checkedUsername(args);
  const typed = args.values.flow || "auto";
  if (!Object.prototype.hasOwnProperty.call(FLOWS, typed)) throw new UsageError(`--flow must be one of ${Object.keys(FLOWS).join(", ")}`);
  const origin = originOf(args);
  const client = makeClient(args, origin);
  const name = args.values["session-file"];
  // Before the password: a file that is not a session file, or holds another app client's, is refused.
  const file = name ? openSessionFile(name) : undefined;
  if (file) checkSessionFileFor(file, client.config);
  return { username, flow: FLOWS[typed], origin, client, file };
}

/** CUSTOM_AUTH without SRP asks the pool's Lambdas only: no password. */
const needsPassword = (p: Plan) => p.flow !== "custom";

export async function login(args: ParsedArgs, io: SignInIo): Promise<void> {
  const p = plan(args);
  const password = needsPassword(p) ? await io.lines.read("Password: ", { secret: true }) : "";
  try {
    await signInAndKeep(p, password, args, io);
  } catch (err) {
    // An administrator reset the password (or Cognito requires it): only a new one signs in. Said, not
    // done: a reset sends the user a code, which this command was not asked for.
    const failure = err instanceof RequestFailure ? err.failure : err;
    if (isCognitoFailure(failure) && failure.kind === "service" && failure.type === "PasswordResetRequiredException") {
      throw new ResetRequired(err);
    }
    throw err;
  }
}

/** ForgotPassword, the code and the new password (twice), ConfirmForgotPassword, then a login with it. */
export async function resetPassword(args: ParsedArgs, io: SignInIo): Promise<void> {
  const p = plan(args);
  const { client, username } = p;
  const at = (err: unknown) => {
    throw atEndpoint(err, client.config.url);
  };
  const delivery = await client.forgotPassword(username).catch(at);
  const where = delivery.destination ? ` to ${printable(delivery.destination, 80)}` : "";
  const by = delivery.medium ? ` by ${printable(delivery.medium, 20).toLowerCase()}` : "";
  io.err(`Cognito sent a code${where}${by}.`);
  const code = (await io.lines.read("Code: ")).trim();
  const newPassword = await io.lines.read("New password: ", { secret: true });
  const again = await io.lines.read("New password again: ", { secret: true });
  if (again !== newPassword) throw new UsageError("the new password was typed differently the second time: nothing changed");
  await client.confirmForgotPassword(username, code, newPassword).catch(at);
  io.err("Password changed; signing in with it.");
  await signInAndKeep(p, needsPassword(p) ? newPassword : "", args, io);
}

/** The sign-in, the device settled, the session stored (replacing and signing out the file's). */
async function signInAndKeep(p: Plan, password: string, args: ParsedArgs, io: SignInIo): Promise<void> {
  const { client, username, file } = p;
  // The devices live in the session file, beside the session: the next login there names them.
  const store = file ? sessionFileStore(file, p.origin) : memoryStore();
  const book = deviceBook(store);
  const note = (line: string) => io.err(printable(`fitbit-cognito: ${line}`, 1000));
  let step: SignInStep;
  let deviceKey: string | undefined;
  try {
    step = await signInWithDevice(client, book, username, password, { flow: p.flow }, note);
    const ask = { lines: io.lines, say: io.err, client, user: username };
    while (step.kind === "challenge") step = await answerChallenge(step.pending, ask);
    const remember = args.switches.indexOf(NO_REMEMBER_DEVICE) < 0;
    if (file) deviceKey = await settleDevice(client, book, username, step, { remember, deviceName: DEVICE_NAME }, note);
    else if (step.newDevice) {
      // Its secrets would be kept nowhere: a device confirmed now could never be used again.
      note("the pool tracks devices: without --session-file this one is not confirmed, and the refresh token will not refresh");
    }
  } catch (err) {
    throw atEndpoint(err, client.config.url);
  }
  const session = sessionFromSignIn(client.config, username, step.tokens, deviceKey);
  // As in the companion: the new session replaces the file's, whose refresh token is revoked rather than
  // left alive; when Cognito cannot be told, that sign-out stays in the file for the next logout.
  // The sign-in itself succeeded either way: the old session's fate is a warning, not a failure.
  const warn = (err: unknown) =>
    note(
      signOutStaysPending(err)
        ? `warning: the previous session's sign-out stays in ${file!.path} until "fitbit-cognito logout --session-file ${file!.path}" reaches Cognito (${printable(failureCode(err), 80)})`
        : `warning: Cognito refused to end the previous session (${printable(failureCode(err), 80)})`,
    );
  if (file)
    await onSessionFile(file, store as ReturnType<typeof sessionFileStore>, client, undefined, ({ manager }) =>
      manager.adopt(session).catch(warn),
    );
  report(args, io, session, FLOW_NAMES[step.flow]);
}

/** Where the devices go without a session file: nowhere that lasts. */
function memoryStore(): KeyValueStore {
  const items: { [key: string]: string } = {};
  return {
    getItem: (key) => (Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null),
    setItem: (key, value) => {
      items[key] = value;
    },
    removeItem: (key) => {
      delete items[key];
    },
  };
}
