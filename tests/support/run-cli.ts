// Runs the real `fitbit-cognito` binary as a user would, feeding standard input.
import { SpawnOptions, spawn } from "child_process";
import * as path from "path";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = path.resolve(__dirname, "../../bin/fitbit-cognito.js");

export function runCli(args: string[], stdin = ""): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], stdin);
}

/** Runs `command` to its end, feeding `stdin`, and collects what it printed. */
export function runProcess(command: string, args: string[], stdin = "", options: SpawnOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin!.end(stdin);
  });
}

/** The binary running, answered line by line: for answers that exist only once it has asked (a code the
 *  sandbox sends when the challenge is made). Piped input shows no prompts; what the CLI says on stderr
 *  (a challenge's question, where a code went) is what to wait for. */
export interface RunningCli {
  /** Resolves once stderr so far satisfies `until` (e.g. holds a question twice); rejects at the end. */
  stderrWhen(until: (stderr: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends one line to standard input. */
  answer(line: string): void;
  /** Closes standard input and waits for the end. */
  finish(): Promise<CliResult>;
}

export function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: (() => void)[] = [];
  const changed = () => waiters.slice().forEach((w) => w());
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => {
    stderr += d;
    changed();
  });
  let closed = false;
  const ended = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      closed = true;
      resolve({ code, stdout, stderr });
      changed();
    });
  });
  return {
    stderrWhen: (until, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no such stderr within ${timeoutMs} ms; it was: ${stderr}`)), timeoutMs);
        const check = () => {
          if (until(stderr)) done();
          else if (closed) done(new Error(`the CLI ended (stdout: ${stdout}; stderr: ${stderr})`));
        };
        const done = (err?: Error) => {
          clearTimeout(timer);
          if (waiters.indexOf(check) < 0) return;
          waiters.splice(waiters.indexOf(check), 1);
          if (err) reject(err);
          else resolve(stderr);
        };
        waiters.push(check);
        check();
      }),
    answer: (line) => {
      child.stdin!.write(line + "\n");
    },
    finish: () => {
      child.stdin!.end();
      return ended;
    },
  };
}

/** `login` with the password flow into `file`, against `pool`'s endpoint: where most CLI tests start. */
export function passwordLoginArgs(
  pool: { userPoolId: string; clientId: string; endpoint: string },
  username: string,
  file: string,
): string[] {
  return [
    "login",
    "--user-pool-id",
    pool.userPoolId,
    "--client-id",
    pool.clientId,
    "--endpoint",
    pool.endpoint,
    "--username",
    username,
    "--flow",
    "password",
    "--session-file",
    file,
  ];
}

/** `login` (or `reset-password`) of `username` at `pool`'s endpoint, with `--flow` and `--session-file`
 *  when given: the sign-in commands' common start, without passwordLoginArgs' fixed password flow. */
export function signInArgs(
  pool: { userPoolId: string; clientId: string; endpoint: string },
  username: string,
  options: { command?: "login" | "reset-password"; flow?: string; file?: string } = {},
): string[] {
  return [
    options.command || "login",
    "--user-pool-id",
    pool.userPoolId,
    "--client-id",
    pool.clientId,
    "--endpoint",
    pool.endpoint,
    "--username",
    username,
    ...(options.flow ? ["--flow", options.flow] : []),
    ...(options.file ? ["--session-file", options.file] : []),
  ];
}
