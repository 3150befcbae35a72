// --flow custom and custom-srp, and --client-metadata, through the real binary against the sandbox's
// scripted Lambdas (lambda-scripts.ts), with a recording proxy in front: the Lambda's question shown on
// stderr (its `prompt`, or a pool without the convention's parameters as "key: value"), the answer sent
// as ANSWER, a wrong answer's retry as the next challenge, the password proven first with SRP, and
// ClientMetadata on every request that carries it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CognitoAdmin, cognitoAdmin, customAuthLambdas } from "../../../sandbox/cognito-admin";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { ScriptName } from "../../../sandbox/lambda-scripts";
import { lastCode } from "../../../sandbox/last-code";
import { RecordingProxy, startRecordingProxy } from "../../support/recording-proxy";
import { runCli, signInArgs, startCli } from "../../support/run-cli";

interface Pool {
  userPoolId: string;
  clientId: string;
  endpoint: string;
}

let emulator: CognitoLocal;
let proxy: RecordingProxy;
let admin: CognitoAdmin;
let dir: string;
const pools = {} as Record<ScriptName, Pool>;

beforeAll(async () => {
  emulator = await startCognitoLocal();
  proxy = await startRecordingProxy(emulator.endpoint);
  admin = cognitoAdmin(emulator.endpoint);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-cli-custom-"));
  for (const script of ["code", "question", "bare", "metadata", "fail"] as const) {
    const { userPoolId } = await admin.createUserPool({ name: script, lambdaConfig: customAuthLambdas(script) });
    const { clientId } = await admin.createUserPoolClient({
      userPoolId,
      name: `${script}-app`,
      explicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
    pools[script] = { userPoolId, clientId, endpoint: proxy.endpoint };
  }
});
afterAll(async () => {
  await proxy?.close();
  await emulator?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let count = 0;
async function newUser(pool: Pool): Promise<{ username: string; password: string }> {
  const username = `custom${++count}`;
  const password = `Custom-${count}-Passw0rd`;
  await admin.adminCreateUser({
    userPoolId: pool.userPoolId,
    username,
    temporaryPassword: `Temp${count}Pass`,
    attributes: { email: `${username}@example.com` },
  });
  await admin.adminSetUserPassword({ userPoolId: pool.userPoolId, username, password, permanent: true });
  return { username, password };
}

function from(): () => typeof proxy.sent {
  const start = proxy.sent.length;
  return () => proxy.sent.slice(start);
}

const times = (text: string, part: string) => text.split(part).length - 1;

test("--flow custom: no password; the Lambda's prompt on stderr, the code it sent answered, the session kept", async () => {
  const who = await newUser(pools.code);
  const file = path.join(dir, "code.json");
  const sent = from();
  const cli = startCli([...signInArgs(pools.code, who.username, { flow: "custom", file }), "--json"]);
  await cli.stderrWhen((e) => e.includes("Type the code we sent to your email"));
  cli.answer(await lastCode(emulator.endpoint, pools.code.userPoolId, who.username));
  const res = await cli.finish();
  expect(res.code).toBe(0);
  expect(res.stderr).toBe("Type the code we sent to your email\n");
  expect(JSON.parse(res.stdout)).toMatchObject({ username: who.username, flow: "custom" });
  expect(fs.existsSync(file)).toBe(true);

  const [initiate, respond] = sent();
  expect(initiate.body.AuthFlow).toBe("CUSTOM_AUTH");
  expect(Object.keys(initiate.body.AuthParameters).sort()).toEqual(["USERNAME"]);
  expect(respond.body.ChallengeName).toBe("CUSTOM_CHALLENGE");
  expect(respond.body.ChallengeResponses.ANSWER).toMatch(/^\d{6}$/);
  expect(JSON.stringify(sent())).not.toContain(who.password);
  // The session it got works like any other.
  expect((await runCli(["whoami", "--session-file", file])).code).toBe(0);
});

test("a wrong answer is followed by the next challenge, asked again; three wrong answers end the sign-in", async () => {
  const who = await newUser(pools.question);
  const retried = await runCli(signInArgs(pools.question, who.username, { flow: "custom" }), "cat\nRex\n");
  expect(retried.code).toBe(0);
  expect(times(retried.stderr, "Name of your first pet?\n")).toBe(2);

  const failed = await runCli(signInArgs(pools.question, who.username, { flow: "custom" }), "cat\ndog\nemu\nrex\n");
  expect(failed.code).toBe(1);
  expect(times(failed.stderr, "Name of your first pet?\n")).toBe(3);
  expect(failed.stderr.trim().split("\n").pop()).toBe("fitbit-cognito: NotAuthorizedException: Incorrect username or password.");
});

test("a pool that follows no convention: its public parameters shown as key: value", async () => {
  const who = await newUser(pools.bare);
  const res = await runCli(signInArgs(pools.bare, who.username, { flow: "custom" }), "blue\n");
  expect(res.code).toBe(0);
  expect(res.stderr).toBe("q: Favourite colour?\n");
});

test("--flow custom-srp: the password proven with SRP first (SRP_A named), then the Lambda's question", async () => {
  const who = await newUser(pools.question);
  const sent = from();
  const res = await runCli(signInArgs(pools.question, who.username, { flow: "custom-srp" }), `${who.password}\nrex\n`);
  expect(res.stderr).toBe("Name of your first pet?\n");
  expect(res.code).toBe(0);
  const initiate = sent()[0].body;
  expect(initiate.AuthFlow).toBe("CUSTOM_AUTH");
  expect(initiate.AuthParameters).toMatchObject({
    USERNAME: who.username,
    CHALLENGE_NAME: "SRP_A",
    SRP_A: expect.stringMatching(/^[0-9a-f]+$/),
  });
  expect(
    sent()
      .filter((r) => r.action === "RespondToAuthChallenge")
      .map((r) => r.body.ChallengeName),
  ).toEqual(["PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"]);
  expect(JSON.stringify(sent())).not.toContain(who.password);

  const wrong = await runCli(signInArgs(pools.question, who.username, { flow: "custom-srp" }), `Not-${who.password}\nrex\n`);
  expect(wrong.code).toBe(1);
  expect(wrong.stderr.trim()).toBe("fitbit-cognito: NotAuthorizedException: Incorrect username or password.");
});

test("a Lambda that fails the sign-in at once: one line, exit 1", async () => {
  const who = await newUser(pools.fail);
  const res = await runCli(signInArgs(pools.fail, who.username, { flow: "custom" }), "");
  expect(res.code).toBe(1);
  expect(res.stderr.trim()).toBe("fitbit-cognito: NotAuthorizedException: Incorrect username or password.");
});

describe("--client-metadata", () => {
  test("reaches the Lambdas on InitiateAuth and RespondToAuthChallenge (a value may hold '='); without it the Lambda refuses", async () => {
    const who = await newUser(pools.metadata);
    const file = path.join(dir, "metadata.json");
    const args = [
      ...signInArgs(pools.metadata, who.username, { flow: "custom", file }),
      "--client-metadata",
      "tenant=acme",
      "--client-metadata=note=a=b",
    ];
    const sent = from();
    const res = await runCli(args, "acme\n");
    expect(res.stderr).toBe("Type the name of your organisation\n");
    expect(res.code).toBe(0);
    const metadata = { tenant: "acme", note: "a=b" };
    expect(sent().map((r) => [r.action, r.body.ClientMetadata])).toEqual([
      ["InitiateAuth", metadata],
      ["RespondToAuthChallenge", metadata],
    ]);

    // And on the refresh it is given to (GetTokensFromRefreshToken carries it; the sandbox lacks that call,
    // and REFRESH_TOKEN_AUTH follows with it too).
    const refreshing = from();
    const refresh = await runCli(["refresh", "--session-file", file, "--client-metadata", "tenant=acme"]);
    expect(refresh.code).toBe(0);
    const rotating = refreshing().filter((r) => r.action === "GetTokensFromRefreshToken");
    expect(rotating.map((r) => r.body.ClientMetadata)).toEqual([{ tenant: "acme" }]);

    const without = await runCli(signInArgs(pools.metadata, who.username, { flow: "custom" }), "acme\n");
    expect(without.code).toBe(1);
    expect(without.stderr.trim()).toBe("fitbit-cognito: NotAuthorizedException: Incorrect username or password.");
  });

  test.each([
    [["novalue"], 'fitbit-cognito: --client-metadata "novalue" is not key=value'],
    [["=v"], 'fitbit-cognito: --client-metadata "=v" is not key=value'],
    [["k=1", "k=2"], 'fitbit-cognito: --client-metadata gives the key "k" twice'],
    [["has space=1"], 'fitbit-cognito: --client-metadata: must have keys of 1-64 characters without spaces (key "has space")'],
    [["long=" + "v".repeat(257)], 'fitbit-cognito: --client-metadata: must have text values of at most 256 characters (key "long")'],
    [Array.from({ length: 17 }, (_, i) => `k${i}=v`), "fitbit-cognito: --client-metadata: may have at most 16 entries"],
  ])("a bad --client-metadata %# is a usage error before anything is asked or sent", async (pairs, line) => {
    const sent = from();
    const args = [...signInArgs(pools.metadata, "nobody", { flow: "password" }), ...pairs.flatMap((p) => ["--client-metadata", p])];
    const res = await runCli(args, "pw\n");
    expect(res.stderr.trim()).toBe(line);
    expect(res.code).toBe(2);
    expect(sent()).toEqual([]);
  });
});
