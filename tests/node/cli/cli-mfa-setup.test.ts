// MFA_SETUP through the real binary against the sandbox (a pool whose MFA is ON, a user with none yet):
// the authenticator app's key shown in groups of four with its otpauth:// URI, the first code read and
// verified, the set-up answered with the Session each step gave, tokens kept; the next login then asks
// for the app's code. The sandbox offers only the authenticator app; the choice and the email set-up
// are in cli-scripted-challenges.test.ts.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CognitoAdmin, cognitoAdmin } from "../../../sandbox/cognito-admin";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { totpFromBase32 } from "../../../sandbox/totp";
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-mfa-setup-"));
  const { userPoolId } = await admin.createUserPool({ name: "mfa-on" });
  await admin.setUserPoolMfaConfig({ userPoolId, mfa: "ON", softwareToken: true });
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: "mfa-on-app",
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
async function newUser(username = `mfa${++count}`): Promise<{ username: string; password: string }> {
  const password = `Mfa-${++count}-Passw0rd`;
  await admin.adminCreateUser({ userPoolId: pool.userPoolId, username, temporaryPassword: `Temp${count}Pass` });
  await admin.adminSetUserPassword({ userPoolId: pool.userPoolId, username, password, permanent: true });
  return { username, password };
}

const URI = /or this URI: (otpauth:\/\/\S+)\n/;

test.each([
  ["srp", "mfa-srp"],
  ["password", "ann@example.com"],
])(
  "--flow %s: the key and its otpauth:// URI, the first code verified, the set-up answered; the next login asks for the app's code",
  async (flow, username) => {
    const who = await newUser(username);
    const file = path.join(dir, `${flow}.json`);
    const start = proxy.sent.length;
    const cli = startCli([...signInArgs(pool, who.username, { flow, file }), "--json"]);
    cli.answer(who.password);
    const shown = await cli.stderrWhen((e) => URI.test(e));
    const uri = new URL(URI.exec(shown)![1]);
    const secret = uri.searchParams.get("secret")!;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // The label names the issuer and the user, each URI-encoded ("@" as %40).
    expect(uri.href).toBe(`otpauth://totp/fitbit-cognito:${encodeURIComponent(who.username)}?secret=${secret}&issuer=fitbit-cognito`);
    const grouped = secret.match(/.{1,4}/g)!.join(" ");
    expect(shown).toBe(`Set up your authenticator app with this key:\n  ${grouped}\n  or this URI: ${uri.href}\n`);
    cli.answer(totpFromBase32(secret));
    const res = await cli.finish();
    expect(res.stderr).toBe(shown);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ username: who.username });
    // The secret is for the user's app, never for stdout.
    expect(res.stdout).not.toContain(secret);

    const sent = proxy.sent.slice(start);
    const associate = sent.filter((r) => r.action === "AssociateSoftwareToken")[0].body;
    const verify = sent.filter((r) => r.action === "VerifySoftwareToken")[0].body;
    const setUp = sent.filter((r) => r.body.ChallengeName === "MFA_SETUP")[0].body;
    // Each step carried the Session the one before answered (the sandbox takes each only once).
    expect(associate.Session).toEqual(expect.any(String));
    expect(verify.Session).not.toBe(associate.Session);
    expect(setUp.Session).not.toBe(verify.Session);
    expect(verify.FriendlyDeviceName).toMatch(/^fitbit-cognito CLI on /);

    const asked = await runCli(signInArgs(pool, who.username, { flow }), `${who.password}\n`);
    expect(asked.code).toBe(2);
    expect(asked.stderr.trim()).toBe("fitbit-cognito: standard input ended before the code from your authenticator app");
    const next = await runCli(signInArgs(pool, who.username, { flow }), `${who.password}\n${totpFromBase32(secret)}\n`);
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
  },
);

test("a wrong first code: Cognito's refusal in one line, exit 1, nothing kept", async () => {
  const who = await newUser();
  const file = path.join(dir, "wrong.json");
  const cli = startCli(signInArgs(pool, who.username, { file }));
  cli.answer(who.password);
  const shown = await cli.stderrWhen((e) => URI.test(e));
  const secret = new URL(URI.exec(shown)![1]).searchParams.get("secret")!;
  const near = [-1, 0, 1].map((step) => totpFromBase32(secret, { time: Date.now() + step * 30_000 }));
  let wrong = 0;
  while (near.includes(String(wrong).padStart(6, "0"))) wrong++;
  cli.answer(String(wrong).padStart(6, "0"));
  const res = await cli.finish();
  expect(res.code).toBe(1);
  expect(res.stderr.trim().split("\n").pop()).toMatch(/^fitbit-cognito: EnableSoftwareTokenMFAException: /);
  expect(fs.existsSync(file)).toBe(false);
});
