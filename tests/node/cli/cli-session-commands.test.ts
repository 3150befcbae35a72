// refresh, whoami and logout as a developer runs them, on the companion's session code over the 0600
// session file: what the file holds, a revoked refresh token, sign-out everywhere on an emulator that
// lacks it, and a bad --rotation.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cognitoClient } from "../../../core/cognito";
import { startTestPool, TestPool } from "../../../devkit/cognito-pool";
import { passwordLoginArgs, runCli } from "../../support/run-cli";

let pool: TestPool;
let dir: string;
beforeAll(async () => {
  pool = await startTestPool();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-session-"));
});
afterAll(async () => {
  if (pool) await pool.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function login(name: string): Promise<{ file: string; username: string }> {
  const user = await pool.confirmedUser();
  const file = path.join(dir, `${name}.json`);
  const res = await runCli(passwordLoginArgs(pool, user.username, file), `${user.password}\n`);
  expect(res.code).toBe(0);
  return { file, username: user.username };
}

/** The token store's records in the file (beside them, its marker says where its sessions were signed in). */
const storedRecords = (file: string) =>
  Object.entries(JSON.parse(fs.readFileSync(file, "utf8")))
    .filter(([key]) => key.startsWith("cognito.session."))
    .map(([, v]) => JSON.parse(v as string));

test("refresh keeps one whole record in the 0600 file, learns how this endpoint refreshes, and whoami uses it", async () => {
  const { file, username } = await login("dora");
  const before = storedRecords(file);
  expect(before).toHaveLength(1);
  const refresh = await runCli(["refresh", "--session-file", file, "--endpoint", pool.endpoint, "--json"]);
  expect(refresh.stderr).toBe("");
  expect(JSON.parse(refresh.stdout)).toMatchObject({ username, flow: "refresh" });
  const after = storedRecords(file);
  expect(after).toHaveLength(1);
  expect(after[0].seq).toBe(before[0].seq + 1);
  expect(after[0].session.refreshToken).toBe(before[0].session.refreshToken);
  expect(after[0].session.accessToken).not.toBe(before[0].session.accessToken);
  expect(after[0].session.refreshMode).toBe("initiateAuth");
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const whoami = await runCli(["whoami", "--session-file", file, "--endpoint", pool.endpoint]);
  expect(whoami.code).toBe(0);
  expect(whoami.stdout.split("\n")[0]).toBe(username);
});

test("a revoked refresh token: one line naming the error, exit 1, and the dead session is gone", async () => {
  const { file } = await login("eve");
  const session = storedRecords(file)[0].session;
  await cognitoClient({ userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint }).revokeToken(session.refreshToken);
  const res = await runCli(["refresh", "--session-file", file, "--endpoint", pool.endpoint]);
  expect(res.code).toBe(1);
  expect(res.stderr.trim().split("\n")).toHaveLength(1);
  expect(res.stderr).toMatch(/^fitbit-cognito: NotAuthorizedException/);
  expect(fs.existsSync(file)).toBe(false);
  const again = await runCli(["whoami", "--session-file", file, "--endpoint", pool.endpoint]);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/sign in first/);
});

test("logout --global where GlobalSignOut is missing: the refresh token is revoked instead, the file removed, and the line says only this session ended", async () => {
  const { file, username } = await login("fay");
  const { refreshToken } = storedRecords(file)[0].session;
  const res = await runCli(["logout", "--global", "--session-file", file, "--endpoint", pool.endpoint]);
  expect(res.code).toBe(1);
  expect(res.stderr.trim().split("\n")).toHaveLength(1);
  expect(res.stderr).toMatch(
    /^fitbit-cognito: Unsupported.*; only this session ended \(its refresh token is revoked\): Cognito refused to sign out the others$/m,
  );
  expect(fs.existsSync(file)).toBe(false);
  const refreshed = cognitoClient({ userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint }).refresh(
    refreshToken,
    username,
  );
  await expect(refreshed).rejects.toMatchObject({ type: "NotAuthorizedException" });
});

test("--rotation must be auto, on or off; on refuses an endpoint without GetTokensFromRefreshToken", async () => {
  const { file } = await login("gus");
  const bad = await runCli(["refresh", "--session-file", file, "--endpoint", pool.endpoint, "--rotation", "sometimes"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr.trim()).toBe("fitbit-cognito: --rotation must be one of auto, on, off");
  const on = await runCli(["refresh", "--session-file", file, "--endpoint", pool.endpoint, "--rotation", "on"]);
  expect(on.code).toBe(1);
  expect(on.stderr).toMatch(/Unsupported/);
  expect(fs.existsSync(file)).toBe(true);
  const off = await runCli(["refresh", "--session-file", file, "--endpoint", pool.endpoint, "--rotation", "off"]);
  expect(off.code).toBe(0);
});

test("logout that cannot reach Cognito keeps the sign-out in the file; the next logout sends it", async () => {
  const { file, username } = await login("hal");
  const [record] = storedRecords(file);
  const refreshToken: string = record.session ? record.session.refreshToken : record.refreshToken;
  expect(refreshToken).toMatch(/\S{20,}/);
  const stillWorks = () =>
    cognitoClient({ userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint })
      .refresh(refreshToken, username)
      .then(
        () => true,
        () => false,
      );

  const offline = await runCli(["logout", "--session-file", file, "--endpoint", "http://127.0.0.1:9/"]);
  expect(offline.code).toBe(1);
  expect(offline.stderr.trim().split("\n")).toHaveLength(1);
  expect(offline.stderr).toMatch(
    /^fitbit-cognito: NetworkError: .*; the sign-out stays in .*hal\.json until "fitbit-cognito logout --session-file .*" reaches Cognito$/m,
  );
  expect(offline.stderr).not.toContain(refreshToken);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(await stillWorks()).toBe(true);

  const whoami = await runCli(["whoami", "--session-file", file, "--endpoint", pool.endpoint]);
  expect(whoami.code).toBe(2);
  expect(whoami.stderr).toMatch(/holds only a pending sign-out: run "fitbit-cognito logout/);

  const again = await runCli(["logout", "--session-file", file, "--endpoint", pool.endpoint]);
  expect(again.stderr).toBe("");
  expect(again.code).toBe(0);
  expect(again.stdout.trim()).toBe("The pending sign-out reached Cognito.");
  expect(fs.existsSync(file)).toBe(false);
  expect(await stillWorks()).toBe(false);
});

test("login over a session file's session revokes the old refresh token; a file of another app client is refused first", async () => {
  const { file, username } = await login("ida");
  const [old] = storedRecords(file);
  const oldWorks = () =>
    cognitoClient({ userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint })
      .refresh(old.session.refreshToken, username)
      .then(
        () => true,
        () => false,
      );
  expect(await oldWorks()).toBe(true);

  const user = await pool.confirmedUser();
  const args = [
    "login",
    "--user-pool-id",
    pool.userPoolId,
    "--endpoint",
    pool.endpoint,
    "--username",
    user.username,
    "--flow",
    "password",
    "--session-file",
    file,
  ];
  const again = await runCli([...args, "--client-id", pool.clientId], `${user.password}\n`);
  expect(again.stderr).toBe("");
  expect(again.code).toBe(0);
  const [now] = storedRecords(file);
  expect(now.session.username).toBe(user.username);
  expect(now.revoke).toEqual([]);
  expect(await oldWorks()).toBe(false);

  // No password is asked (none is given): the refusal comes first, and the file is untouched.
  const other = await runCli([...args, "--client-id", "another1client"]);
  expect(other.code).toBe(2);
  expect(other.stderr.trim()).toBe(
    `fitbit-cognito: session file ${file} holds a session of app client ${pool.clientId} of pool ${pool.userPoolId}: sign it out first ("fitbit-cognito logout --session-file ${file}") or use another file`,
  );
  expect(storedRecords(file)).toEqual([now]);
});

test("a session file that cannot be written: the command fails saying so, it does not report a session it could not keep", async () => {
  const user = await pool.confirmedUser();
  const file = path.join(dir, "no-such-dir", "jo.json");
  const res = await runCli(passwordLoginArgs(pool, user.username, file), `${user.password}\n`);
  expect(res.stdout).toBe("");
  expect(res.code).toBe(1);
  expect(res.stderr.trim()).toMatch(
    new RegExp(`^fitbit-cognito: could not write the session file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ENOENT`),
  );
  expect(res.stderr).not.toContain(user.password);
});
