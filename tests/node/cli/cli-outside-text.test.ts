// What a server says reaches the terminal only as printable text: control characters escaped, one line,
// cut to a reasonable length, in the failure line on stderr as in whoami's output. And a failure to
// reach the endpoint is said in a developer's words, naming the endpoint and the cause Node gives.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { startMisbehavingServer } from "../../support/misbehaving-server";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { runCli } from "../../support/run-cli";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-outside-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const loginAt = (endpoint: string, ...more: string[]) => [
  "login",
  "--user-pool-id",
  "local_x1",
  "--client-id",
  "abc",
  "--username",
  "ann",
  "--flow",
  "password",
  "--endpoint",
  endpoint,
  ...more,
];

const HOSTILE = "Bad\nfitbit-cognito: Signed in as admin\r\u001b[2J\u001b]0;owned\u0007\u009b31m" + "x".repeat(5000);

test("a server's error message: one line on stderr, its control characters escaped, cut", async () => {
  const server = await startMisbehavingServer({
    always: { kind: "cognito-error", status: 400, type: "NotAuthorizedException", message: HOSTILE },
  });
  try {
    const res = await runCli(loginAt(server.endpoint), "Pw1secret\n");
    expect(res.code).toBe(1);
    expect(res.stderr.endsWith("\n")).toBe(true);
    const line = res.stderr.slice(0, -1);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(
      line.startsWith(
        "fitbit-cognito: NotAuthorizedException: Bad\\nfitbit-cognito: Signed in as admin\\r\\u001b[2J\\u001b]0;owned\\u0007\\u009b31mxxx",
      ),
    ).toBe(true);
    expect(line.endsWith("x\u2026")).toBe(true);
    expect(line.length).toBeLessThan(400);
  } finally {
    await server.close();
  }
});

test("stderr stays one line when the command line itself carries control characters", async () => {
  const file = path.join(dir, "two\nlines\u001b[2J.json");
  const res = await runCli(["whoami", "--session-file", file]);
  expect(res.code).toBe(2);
  expect(res.stderr).toBe(
    `fitbit-cognito: cannot read session file ${dir}/two\\nlines\\u001b[2J.json: sign in first with "fitbit-cognito login --session-file ${dir}/two\\nlines\\u001b[2J.json"\n`,
  );
  const command = await runCli(["who\nami"]);
  expect(command.stderr).toBe('fitbit-cognito: unknown command "who\\nami" (try --help)\n');
});

test("whoami prints the user's name and attributes as printable text; --json escapes what JSON leaves raw", async () => {
  const jwt = makeJwt({ username: "ann", sub: "5b0c4f0e-7d3a-4c1e-9a53-2f4b7c1d9e01", exp: Math.floor(Date.now() / 1000) + 3600 });
  const getUser = {
    kind: "json" as const,
    body: { Username: "ann\nroot", UserAttributes: [{ Name: "name", Value: "A\u001b[31mB\u2028C\u009bD" }] },
  };
  const server = await startMisbehavingServer({
    queue: [{ kind: "json", body: { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r-ann", ExpiresIn: 3600 } } }],
    always: getUser,
  });
  try {
    const file = path.join(dir, "ann.json");
    expect((await runCli(loginAt(server.endpoint, "--session-file", file), "Pw1secret\n")).code).toBe(0);
    const text = await runCli(["whoami", "--session-file", file]);
    expect(text.stderr).toBe("");
    expect(text.stdout).toBe("ann\\nroot\n  name: A\\u001b[31mB\\u2028C\\u009bD\n");
    const json = await runCli(["whoami", "--session-file", file, "--json"]);
    expect(json.stdout).toBe('{"username":"ann\\nroot","attributes":{"name":"A\\u001b[31mB\\u2028C\\u009bD"}}\n');
    expect(JSON.parse(json.stdout)).toEqual({ username: "ann\nroot", attributes: { name: "A\u001b[31mB\u2028C\u009bD" } });
  } finally {
    await server.close();
  }
});

test("nothing listening at the endpoint: could not connect to it (ECONNREFUSED), not the watch's advice", async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const res = await runCli(loginAt(`http://127.0.0.1:${port}`), "Pw1secret\n");
  expect(res.stderr).toBe(`fitbit-cognito: NetworkError: could not connect to http://127.0.0.1:${port}/ (ECONNREFUSED)\n`);
  expect(res.code).toBe(1);
});

test("an endpoint whose certificate is not trusted: said so, with the code Node gives", async () => {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
    ],
    { stdio: "ignore" },
  );
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => res.end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as net.AddressInfo;
    const res = await runCli(loginAt(`https://localhost:${port}`), "Pw1secret\n");
    expect(res.stderr).toBe(
      `fitbit-cognito: NetworkError: could not connect to https://localhost:${port}/: certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)\n`,
    );
    expect(res.code).toBe(1);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
