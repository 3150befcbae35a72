// The CLI's commands. Each reads what it needs from the flags, standard input and the session file,
// and reports through `io`, so tests can run them in-process as well as through the real binary.
import { forgetSessionDevice, signOutStaysPending } from "../core/session";
import { printable } from "../devkit/printable";
import { OptionSpec, ParsedArgs, UsageError, checkOptions, required } from "./args";
import { CLIENT_METADATA_FLAG } from "./client-metadata";
import { DeviceNotForgotten, RequestFailure, SignOutPendingError, SignedOutHereOnly, atEndpoint } from "./failure-line";
import { LineSource } from "./input";
import { jsonLine, report } from "./report";
import { NO_REMEMBER_DEVICE, login, resetPassword } from "./sign-in";
import { withSessionFile } from "./session-work";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  lines: LineSource;
}

export const USAGE = `Usage: fitbit-cognito <command> [options]

Commands:
  login           Sign in (password, then challenge answers, one line each on standard input)
  reset-password  Forgotten password: Cognito sends a code; then the code and the new password (twice)
                  on standard input, and a login with it (as login: same options)
  refresh         Get new tokens with the refresh token in --session-file
  whoami          Ask Cognito who the session's user is (GetUser)
  logout          Revoke the session's refresh token (--global: sign out everywhere) and remove it from the
                  file (deleted unless it keeps a remembered device);
                  when Cognito cannot be reached, the sign-out stays in the file until logout is run again

Options (a command refuses those it does not take):
  --user-pool-id ID     e.g. eu-west-1_AbC123 (login; others read it from the session file)
  --client-id ID        the app client's ID (login; likewise)
  --client-secret S     only for app clients with a secret
  --username U          login and reset-password only
  --flow F              auto (default: SRP where allowed, else password) | srp | password | choice
                        | custom (CUSTOM_AUTH: the pool's Lambdas ask, no password)
                        | custom-srp (CUSTOM_AUTH after the password is proven with SRP)
  --client-metadata K=V ClientMetadata for the pool's Lambda triggers; repeat for more pairs (at most 16,
                        keys up to 64 characters, values up to 256); sent on sign-in, refresh and reset
  --endpoint URL        development endpoint (https, or http to localhost only)
  --fips                use the FIPS endpoint of the region
                        (the session file keeps the login's endpoint and --fips; given again, they win)
  --timeout MS          per request, 1 to 600000 (default 15000)
  --session-file F      keep the session here (mode 0600) for refresh, whoami and logout; a login
                        into a file that holds one revokes that session's refresh token. Where the pool
                        tracks devices, the device Cognito confirmed is kept here too (kept by logout),
                        so the next login names it and a remembered device may skip MFA
  --no-remember-device  login: where the pool lets the user choose, do not remember this device
  --rotation R          how to refresh: auto (default: GetTokensFromRefreshToken, else REFRESH_TOKEN_AUTH)
                        | on (GetTokensFromRefreshToken only) | off (REFRESH_TOKEN_AUTH only)
  --global              logout: sign out everywhere (GlobalSignOut)
  --forget-device       logout: first make Cognito forget this device (ForgetDevice), and the file too
  --json                print one JSON object on stdout
  --print-tokens        also print the tokens (they are secrets: mind your terminal history)`;

export async function runCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const name = args.command || "";
  const known = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
  if (!known) throw new UsageError(`unknown command "${args.command}" (try --help)`);
  checkOptions(args, name, known.options);
  return known.run(args, io);
}

async function refresh(args: ParsedArgs, io: CliIo): Promise<void> {
  const session = await withSessionFile(args, ({ manager }) => manager.refreshNow());
  report(args, io, session, "refresh");
}

async function whoami(args: ParsedArgs, io: CliIo): Promise<void> {
  const user = await withSessionFile(args, ({ manager }) => manager.whoami());
  if (args.switches.indexOf("json") >= 0) io.out(jsonLine({ username: user.username, attributes: user.attributes }));
  else {
    io.out(printable(user.username));
    for (const name of Object.keys(user.attributes).sort()) io.out(`  ${printable(name, 80)}: ${printable(user.attributes[name])}`);
  }
}

async function logout(args: ParsedArgs, io: CliIo): Promise<void> {
  const global = args.switches.indexOf("global") >= 0;
  const forget = args.switches.indexOf("forget-device") >= 0;
  const file = required(args, "session-file");
  // The session leaves the file whatever the network says; a failed call is then reported (exit 1). A
  // file with only a pending sign-out (an earlier logout that did not reach Cognito) sends that one.
  const hadSession = await withSessionFile(
    args,
    async ({ manager, book, client }) => {
      const had = manager.state().kind === "signedIn";
      // ForgetDevice needs the session's access token: before the sign-out, which ends it. When it fails,
      // the command stops signed in as it was, so it can be run again.
      if (had && forget) {
        await forgetSessionDevice(() => manager.freshSession(), client, book).catch((err) => {
          throw new DeviceNotForgotten(atEndpoint(err, client.config.url));
        });
      }
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

/** Options of every command that talks to Cognito (all of them do). ClientMetadata goes on every
 *  request that takes it: a refresh's too (GetTokensFromRefreshToken), so each command may be given it. */
const REQUEST_OPTIONS: OptionSpec = {
  values: ["client-secret", "endpoint", "timeout"],
  lists: [CLIENT_METADATA_FLAG],
  switches: ["fips", "help"],
};

function taking(values: string[], switches: string[]): OptionSpec {
  return {
    values: REQUEST_OPTIONS.values.concat(values),
    lists: REQUEST_OPTIONS.lists,
    switches: REQUEST_OPTIONS.switches.concat(switches),
  };
}

const SIGN_IN_OPTIONS = taking(
  ["user-pool-id", "client-id", "username", "flow", "session-file"],
  ["json", "print-tokens", NO_REMEMBER_DEVICE],
);

/** Every command with the options it takes. */
const COMMANDS = {
  login: { run: login, options: SIGN_IN_OPTIONS },
  "reset-password": { run: resetPassword, options: SIGN_IN_OPTIONS },
  refresh: { run: refresh, options: taking(["session-file", "rotation"], ["json", "print-tokens"]) },
  whoami: { run: whoami, options: taking(["session-file", "rotation"], ["json"]) },
  logout: { run: logout, options: taking(["session-file", "rotation"], ["global", "forget-device"]) },
};
type CommandName = keyof typeof COMMANDS;

/** The options of all the commands, for parsing; each command then refuses those it does not take. */
export const OPTIONS: OptionSpec = Object.keys(COMMANDS).reduce(
  (all: { values: string[]; lists: string[]; switches: string[] }, name) => {
    const { values, lists, switches } = COMMANDS[name as CommandName].options;
    const add = (to: string[], more: ReadonlyArray<string>) => to.concat(more.filter((v) => to.indexOf(v) < 0));
    return { values: add(all.values, values), lists: add(all.lists, lists), switches: add(all.switches, switches) };
  },
  { values: [], lists: [], switches: [] },
);
