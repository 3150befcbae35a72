// What the CLI does with its session file, against cognito-local: it remembers where its session was
// signed in (later commands need no --endpoint; one given still wins), it refuses a file that is not a
// session file (never merging tokens into it), it still reads files of earlier versions, and when it
// cannot write the file, the refresh token it just got is revoked and no copy of the tokens is left.
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { startTestPool, TestPool } from "../../../devkit/cognito-pool";
import { startMisbehavingServer } from "../../support/misbehaving-server";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { passwordLoginArgs, runCli } from "../../support/run-cli";

let pool: TestPool;
let dir: string;
beforeAll(async () => {
  pool = await startTestPool();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-file-"));
});
afterAll(async () => {
  if (pool) await pool.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const loginArgs = (username: string, file: string) => passwordLoginArgs(pool, username, file);

/** The refresh tokens cognito-local keeps for `username`: a revoked one is gone from them. */
function liveRefreshTokens(username: string): string[] {
  const db = JSON.parse(fs.readFileSync(path.join(pool.local.dataDir, ".cognito", "db", `${pool.userPoolId}.json`), "utf8"));
  return db.Users[username].RefreshTokens || [];
}

/** Every file in `where` whose name says it is a temporary copy. */
const temporaryFiles = (where: string) => fs.readdirSync(where).filter((name) => name.endsWith(".tmp"));

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("later commands go where the login went: whoami, refresh and logout need no --endpoint, one given wins", async () => {
  const user = await pool.confirmedUser();
  const file = path.join(dir, "remembers.json");
  const login = await runCli(loginArgs(user.username, file), `${user.password}\n`);
  expect(login.stderr).toBe("");
  expect(login.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(file, "utf8"))["fitbit-cognito"]).toEqual({ v: 1, endpoint: pool.endpoint });

  const whoami = await runCli(["whoami", "--session-file", file]);
  expect(whoami.stderr).toBe("");
  expect(whoami.stdout.split("\n")[0]).toBe(user.username);
  const refresh = await runCli(["refresh", "--session-file", file, "--json"]);
  expect(refresh.stderr).toBe("");
  expect(JSON.parse(refresh.stdout)).toMatchObject({ username: user.username, flow: "refresh" });

  // An explicit endpoint wins for that command (here one where nothing listens), and the file keeps its own.
  const port = await closedPort();
  const elsewhere = await runCli(["whoami", "--session-file", file, "--endpoint", `http://127.0.0.1:${port}`]);
  expect(elsewhere.stderr).toBe(`fitbit-cognito: NetworkError: could not connect to http://127.0.0.1:${port}/ (ECONNREFUSED)\n`);
  expect(elsewhere.code).toBe(1);
  expect(JSON.parse(fs.readFileSync(file, "utf8"))["fitbit-cognito"]).toEqual({ v: 1, endpoint: pool.endpoint });

  // A login into the file at another endpoint would leave its sign-out nowhere to go: refused, untouched.
  const before = fs.readFileSync(file, "utf8");
  const other = loginArgs(user.username, file).map((a) => (a === pool.endpoint ? pool.endpoint.replace("127.0.0.1", "localhost") : a));
  const moved = await runCli(other);
  expect(moved.code).toBe(2);
  expect(moved.stderr).toContain(`holds a session signed in at ${pool.endpoint}/: sign it out first`);
  expect(fs.readFileSync(file, "utf8")).toBe(before);

  const logout = await runCli(["logout", "--session-file", file]);
  expect(logout.stderr).toBe("");
  expect(logout.stdout).toBe("Signed out; the refresh token is revoked.\n");
  expect(fs.existsSync(file)).toBe(false);
  expect(liveRefreshTokens(user.username)).toEqual([]);
});

test("a file that earlier versions wrote (no marker) is still read, and learns its endpoint", async () => {
  const user = await pool.confirmedUser();
  const file = path.join(dir, "earlier.json");
  expect((await runCli(loginArgs(user.username, file), `${user.password}\n`)).code).toBe(0);
  const { ["fitbit-cognito"]: marker, ...records } = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(marker).toBeDefined();
  fs.writeFileSync(file, JSON.stringify(records) + "\n", { mode: 0o600 });

  const refresh = await runCli(["refresh", "--session-file", file, "--endpoint", pool.endpoint, "--json"]);
  expect(refresh.stderr).toBe("");
  expect(refresh.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(file, "utf8"))["fitbit-cognito"]).toEqual({ v: 1, endpoint: pool.endpoint });
  expect((await runCli(["whoami", "--session-file", file])).code).toBe(0);
});

