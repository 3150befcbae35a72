// reset-password through the real binary against the sandbox's password reset (password-reset.ts): where
// the code went, the code from the sandbox's mailbox, the new password twice, then a login with it kept in
// the session file; ClientMetadata on ForgotPassword and ConfirmForgotPassword; a login refused with
// PasswordResetRequiredException (AdminResetUserPassword) says to run reset-password.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CognitoAdmin, cognitoAdmin } from "../../../sandbox/cognito-admin";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { lastCode } from "../../../sandbox/last-code";
import { RecordingProxy, startRecordingProxy } from "../../support/recording-proxy";
import { runCli, signInArgs, startCli } from "../../support/run-cli";

let emulator: CognitoLocal;
let proxy: RecordingProxy;
let admin: CognitoAdmin;
let dir: string;
let pool: { userPoolId: string; clientId: string; endpoint: string };

beforeAll(async () => {
  emulator = await startCognitoLocal();
  proxy = await startRecordingProxy(emulator.endpoint);
  admin = cognitoAdmin(emulator.endpoint);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-reset-"));
  const { userPoolId } = await admin.createUserPool({ name: "reset" });
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: "reset-app",
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  pool = { userPoolId, clientId, endpoint: proxy.endpoint };
});
afterAll(async () => {
  await proxy?.close();
  await emulator?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let count = 0;
async function newUser(): Promise<{ username: string; password: string }> {
  const username = `reset${++count}`;
  const password = `Reset-${count}-Passw0rd`;
  await admin.adminCreateUser({
    userPoolId: pool.userPoolId,
    username,
    temporaryPassword: `Temp${count}Pass`,
    attributes: { email: `${username}@example.com` },
  });
  await admin.adminSetUserPassword({ userPoolId: pool.userPoolId, username, password, permanent: true });
  return { username, password };
}

const SENT = /Cognito sent a code( to \S+)?( by \w+)?\.\n/;
const signsIn = async (username: string, password: string) => (await runCli(signInArgs(pool, username), `${password}\n`)).code === 0;

test("reset-password: where the code went, the code and the new password twice, then signed in with it and kept", async () => {
  const who = await newUser();
  const file = path.join(dir, "reset.json");
  const newPassword = "Brand-new-Passw0rd";
  const start = proxy.sent.length;
  const cli = startCli([
    ...signInArgs(pool, who.username, { command: "reset-password", file }),
    "--json",
    "--client-metadata",
    "reason=forgot",
  ]);
  const said = await cli.stderrWhen((e) => SENT.test(e));
  // Where Cognito says it went, as it masks it.
  expect(said).toBe(`Cognito sent a code to ${who.username[0]}***@e*** by email.\n`);
  cli.answer(await lastCode(emulator.endpoint, pool.userPoolId, who.username));
  cli.answer(newPassword);
  cli.answer(newPassword);
  const res = await cli.finish();
  expect(res.code).toBe(0);
  expect(res.stderr).toBe(`${said}Password changed; signing in with it.\n`);
  expect(JSON.parse(res.stdout)).toMatchObject({ username: who.username, flow: "srp" });
  expect(res.stdout + res.stderr).not.toContain(newPassword);

  const sent = proxy.sent.slice(start);
  expect(sent.map((r) => r.action)).toEqual(["ForgotPassword", "ConfirmForgotPassword", "InitiateAuth", "RespondToAuthChallenge"]);
  expect(sent[0].body).toMatchObject({ ClientId: pool.clientId, Username: who.username, ClientMetadata: { reason: "forgot" } });
  expect(sent[1].body).toMatchObject({ Username: who.username, Password: newPassword, ClientMetadata: { reason: "forgot" } });
  expect(sent[1].body.ConfirmationCode).toMatch(/^\d{6}$/);

  expect((await runCli(["whoami", "--session-file", file])).code).toBe(0);
  expect(await signsIn(who.username, who.password)).toBe(false);
  expect(await signsIn(who.username, newPassword)).toBe(true);
});

test("the new password typed differently the second time: a usage error, nothing sent after ForgotPassword, the old password still good", async () => {
  const who = await newUser();
  const start = proxy.sent.length;
  const res = await runCli(signInArgs(pool, who.username, { command: "reset-password" }), "123456\nFirst-Passw0rd\nSecond-Passw0rd\n");
  expect(res.code).toBe(2);
  expect(res.stderr.trim().split("\n").pop()).toBe(
    "fitbit-cognito: the new password was typed differently the second time: nothing changed",
  );
  expect(proxy.sent.slice(start).map((r) => r.action)).toEqual(["ForgotPassword"]);
  expect(await signsIn(who.username, who.password)).toBe(true);
});

test("a wrong code: Cognito's CodeMismatchException in one line, exit 1", async () => {
  const who = await newUser();
  const cli = startCli(signInArgs(pool, who.username, { command: "reset-password" }));
  await cli.stderrWhen((e) => SENT.test(e));
  const code = await lastCode(emulator.endpoint, pool.userPoolId, who.username);
  cli.answer(code === "000000" ? "111111" : "000000");
  cli.answer("Brand-new-Passw0rd");
  cli.answer("Brand-new-Passw0rd");
  const res = await cli.finish();
  expect(res.code).toBe(1);
  expect(res.stderr.trim().split("\n").pop()).toMatch(/^fitbit-cognito: CodeMismatchException: /);
  expect(await signsIn(who.username, who.password)).toBe(true);
});

test("a password an administrator reset: login says to run reset-password, which then signs in", async () => {
  const who = await newUser();
  await admin.adminResetUserPassword({ userPoolId: pool.userPoolId, username: who.username });
  const login = await runCli(signInArgs(pool, who.username), `${who.password}\n`);
  expect(login.code).toBe(1);
  expect(login.stderr.trim().split("\n")).toEqual([
    'fitbit-cognito: PasswordResetRequiredException: Password reset required for the user; run "fitbit-cognito reset-password" with the same options to set a new one',
  ]);

  const cli = startCli(signInArgs(pool, who.username, { command: "reset-password" }));
  await cli.stderrWhen((e) => SENT.test(e));
  cli.answer(await lastCode(emulator.endpoint, pool.userPoolId, who.username));
  cli.answer("After-reset-Passw0rd");
  cli.answer("After-reset-Passw0rd");
  const res = await cli.finish();
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(new RegExp(`^Signed in as ${who.username} <${who.username}@example.com> \\(srp\\)`));
});
