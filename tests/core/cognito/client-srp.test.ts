// The client's USER_SRP_AUTH against the SRP verifier test server (which amazon-cognito-identity-js
// itself signs in against: tests/core/cognito/srp/verifier-server.test.ts): the password never goes on the
// wire, a wrong one is refused, SECRET_HASH rides along, and "auto" picks SRP where it is allowed.
import { say } from "../../../devkit/messages";
import { cognitoClient, CognitoConfigError, CognitoServiceError } from "../../../core/cognito";
import { describeFailure } from "../../../core/signin";
import { startSrpVerifierServer, SrpVerifierServer } from "../../support/srp-verifier-server";
import { startMisbehavingServer } from "../../support/misbehaving-server";
import { runCli } from "../../support/run-cli";

const POOL = "eu-west-1_SrpPool1";
const CLIENT = "srpclient123";
const SECRET = "srpsecret456";
let server: SrpVerifierServer;
let secretServer: SrpVerifierServer;

beforeAll(async () => {
  const users = [
    { username: "ann", password: "Ann-SRP-pässword 1" },
    { username: "bob@example.com", password: "Bob12345!", userIdForSrp: "5a1e-bob-internal" },
  ];
  server = await startSrpVerifierServer({ users, poolId: POOL, clientId: CLIENT });
  secretServer = await startSrpVerifierServer({ users, poolId: POOL, clientId: CLIENT, clientSecret: SECRET });
});
afterAll(async () => {
  await server.close();
  await secretServer.close();
});

const client = (endpoint = server.endpoint, clientSecret?: string) =>
  cognitoClient({ userPoolId: POOL, clientId: CLIENT, clientSecret, endpoint, timeoutMs: 5000 });

test("SRP sign-in: tokens, and the password never on the wire", async () => {
  const before = server.requests.length;
  const step = await client().signIn("ann", "Ann-SRP-pässword 1", { flow: "srp" });
  expect(step.kind).toBe("signedIn");
  expect(step.kind === "signedIn" && step.flow).toBe("USER_SRP_AUTH");
  const sent = JSON.stringify(server.requests.slice(before));
  expect(sent).not.toContain("Ann-SRP");
  expect(server.requests.slice(before).map((r) => r.action)).toEqual(["InitiateAuth", "RespondToAuthChallenge"]);
});

test("a user known internally by another name (USER_ID_FOR_SRP), with a precomputed A", async () => {
  const c = client();
  const prepared = c.prepareSrp();
  const step = await c.signIn("bob@example.com", "Bob12345!", { flow: "srp", srp: prepared });
  expect(step.kind).toBe("signedIn");
  const last = server.requests[server.requests.length - 1];
  expect(last.body.ChallengeResponses.USERNAME).toBe("5a1e-bob-internal");
  expect(server.requests[server.requests.length - 2].body.AuthParameters.SRP_A).toBe(prepared.srpA);
});

test("a wrong password is refused as Cognito refuses it", async () => {
  const err = await client()
    .signIn("ann", "not it", { flow: "srp" })
    .then(
      () => undefined,
      (e) => e,
    );
  expect(err).toBeInstanceOf(CognitoServiceError);
  expect(err.type).toBe("NotAuthorizedException");
  expect(say(describeFailure(err, "signIn"))).toBe("Wrong username or password. Check both and try again.");
});

test("an app client with a secret: SECRET_HASH on both SRP calls, checked by the server", async () => {
  const step = await client(secretServer.endpoint, SECRET).signIn("bob@example.com", "Bob12345!", { flow: "srp" });
  expect(step.kind).toBe("signedIn");
  const err = await client(secretServer.endpoint, "wrongsecret")
    .signIn("ann", "Ann-SRP-pässword 1", { flow: "srp" })
    .then(
      () => undefined,
      (e) => e,
    );
  expect(err).toBeInstanceOf(CognitoServiceError);
});

test("auto: SRP where the client allows it", async () => {
  const step = await client().signIn("ann", "Ann-SRP-pässword 1", { flow: "auto" });
  expect(step.kind === "signedIn" && step.flow).toBe("USER_SRP_AUTH");
});

test("auto: a clear message when the app client allows neither SRP nor password", async () => {
  const notEnabled = (flow: string) => ({
    kind: "cognito-error" as const,
    status: 400,
    type: "InvalidParameterException",
    message: flow === "srp" ? "USER_SRP_AUTH is not enabled for the client." : "USER_PASSWORD_AUTH flow not enabled for this client",
  });
  const bad = await startMisbehavingServer({ queue: [notEnabled("srp"), notEnabled("password")] });
  try {
    const err = await client(bad.endpoint)
      .signIn("ann", "pw", { flow: "auto" })
      .then(
        () => undefined,
        (e) => e,
      );
    expect(err).toBeInstanceOf(CognitoConfigError);
    expect(say(describeFailure(err, "signIn"))).toBe(
      "Sign-in is not set up right: app client allows neither USER_SRP_AUTH nor USER_PASSWORD_AUTH: enable one",
    );
    expect(bad.requests.map((r) => (r.json as any).AuthFlow)).toEqual(["USER_SRP_AUTH", "USER_PASSWORD_AUTH"]);
  } finally {
    await bad.close();
  }
});

test("the CLI signs in with --flow srp and with the default auto flow", async () => {
  for (const flow of [["--flow", "srp"], []]) {
    const res = await runCli(
      ["login", "--user-pool-id", POOL, "--client-id", CLIENT, "--endpoint", server.endpoint, "--username", "ann", "--json", ...flow],
      "Ann-SRP-pässword 1\n",
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ username: "ann", flow: "srp" });
  }
});
