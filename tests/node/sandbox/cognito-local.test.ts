// The emulator's life cycle: it starts on a free loopback port with its own data, answers, and leaves
// nothing behind — not even when the process that started it dies without stopping it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Server, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cognitoAdmin } from "../../../sandbox/cognito-admin";
import { callCognito } from "../../../sandbox/cognito-call";
import { startCognitoLocal } from "../../../sandbox/cognito-local";

const repo = resolve(__dirname, "../../..");

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

describe("startCognitoLocal", () => {
  it("starts on a free loopback port with a fresh temp dir, takes plain usernames, and stop() removes both", async () => {
    const started = Date.now();
    const emulator = await startCognitoLocal();
    const startupMs = Date.now() - started;
    try {
      expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(startupMs).toBeLessThan(10_000);
      expect(await answers(emulator.endpoint)).toBe(true);
      expect(isRunning(emulator.pid)).toBe(true);
      const config = JSON.parse(readFileSync(join(emulator.dataDir, ".cognito", "config.json"), "utf8"));
      expect(config.UserPoolDefaults.UsernameAttributes).toEqual([]);

      const admin = cognitoAdmin(emulator.endpoint);
      const { userPoolId } = await admin.createUserPool({ name: "plain-usernames" });
      const user = await admin.adminCreateUser({ userPoolId, username: "alice", temporaryPassword: "Temp-1234" });
      expect(user).toEqual({ username: "alice", sub: expect.stringMatching(/^[0-9a-f-]{36}$/), status: "FORCE_CHANGE_PASSWORD" });
    } finally {
      await emulator.stop();
    }
    expect(isRunning(emulator.pid)).toBe(false);
    expect(existsSync(emulator.dataDir)).toBe(false);
    expect(await answers(emulator.endpoint)).toBe(false);
    await emulator.stop(); // a second stop is harmless
  });

  it("keeps a given data directory, its other settings, and its pools across restarts", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cognito-local-test-"));
    try {
      mkdirSync(join(dataDir, ".cognito"));
      writeFileSync(
        join(dataDir, ".cognito", "config.json"),
        JSON.stringify({ TriggerFunctions: {}, UserPoolDefaults: { MfaConfiguration: "OFF" } }),
      );
      const first = await startCognitoLocal({ dataDir });
      const { userPoolId } = await cognitoAdmin(first.endpoint).createUserPool({ name: "kept" });
      await first.stop();
      expect(existsSync(join(dataDir, ".cognito", "db", `${userPoolId}.json`))).toBe(true);

      const config = JSON.parse(readFileSync(join(dataDir, ".cognito", "config.json"), "utf8"));
      expect(config.UserPoolDefaults).toEqual({ MfaConfiguration: "OFF", UsernameAttributes: [] });

      const second = await startCognitoLocal({ dataDir });
      try {
        const reply = await callCognito<{ UserPool: { Name: string } }>(second.endpoint, "DescribeUserPool", { UserPoolId: userPoolId });
        expect(reply.ok && reply.body.UserPool.Name).toBe("kept");
      } finally {
        await second.stop();
      }
      expect(existsSync(dataDir)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("runs two emulators side by side, each with its own port and data", async () => {
    const [a, b] = await Promise.all([startCognitoLocal(), startCognitoLocal()]);
    try {
      expect(a.endpoint).not.toBe(b.endpoint);
      expect(a.dataDir).not.toBe(b.dataDir);
      await cognitoAdmin(a.endpoint).createUserPool({ name: "only-in-a" });
      const inB = await callCognito<{ UserPools: unknown[] }>(b.endpoint, "ListUserPools", { MaxResults: 10 });
      expect(inB.ok && inB.body.UserPools).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("fails with a clear error, the emulator's output and no leftovers when the named port is taken", async () => {
    const blocker: Server = createServer();
    const sockets: Socket[] = [];
    blocker.on("connection", (socket: Socket) => sockets.push(socket));
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as { port: number }).port;
    const before = new Set(readdirSync(tmpdir()));
    try {
      const error: Error = await startCognitoLocal({ port }).then(
        () => new Error("started on a taken port"),
        (e: Error) => e,
      );
      expect(error.message).toContain(`could not listen on http://127.0.0.1:${port}: port in use`);
      expect(error.message).toContain("EADDRINUSE");
      const leftovers = readdirSync(tmpdir()).filter((n) => !before.has(n) && n.startsWith("fitbit-cognito-local-"));
      expect(leftovers).toEqual([]);
    } finally {
      // The emulator's readiness probe may have left a connection to the blocker open.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it("gives up at its deadline with a clear error", async () => {
    await expect(startCognitoLocal({ startTimeoutMs: 1 })).rejects.toThrow(
      /cognito-local on http:\/\/127\.0\.0\.1:\d+ did not answer within 1 ms; its output:/,
    );
  });

  // A crashed jest worker is killed without running any hook: the emulator must notice and go.
  it("leaves no orphan process or temp dir when its parent is SIGKILLed without calling stop()", async () => {
    const script = `
      require(${JSON.stringify(join(repo, "sandbox/cognito-local.ts"))}).startCognitoLocal().then((emulator) => {
        process.stdout.write(JSON.stringify({ pid: emulator.pid, dataDir: emulator.dataDir }) + "\\n", () => process.kill(process.pid, "SIGKILL"));
      });`;
    const parent = spawn(process.execPath, ["-r", join(repo, "scripts/register-ts.js"), "-e", script], {
      cwd: repo,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    parent.stdout.on("data", (chunk) => (out += chunk));
    await new Promise((r) => parent.on("exit", r));
    const { pid, dataDir } = JSON.parse(out) as { pid: number; dataDir: string };
    try {
      expect(await waitUntil(() => !isRunning(pid), 5000)).toBe(true);
      expect(await waitUntil(() => !existsSync(dataDir), 2000)).toBe(true);
    } finally {
      if (isRunning(pid)) process.kill(pid, "SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
