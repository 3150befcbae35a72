// The CLI refuses what it would otherwise ignore or take wrongly, before any request and before the
// password is asked: an unknown option (a typo), an option the command does not take, a missing or
// empty value, a value given twice, a --timeout out of range, a username Cognito would refuse. Each is
// a usage error (exit 2) naming the option; a server that records requests proves none was sent.
import { MisbehavingServer, startMisbehavingServer } from "../../support/misbehaving-server";
import { runCli } from "../../support/run-cli";

let server: MisbehavingServer;
beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(() => server.close());

const login = () => ["login", "--user-pool-id", "local_x1", "--client-id", "abc", "--username", "u", "--endpoint", server.endpoint];

async function refused(args: string[], line: string): Promise<void> {
  const before = server.requests.length;
  // A password on standard input: a command that went on would sign in with it.
  const res = await runCli(args, "Pw1secret\n");
  expect(res.stdout).toBe("");
  expect(res.stderr).toBe(`fitbit-cognito: ${line}\n`);
  expect(res.code).toBe(2);
  expect(server.requests.length).toBe(before);
}

test("an unknown option is a usage error naming it, not a sign-in that keeps nothing", async () => {
  await refused([...login(), "--sesion-file", "ann.json"], "unknown option --sesion-file (try --help)");
  await refused([...login(), "--jsn"], "unknown option --jsn (try --help)");
  await refused([...login(), "--sesion-file=ann.json"], "unknown option --sesion-file (try --help)");
});

test("an option the command does not take is refused too", async () => {
  await refused(["whoami", "--session-file", "ann.json", "--username", "u"], "whoami takes no --username (try --help)");
  await refused([...login(), "--global"], "login takes no --global (try --help)");
  await refused(["refresh", "--session-file", "ann.json", "--user-pool-id", "local_x1"], "refresh takes no --user-pool-id (try --help)");
});

test("a missing or empty value is a usage error, and so is a value given twice", async () => {
  await refused([...login(), "--session-file"], "--session-file needs a value");
  await refused([...login(), "--session-file", "--json"], "--session-file needs a value");
  await refused([...login(), "--session-file", ""], "--session-file needs a value");
  await refused([...login(), "--session-file="], "--session-file needs a value");
  await refused([...login(), "--endpoint="], "--endpoint needs a value");
  await refused([...login(), "--username", "v"], "--username is given twice");
});

test("--timeout outside 1 ms to 10 minutes is a usage error", async () => {
  const line = "--timeout must be a whole number of ms from 1 to 600000 (10 minutes)";
  for (const bad of ["0", "-5", "0.5", "600001", "1e9", "soon", "Infinity"]) {
    await refused([...login(), "--timeout", bad], line);
  }
  // The bounds themselves are taken: the request goes out (and gets the server's error).
  for (const ok of ["1", "600000"]) {
    const res = await runCli([...login(), "--timeout", ok], "Pw1secret\n");
    expect(res.code).toBe(1);
    expect(res.stderr).not.toContain("--timeout");
  }
});

test("a username Cognito would refuse is refused before the password is asked", async () => {
  const before = server.requests.length;
  const args = ["login", "--user-pool-id", "local_x1", "--client-id", "abc", "--endpoint", server.endpoint, "--username"];
  // No standard input at all: asking for the password first would end with "standard input ended".
  const spaced = await runCli([...args, "ann smith"]);
  expect(spaced.stderr).toBe("fitbit-cognito: --username must be 1-128 characters without spaces\n");
  expect(spaced.code).toBe(2);
  const long = await runCli([...args, "a".repeat(129)]);
  expect(long.stderr).toBe("fitbit-cognito: --username must be 1-128 characters without spaces\n");
  expect(long.code).toBe(2);
  expect(server.requests.length).toBe(before);
});

test("the new options belong to their commands: --flow's new values, --forget-device to logout, --no-remember-device to the sign-ins", async () => {
  await refused([...login(), "--flow", "lambda"], "--flow must be one of auto, srp, password, choice, custom, custom-srp");
  await refused([...login(), "--forget-device"], "login takes no --forget-device (try --help)");
  await refused(["whoami", "--session-file", "ann.json", "--no-remember-device"], "whoami takes no --no-remember-device (try --help)");
  await refused(
    ["reset-password", "--user-pool-id", "local_x1", "--client-id", "abc", "--username", "u", "--global"],
    "reset-password takes no --global (try --help)",
  );
  await refused(["logout", "--session-file", "ann.json", "--forget-device=yes"], "--forget-device takes no value");
  // --client-metadata may be repeated (each pair is checked, cli-custom-auth.test.ts), but never empty.
  await refused([...login(), "--client-metadata"], "--client-metadata needs a value");
  await refused([...login(), "--client-metadata", "a=1", "--client-metadata="], "--client-metadata needs a value");
});

test("reset-password, like login, checks the username before anything is sent or asked", async () => {
  const before = server.requests.length;
  const res = await runCli([
    "reset-password",
    "--user-pool-id",
    "local_x1",
    "--client-id",
    "abc",
    "--endpoint",
    server.endpoint,
    "--username",
    "ann smith",
  ]);
  expect(res.stderr).toBe("fitbit-cognito: --username must be 1-128 characters without spaces\n");
  expect(res.code).toBe(2);
  expect(server.requests.length).toBe(before);
});
