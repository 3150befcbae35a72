// fitbit-cognito: the companion's Cognito code, run from a terminal, so a developer can check a user
// pool's configuration before sideloading. Exit 0 on success; on failure one line on stderr naming
// the Cognito error type (or the network/timeout/bad-response kind) and its message, and exit 1
// (2 for a usage error). What the watch would say about it is in the words of app/i18n/en-US.po.
import { isCognitoFailure, describeFailure } from "../companion/cognito";
import { UsageError, parseArgs } from "./args";
import { stdinLines } from "./input";
import { runCommand, SignOutPendingError, SWITCHES, USAGE } from "./commands";
import { say } from "./messages";
import { SessionFileError } from "./session-file";

export async function main(argv: string[]): Promise<number> {
  const io = {
    out: (text: string) => process.stdout.write(text + "\n"),
    err: (text: string) => process.stderr.write(text + "\n"),
    lines: stdinLines(process.stdin, process.stderr),
  };
  try {
    const args = parseArgs(argv, SWITCHES);
    if (!args.command || args.command === "help" || args.switches.indexOf("help") >= 0) {
      io.out(USAGE);
      return args.command || args.switches.indexOf("help") >= 0 ? 0 : 2;
    }
    await runCommand(args, io);
    return 0;
  } catch (err) {
    io.err(`fitbit-cognito: ${oneLine(err)}`);
    return err instanceof UsageError ? 2 : 1;
  } finally {
    io.lines.close();
  }
}

function oneLine(err: unknown): string {
  if (err instanceof SignOutPendingError) return `${oneLine(err.failure)}; ${err.message}`;
  if (isCognitoFailure(err)) {
    const detail = err.kind === "service" ? err.message : `${err.code}: ${err.message}`;
    const hint = say(describeFailure(err, "signIn"));
    return err.kind === "service" ? detail : `${detail} (${hint})`;
  }
  if (err instanceof UsageError || err instanceof SessionFileError) return err.message;
  return `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
}
