// Challenges whose parameters a server got wrong: each is a BadResponse (the watch: "Unexpected answer
// from the sign-in server"), naming the parameter and never its value, not an "unexpected error"; and a
// PASSWORD_VERIFIER that cannot be answered is not answered. Against a server scripted to send them.
import { say } from "../../../devkit/messages";
import { CognitoBadResponseError, cognitoClient } from "../../../core/cognito";
import { describeFailure } from "../../../core/signin";
import { MisbehavingServer, startMisbehavingServer } from "../../support/misbehaving-server";
import { runCli } from "../../support/run-cli";

const POOL = "eu-west-1_Pool1";
const CLIENT = "client123";
const PASSWORD = "Pässword-1!";
/** A value no message may repeat: SECRET_BLOCK is Cognito's sealed state of this sign-in. */
const SECRET_VALUE = "c2VjcmV0IGJsb2Nr!!";

let server: MisbehavingServer;
beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(() => server.close());

const client = () => cognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint: server.endpoint, timeoutMs: 5000 });

/** A PASSWORD_VERIFIER as Cognito sends it (B = 5 is in range), with `changes` (undefined: left out). */
function verifier(changes: { [name: string]: string | undefined }) {
  const params: { [name: string]: string | undefined } = {
    SALT: "a1b2c3d4",
    SRP_B: "05",
    SECRET_BLOCK: "c2VjcmV0IGJsb2Nr",
    USER_ID_FOR_SRP: "ann-id",
    USERNAME: "ann-id",
  };
  for (const name of Object.keys(changes)) params[name] = changes[name];
  return { kind: "json" as const, body: { ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters: params } };
}

/** The sign-in's failure; and what went out for it. */
async function failedSignIn(flow: "srp" | "password", ...answers: ReturnType<typeof verifier>[]) {
  const before = server.requests.length;
  server.respondWith(...answers);
  const err: Error = await client()
    .signIn("ann", PASSWORD, { flow })
    .then(
      () => {
        throw new Error("signed in");
      },
      (e) => e,
    );
  return { err, sent: server.requests.slice(before).map((r) => (r.json as any).ChallengeName || (r.json as any).AuthFlow) };
}

const cases: [string, { [name: string]: string | undefined }, string][] = [
  ["SECRET_BLOCK that is not base64", { SECRET_BLOCK: SECRET_VALUE }, "SECRET_BLOCK is not base64"],
  ["SRP_B that is not hex", { SRP_B: "zz-" + SECRET_VALUE }, "SRP_B is not hex"],
  ["SALT that is not hex", { SALT: "salt:" + SECRET_VALUE }, "SALT is not hex"],
  ["no SALT", { SALT: undefined }, "SALT missing"],
  ["no SRP_B", { SRP_B: undefined }, "SRP_B missing"],
  ["no SECRET_BLOCK", { SECRET_BLOCK: undefined }, "SECRET_BLOCK missing"],
  ["no USER_ID_FOR_SRP (the name the proof is for)", { USER_ID_FOR_SRP: undefined }, "USER_ID_FOR_SRP missing"],
  ["SRP_B of 0", { SRP_B: "00" }, "SRP_B out of range"],
];

test.each(cases)("PASSWORD_VERIFIER with %s: a BadResponse naming it, and no answer sent", async (_, changes, reason) => {
  const { err, sent } = await failedSignIn("srp", verifier(changes));
  expect(err).toBeInstanceOf(CognitoBadResponseError);
  expect(err.message).toBe(`HTTP 200: ${reason}`);
  expect(sent).toEqual(["USER_SRP_AUTH"]);
  const words = say(describeFailure(err, "signIn"));
  expect(words).toBe(say({ m: "badAnswer" }));
  expect(`${err.message} ${err.stack} ${words}`).not.toContain(SECRET_VALUE);
  expect(`${err.message} ${err.stack}`).not.toContain(PASSWORD);
});

test.each([
  ["NEW_PASSWORD_REQUIRED", "requiredAttributes", '["userAttributes.name"'],
  ["NEW_PASSWORD_REQUIRED", "userAttributes", "{email: ann@example.com}"],
  ["SELECT_MFA_TYPE", "MFAS_CAN_CHOOSE", "[SMS_MFA"],
])("%s whose %s is not the JSON it must be: a BadResponse naming it", async (challenge, name, value) => {
  const { err } = await failedSignIn("password", {
    kind: "json",
    body: { ChallengeName: challenge, ChallengeParameters: { USER_ID_FOR_SRP: "ann-id", [name]: value }, Session: "s" },
  } as any);
  expect(err).toBeInstanceOf(CognitoBadResponseError);
  expect(err.message).toBe(`HTTP 200: ${name} is not JSON`);
  expect(err.message).not.toContain(value);
});

test("the CLI says BadResponse and names the parameter, not 'unexpected error'", async () => {
  server.respondWith(verifier({ SECRET_BLOCK: SECRET_VALUE }));
  const res = await runCli(
    ["login", "--user-pool-id", POOL, "--client-id", CLIENT, "--endpoint", server.endpoint, "--username", "ann", "--flow", "srp"],
    `${PASSWORD}\n`,
  );
  expect(res.code).toBe(1);
  expect(res.stderr.trim().split("\n")).toHaveLength(1);
  expect(res.stderr).toMatch(/^fitbit-cognito: BadResponse: .*SECRET_BLOCK is not base64/);
  expect(res.stderr).not.toMatch(/unexpected/i);
  expect(res.stderr).not.toContain(SECRET_VALUE);
});
