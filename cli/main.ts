// fitbit-cognito: the companion's Cognito code, run from a terminal, so a developer can check a user
// pool's configuration before sideloading. Exit 0 on success; on failure one line on stderr naming
// the Cognito error type (or the network/timeout/bad-response kind, with the endpoint and the cause)
// and its message, and exit 1 (2 for a usage error: an unknown option, a missing value...).
import { UsageError, parseArgs } from "./args";
import { stdinLines } from "./input";
import { OPTIONS, runCommand, USAGE } from "./commands";
import { failureLine } from "./failure-line";

export async function main(argv: string[]): Promise<number> {
  const io = {
    out: (text: string) => process.stdout.write(text + "\n"),
    err: (text: string) => process.stderr.write(text + "\n"),
    lines: stdinLines(process.stdin, process.stderr),
  };
  try {
    const args = parseArgs(argv, OPTIONS);
    if (!args.command || args.command === "help" || args.switches.indexOf("help") >= 0) {
      io.out(USAGE);
      return args.command || args.switches.indexOf("help") >= 0 ? 0 : 2;
    }
    await runCommand(args, io);
    return 0;
  } catch (err) {
    io.err(failureLine(err));
    return err instanceof UsageError ? 2 : 1;
  } finally {
    io.lines.close();
  }
}
