// `logout --global` that Cognito refuses: the CLI runs the companion's session code, so the refresh
// token is revoked instead, and the command says that only this session ended (exit 1: less than
// asked). Against a server scripted as Cognito answers (cognito-local has no GlobalSignOut at all).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { MisbehavingServer, startMisbehavingServer } from "../../support/misbehaving-server";
import { passwordLoginArgs, runCli } from "../../support/run-cli";

const POOL = "eu-west-1_Pool1";
const CLIENT = "client123";
let server: MisbehavingServer;
let dir: string;
beforeAll(async () => {
  server = await startMisbehavingServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-logout-global-"));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Signs ann in through the scripted server into a session file; its tokens. */
async function login(file: string) {
  const now = Math.floor(Date.now() / 1000);
  const tokens = {
    AccessToken: makeJwt({ sub: "s-1", username: "ann", iat: now, exp: now + 3600, client_id: CLIENT }),
    IdToken: makeJwt({ sub: "s-1", "cognito:username": "ann", iat: now, exp: now + 3600 }),
    RefreshToken: "refresh-token-of-ann",
    ExpiresIn: 3600,
  };
  server.respondWith({ kind: "json", body: { AuthenticationResult: tokens } });
  const res = await runCli(passwordLoginArgs({ userPoolId: POOL, clientId: CLIENT, endpoint: server.endpoint }, "ann", file), "pw\n");
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  return tokens;
}

const emptyOk = {
  kind: "custom" as const,
  handle: (_: unknown, response: import("node:http").ServerResponse) => response.writeHead(200, { "Content-Length": 0 }).end(),
};

test("GlobalSignOut refused: RevokeToken with the refresh token, and the line says only this session ended", async () => {
  const file = path.join(dir, "ann.json");
  const tokens = await login(file);
  const before = server.requests.length;
  server.respondWith(
    { kind: "cognito-error", status: 400, type: "NotAuthorizedException", message: "Access Token has been revoked" },
    emptyOk,
  );
  const res = await runCli(["logout", "--global", "--session-file", file, "--endpoint", server.endpoint]);
  expect(server.requests.slice(before).map((r) => [r.headers["x-amz-target"], r.json])).toEqual([
    ["AWSCognitoIdentityProviderService.GlobalSignOut", { AccessToken: tokens.AccessToken }],
    ["AWSCognitoIdentityProviderService.RevokeToken", { Token: tokens.RefreshToken, ClientId: CLIENT }],
  ]);
  expect(res.code).toBe(1);
  expect(res.stdout).toBe("");
  expect(res.stderr.trim().split("\n")).toHaveLength(1);
  expect(res.stderr.trim()).toBe(
    "fitbit-cognito: NotAuthorizedException: Access Token has been revoked; only this session ended (its refresh token is revoked): Cognito refused to sign out the others",
  );
  expect(res.stderr).not.toContain(tokens.RefreshToken);
  expect(fs.existsSync(file)).toBe(false);
});

test("GlobalSignOut accepted: signed out everywhere, exit 0, no RevokeToken", async () => {
  const file = path.join(dir, "ann2.json");
  await login(file);
  const before = server.requests.length;
  server.respondWith(emptyOk);
  const res = await runCli(["logout", "--global", "--session-file", file, "--endpoint", server.endpoint]);
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  expect(res.stdout.trim()).toBe("Signed out everywhere.");
  expect(server.requests.slice(before).map((r) => r.headers["x-amz-target"])).toEqual(["AWSCognitoIdentityProviderService.GlobalSignOut"]);
});