test("a file that is not a session file is refused before the password, never merged into", async () => {
  const user = await pool.confirmedUser();
  const contents = {
    "package.json": JSON.stringify({ name: "my-app", version: "1.0.0", scripts: { start: "node ." } }, null, 2) + "\n",
    "notes.txt": "buy milk\n",
    "array.json": "[]\n",
    "other-keys.json": JSON.stringify({ "cognito.session.a": "{}", theme: "dark" }) + "\n",
    "newer.json": JSON.stringify({ "fitbit-cognito": { v: 2 } }) + "\n",
  };
  for (const [name, text] of Object.entries(contents)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const line =
      name === "newer.json"
        ? `session file ${file} was written by a newer fitbit-cognito: use that one, or sign in again into another file`
        : `${file} is not a session file of fitbit-cognito: name a new file, or one that "fitbit-cognito login" wrote`;
    // No standard input: the refusal must come before the password is asked.
    for (const args of [loginArgs(user.username, file), ["whoami", "--session-file", file], ["logout", "--session-file", file]]) {
      const res = await runCli(args);
      expect(res.stderr).toBe(`fitbit-cognito: ${line}\n`);
      expect(res.code).toBe(2);
    }
    expect(fs.readFileSync(file, "utf8")).toBe(text);
  }
  expect(temporaryFiles(dir)).toEqual([]);
  expect(liveRefreshTokens(user.username)).toEqual([]);
});

test("an empty file (as mktemp makes one) is a new session file", async () => {
  const user = await pool.confirmedUser();
  const file = path.join(dir, "empty.json");
  fs.writeFileSync(file, "");
  const res = await runCli(loginArgs(user.username, file), `${user.password}\n`);
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect((await runCli(["whoami", "--session-file", file])).code).toBe(0);
});

test("a directory is not a session file: refused before the password, nothing written beside it", async () => {
  const user = await pool.confirmedUser();
  const parent = fs.mkdtempSync(path.join(dir, "parent-"));
  const target = path.join(parent, "a-directory");
  fs.mkdirSync(target);
  const res = await runCli(loginArgs(user.username, target), `${user.password}\n`);
  expect(res.stderr).toBe(
    `fitbit-cognito: ${target} is not a session file of fitbit-cognito: name a new file, or one that "fitbit-cognito login" wrote\n`,
  );
  expect(res.code).toBe(2);
  expect(fs.readdirSync(parent)).toEqual(["a-directory"]);
  expect(fs.readdirSync(target)).toEqual([]);
  expect(liveRefreshTokens(user.username)).toEqual([]);
});

test("a session file that cannot be written: the refresh token just issued is revoked, and no copy is left", async () => {
  const user = await pool.confirmedUser();
  // (As root, as tests may run, a read-only folder would still be written: a folder that is not there
  // fails the same write, where the temporary file is made.)
  const file = path.join(dir, "no-such-dir", "kim.json");
  const res = await runCli([...loginArgs(user.username, file), "--json"], `${user.password}\n`);
  expect(res.stdout).toBe("");
  expect(res.code).toBe(1);
  expect(res.stderr).toBe(
    `fitbit-cognito: could not write the session file ${file}: ENOENT; the session was not kept, and its refresh token is revoked\n`,
  );
  expect(res.stderr).not.toContain(user.password);
  expect(liveRefreshTokens(user.username)).toEqual([]);
  expect(temporaryFiles(dir)).toEqual([]);
});

test("a session file that cannot be written and a revocation that fails: the line says the token lives on", async () => {
  const jwt = makeJwt({ username: "lee", sub: "5b0c4f0e-7d3a-4c1e-9a53-2f4b7c1d9e01", exp: Math.floor(Date.now() / 1000) + 3600 });
  const server = await startMisbehavingServer({
    queue: [{ kind: "json", body: { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r-lee", ExpiresIn: 3600 } } }],
    always: { kind: "cognito-error", status: 500, type: "InternalErrorException", message: "try later" },
  });
  try {
    const file = path.join(dir, "no-such-dir", "lee.json");
    const res = await runCli(
      [
        "login",
        "--user-pool-id",
        "local_x1",
        "--client-id",
        "abc",
        "--username",
        "lee",
        "--flow",
        "password",
        "--endpoint",
        server.endpoint,
        "--session-file",
        file,
      ],
      "Pw1secret\n",
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `fitbit-cognito: could not write the session file ${file}: ENOENT; the session was not kept, and its refresh token could not be revoked (InternalErrorException): it stays valid until it expires\n`,
    );
    const revoke = server.requests.filter((r) => r.headers["x-amz-target"] === "AWSCognitoIdentityProviderService.RevokeToken");
    expect(revoke.map((r) => (r.json as { Token: string }).Token)).toEqual(["r-lee"]);
    expect(res.stderr).not.toContain("r-lee");
  } finally {
    await server.close();
  }
});
