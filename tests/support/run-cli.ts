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
