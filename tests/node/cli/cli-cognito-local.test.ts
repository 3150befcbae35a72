// The CLI as a developer uses it, against cognito-local: first login through NEW_PASSWORD_REQUIRED
// with answers on standard input, the session file, refresh, whoami, logout, and clean failures.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startTestPool, TestPool } from "../../../devkit/cognito-pool";
import { runCli } from "../../support/run-cli";
import { startMisbehavingServer } from "../../support/misbehaving-server";

let pool: TestPool;
let dir: string;
beforeAll(async () => {
  pool = await startTestPool();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-"));
});
afterAll(async () => {
  if (pool) await pool.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const poolArgs = () => ["--user-pool-id", pool.userPoolId, "--client-id", pool.clientId, "--endpoint", pool.endpoint];

test("login through NEW_PASSWORD_REQUIRED, then refresh, whoami and logout with the session file", async () => {
  const user = await pool.newUser("carol");
  const file = path.join(dir, "carol.json");
  const login = await runCli(
    ["login", ...poolArgs(), "--username", "carol", "--flow", "password", "--session-file", file, "--json"],
    `${user.temporaryPassword}\nCarol123new\n`,
  );
  expect(login.stderr).toBe("");
  expect(login.code).toBe(0);
  const out = JSON.parse(login.stdout);
  expect(Object.keys(out).sort()).toEqual(["expiresAt", "flow", "sub", "username"]);
  expect(out.username).toBe("carol");
  expect(out.flow).toBe("password");
  expect(out.sub).toMatch(/^[0-9a-f-]{36}$/);
  expect(new Date(out.expiresAt).getTime()).toBeGreaterThan(Date.now());
  // Tokens only with --print-tokens, and the file only for its owner.
  expect(login.stdout).not.toMatch(/eyJ/);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);

  const refresh = await runCli(["refresh", "--session-file", file, "--endpoint", pool.endpoint, "--json"]);
  expect(refresh.code).toBe(0);
  expect(JSON.parse(refresh.stdout).username).toBe("carol");

  const whoami = await runCli(["whoami", "--session-file", file, "--endpoint", pool.endpoint, "--json"]);
  expect(whoami.code).toBe(0);
  expect(JSON.parse(whoami.stdout)).toMatchObject({ username: "carol", attributes: { email: "carol@example.com" } });

  const logout = await runCli(["logout", "--session-file", file, "--endpoint", pool.endpoint]);
  expect(logout.code).toBe(0);
  expect(fs.existsSync(file)).toBe(false);

  // The new password took, and --print-tokens prints them.
  const again = await runCli(["login", ...poolArgs(), "--username", "carol", "--json", "--print-tokens"], "Carol123new\n");
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).tokens.accessToken).toMatch(/^eyJ/);
});

test("a wrong password: one clear line on stderr naming the Cognito error, non-zero exit", async () => {
  const user = await pool.confirmedUser();
  const res = await runCli(["login", ...poolArgs(), "--username", user.username], "Not1theRight\n");
  expect(res.code).toBe(1);
  expect(res.stdout).toBe("");
  const lines = res.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^fitbit-cognito: (NotAuthorizedException|InvalidPasswordException): /);
  expect(res.stderr).not.toContain("Not1theRight");
  expect(res.stderr).not.toMatch(/at .*\.ts:\d+/);
});

test("a server that hangs: a timeout line naming the endpoint, not a hang", async () => {
  const server = await startMisbehavingServer({ always: { kind: "hang" } });
  try {
    const started = Date.now();
    const res = await runCli(
      ["login", "--user-pool-id", "local_x1", "--client-id", "abc", "--username", "u", "--endpoint", server.endpoint, "--timeout", "500"],
      "pw\n",
    );
    expect(res.code).toBe(1);
    // the kind and its message, and where the request went
    expect(res.stderr.trim()).toBe(`fitbit-cognito: Timeout: no answer within 500 ms from ${server.endpoint}`);
    expect(Date.now() - started).toBeLessThan(8000);
  } finally {
    await server.close();
  }
});

test("usage errors: exit 2 with what is missing", async () => {
  const noPool = await runCli(["login", "--client-id", "abc", "--username", "u"], "");
  expect(noPool.code).toBe(2);
  expect(noPool.stderr.trim()).toBe("fitbit-cognito: --user-pool-id is required");
  const noInput = await runCli(["login", ...poolArgs(), "--username", "u"], "");
  expect(noInput.code).toBe(2);
  expect(noInput.stderr.trim()).toBe("fitbit-cognito: standard input ended before the password");
  const badPool = await runCli(["login", "--user-pool-id", "nope", "--client-id", "abc", "--username", "u"], "pw\n");
  expect(badPool.code).toBe(1);
  expect(badPool.stderr.trim()).toMatch(/user pool ID/);
  const plainHttp = await runCli(
    ["login", "--user-pool-id", "eu-west-1_Ab1", "--client-id", "abc", "--username", "u", "--endpoint", "http://example.com/"],
    "pw\n",
  );
  expect(plainHttp.code).toBe(1);
  expect(plainHttp.stderr).toMatch(/plain http only for localhost/);
});
