// Starts the real cognito-local emulator as a child process on a free loopback port with its own data
// directory, and stops it again. Used by the integration tests and by `npm start`.
import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface StartCognitoLocalOptions {
  /** Keep the data here (created if missing, kept on stop). Default: a fresh temp dir, removed on stop. */
  dataDir?: string;
  /** Default: a port the OS reports free. */
  port?: number;
  /** How long to wait for the emulator to answer; default 20 s. */
  startTimeoutMs?: number;
  /**
   * Default true: close gaps between cognito-local 5.3.0 and real Cognito (see cognito-local-child.ts):
   * refresh tokens issued by RespondToAuthChallenge work, USER_SRP_AUTH is served for app clients that
   * allow it, a new password must meet the pool's password policy, pools with a DeviceConfiguration
   * track devices (remembered devices), CUSTOM_AUTH runs the sandbox's scripted Lambdas
   * (lambda-scripts.ts), MFA is set up during sign-in (MFA_SETUP, EMAIL_OTP), and passwords are reset as
   * Cognito resets them (AdminResetUserPassword, ForgotPassword's checks); the codes it sends are listed at
   * GET /sandbox/codes (last-code.ts). False runs the emulator unchanged.
   */
  asRealCognito?: boolean;
}

/**
 * A running emulator. It does not keep this process alive by itself (so a test that forgets stop() cannot
 * hang jest): a long-running user such as `npm start` must hold the event loop open, e.g. with its server.
 */
export interface CognitoLocal {
  /** `http://127.0.0.1:PORT` — also the issuer prefix in its tokens: `${endpoint}/${userPoolId}`. */
  readonly endpoint: string;
  readonly dataDir: string;
  readonly pid: number;
  /** The emulator's recent output, colours stripped, for diagnosing a failing test. */
  output(): string;
  /** Kills the emulator and removes the data directory if this module created it. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const OUTPUT_TAIL_CHARS = 16_000;
const PORT_ATTEMPTS = 3;

export async function startCognitoLocal(options: StartCognitoLocalOptions = {}): Promise<CognitoLocal> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "fitbit-cognito-local-"));
  try {
    mkdirSync(join(dataDir, ".cognito"), { recursive: true });
    writeConfig(join(dataDir, ".cognito", "config.json"));
    // A port asked of the OS can be taken by someone else before the child binds it, so a chosen port
    // that turns out busy is chosen again; a port the caller named is tried once.
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const started = await launch(dataDir, ownsDataDir, port, options);
      if (started.kind === "ready") return handle(started.child, started.output, `http://${HOST}:${port}`, dataDir, ownsDataDir);
      if (started.kind === "port-busy" && options.port === undefined && attempt < PORT_ATTEMPTS) continue;
      throw new Error(started.message);
    }
  } catch (error) {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

type Launch =
  { kind: "ready"; child: ChildProcess; output: OutputTail } | { kind: "port-busy"; message: string } | { kind: "failed"; message: string };

async function launch(dataDir: string, ownsDataDir: boolean, port: number, options: StartCognitoLocalOptions): Promise<Launch> {
  const endpoint = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
    FITBIT_COGNITO_LOCAL_LIB: cognitoLocalLib(),
    FITBIT_COGNITO_LOCAL_AS_REAL_COGNITO: options.asRealCognito === false ? "0" : "1",
    FITBIT_COGNITO_LOCAL_REMOVE_DIR_ON_ORPHAN: ownsDataDir ? "1" : "0",
  };
  // DEBUG makes cognito-local log every request, tokens and passwords included; NODE_OPTIONS may carry
  // an --inspect port that the child would then fight the parent for.
  delete env.DEBUG;
  delete env.COGNITO_LOCAL_DEVMODE;
  delete env.NODE_OPTIONS;

  const child = spawn(process.execPath, ["-e", childScript()], {
    cwd: dataDir,
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // A test that forgets stop() must not keep its process alive; when it ends, the closing IPC channel
  // ends the emulator too (see cognito-local-child.ts). That one mechanism covers every way a parent
  // ends, SIGKILL included, which an exit hook cannot (and under jest `process` never emits "exit").
  child.unref();
  child.channel?.unref();
  const output = new OutputTail();
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => output.add(chunk));
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }

  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const spawnError = new Promise<Error>((resolve) => child.on("error", resolve));
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  const outcome = await Promise.race([
    waitUntilAnswering(endpoint, Date.now() + timeoutMs, exited).then((ok) => (ok ? "ready" : "timeout")),
    exited.then(() => "exited" as const),
    spawnError.then((e) => e),
  ]);
  if (outcome === "ready") return { kind: "ready", child, output };

  await killAndWait(child);
  const log = output.text();
  if (outcome instanceof Error) return { kind: "failed", message: `could not start cognito-local: ${outcome.message}` };
  if (outcome === "exited" && /EADDRINUSE/.test(log)) {
    return { kind: "port-busy", message: `cognito-local could not listen on ${endpoint}: port in use\n${log}` };
  }
  const why = outcome === "exited" ? "exited before answering" : `did not answer within ${timeoutMs} ms`;
  return { kind: "failed", message: `cognito-local on ${endpoint} ${why}; its output:\n${log || "(none)"}` };
}

function handle(child: ChildProcess, output: OutputTail, endpoint: string, dataDir: string, ownsDataDir: boolean): CognitoLocal {
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    dataDir,
    pid: child.pid as number,
    output: () => output.text(),
    stop() {
      stopping ??= killAndWait(child).then(() => {
        if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      });
      return stopping;
    },
  };
}

async function waitUntilAnswering(endpoint: string, deadline: number, exited: Promise<unknown>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone && Date.now() < deadline) {
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

// SIGTERM first so the emulator can finish a write to its JSON files; SIGKILL if it dawdles.
async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

// Plain usernames need UsernameAttributes emptied (the emulator's default treats usernames as emails).
// Other settings in an existing config are kept.
function writeConfig(path: string): void {
  let config: { UserPoolDefaults?: object } = {};
  try {
    config = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    // Missing or unreadable: start from nothing.
  }
  config.UserPoolDefaults = { ...config.UserPoolDefaults, UsernameAttributes: [] };
  writeFileSync(path, JSON.stringify(config, null, 2));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("the OS gave no port"))));
    });
  });
}

function cognitoLocalLib(): string {
  return join(dirname(require.resolve("cognito-local/package.json")), "lib");
}

// The child runs plain `node -e`, so its TypeScript (with what it imports from here: the SRP server, the
// device tracking) is bundled into one script, once per process. cognito-local itself is loaded from
// node_modules at run time.
let childScriptCache: string | undefined;
function childScript(): string {
  if (childScriptCache === undefined) {
    const esbuild: typeof import("esbuild") = require("esbuild");
    childScriptCache = esbuild.buildSync({
      entryPoints: [join(__dirname, "cognito-local-child.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node18",
      write: false,
      logLevel: "error",
    }).outputFiles[0].text;
  }
  return childScriptCache;
}

class OutputTail {
  private buffer = "";
  add(chunk: string): void {
    // eslint-disable-next-line no-control-regex
    this.buffer = (this.buffer + chunk.replace(/\u001b\[[0-9;]*m/g, "")).slice(-OUTPUT_TAIL_CHARS);
  }
  text(): string {
    return this.buffer.trim();
  }
}
