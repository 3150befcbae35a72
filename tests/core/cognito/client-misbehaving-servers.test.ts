// The client against servers that misbehave on purpose: every failure is an error of its own kind,
// with a message that is safe to show, and nothing hangs past the timeout.
import { say } from "../../../devkit/messages";
import {
  CognitoBadResponseError,
  CognitoClient,
  cognitoClient,
  CognitoNetworkError,
  CognitoServiceError,
  CognitoTimeoutError,
  isTransient,
} from "../../../core/cognito";
import { describeFailure } from "../../../core/signin";
import { MisbehavingServer, startMisbehavingServer } from "../../support/misbehaving-server";
import { makeJwt } from "../../../devkit/simulation/jwt";

const POOL = "us-east-1_Test1";
const CLIENT = "clientid123";
let server: MisbehavingServer;

beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(() => server.close());

function client(timeoutMs = 2000): CognitoClient {
  return cognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint: server.endpoint, timeoutMs });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a failure");
}

test("a server that never answers: a timeout error at the configured time", async () => {
  server.respondWith({ kind: "hang" });
  const started = Date.now();
  const err = await failure(client(300).signIn("ann", "pw", { flow: "password" }));
  const took = Date.now() - started;
  expect(err).toBeInstanceOf(CognitoTimeoutError);
  expect(took).toBeGreaterThanOrEqual(290);
  expect(took).toBeLessThan(2000);
  expect(isTransient(err)).toBe(true);
  expect(say(describeFailure(err, "signIn"))).toMatch(/did not answer in time/);
});

test("an HTML page with 200: a bad response, not a crash", async () => {
  server.respondWith({ kind: "html" });
  const err = await failure(client().signIn("ann", "pw", { flow: "password" }));
  expect(err).toBeInstanceOf(CognitoBadResponseError);
  expect(err.message).toMatch(/HTML instead of JSON/);
});

test("truncated JSON: a bad response", async () => {
  server.respondWith({ kind: "truncated-json" });
  const err = await failure(client().signIn("ann", "pw", { flow: "password" }));
  expect(err).toBeInstanceOf(CognitoBadResponseError);
  expect(err.message).toMatch(/malformed JSON/);
});

test("500 with an HTML body: a transient bad response", async () => {
  server.respondWith({ kind: "html", status: 500 });
  const err = await failure(client().signIn("ann", "pw", { flow: "password" }));
  expect(err).toBeInstanceOf(CognitoBadResponseError);
  expect((err as CognitoBadResponseError).status).toBe(500);
  expect(isTransient(err)).toBe(true);
});

test("Cognito errors in the body, in the header only, and both", async () => {
  server.respondWith(
    { kind: "cognito-error", status: 400, type: "NotAuthorizedException", message: "Incorrect username or password.", in: "body" },
    { kind: "cognito-error", status: 500, type: "InternalErrorException", in: "header" },
    { kind: "cognito-error", status: 429, type: "TooManyRequestsException", message: "Rate exceeded", in: "both" },
  );
  const errors = [
    await failure(client().signIn("ann", "pw", { flow: "password" })),
    await failure(client().signIn("ann", "pw", { flow: "password" })),
    await failure(client().signIn("ann", "pw", { flow: "password" })),
  ] as CognitoServiceError[];
  expect(errors.map((e) => e instanceof CognitoServiceError && e.type)).toEqual([
    "NotAuthorizedException",
    "InternalErrorException",
    "TooManyRequestsException",
  ]);
  expect(say(describeFailure(errors[0], "signIn"))).toBe("Wrong username or password. Check both and try again.");
  expect(isTransient(errors[0])).toBe(false);
  expect(isTransient(errors[1])).toBe(true);
  expect(isTransient(errors[2])).toBe(true);
});

test("a 10 MB body is refused without trouble", async () => {
  server.respondWith({ kind: "huge-body", bytes: 10 * 1024 * 1024 });
  const err = await failure(client(5000).signIn("ann", "pw", { flow: "password" }));
  expect(err).toBeInstanceOf(CognitoBadResponseError);
  expect(err.message).toMatch(/too large/);
});

test("a connection reset mid-answer: a network error", async () => {
  server.respondWith({ kind: "reset" });
  const err = await failure(client().signIn("ann", "pw", { flow: "password" }));
  expect(err).toBeInstanceOf(CognitoNetworkError);
  expect(isTransient(err)).toBe(true);
});

test("nobody listening: a network error", async () => {
  const dead = cognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint: "http://127.0.0.1:9/", timeoutMs: 2000 });
  const err = await failure(dead.signIn("ann", "pw", { flow: "password" }));
  expect(err).toBeInstanceOf(CognitoNetworkError);
  expect(say(describeFailure(err, "signIn"))).toMatch(/No connection/);
});

test("valid JSON labelled text/html is read by its body", async () => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = makeJwt({ sub: "s", username: "ann", iat: now, exp: now + 60 });
  server.respondWith({
    kind: "json",
    contentType: "text/html",
    body: { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r" } },
  });
  const step = await client().signIn("ann", "pw", { flow: "password" });
  expect(step.kind).toBe("signedIn");
});

test("no error message carries the password", async () => {
  const password = "Sup3r-Secret-Pw!";
  const behaviours = [
    { kind: "html" as const },
    { kind: "truncated-json" as const },
    { kind: "cognito-error" as const, status: 400, type: "NotAuthorizedException", message: "Incorrect username or password." },
    { kind: "reset" as const },
  ];
  for (const b of behaviours) {
    server.respondWith(b);
    const err = await failure(client().signIn("ann", password, { flow: "password" }));
    expect(`${err.message} ${err.stack} ${say(describeFailure(err, "signIn"))}`).not.toContain(password);
  }
  // ... though it did reach the server, so the test would see a leak if the client echoed it.
  expect(server.requests[server.requests.length - 1].body).toContain(password);
});

test("a new password against the pool's policy: Cognito's reason, shortened for the watch", async () => {
  server.respondWith(
    { kind: "json", body: { ChallengeName: "NEW_PASSWORD_REQUIRED", ChallengeParameters: { USER_ID_FOR_SRP: "ann" }, Session: "s" } },
    {
      kind: "cognito-error",
      status: 400,
      type: "InvalidPasswordException",
      message: "Password does not conform to policy: Password must have uppercase characters",
    },
  );
  const c = client();
  const step = await c.signIn("ann", "Temp1234", { flow: "password" });
  if (step.kind !== "challenge") throw new Error("expected a challenge");
  const err = await failure(c.respond(step.pending, { name: "NEW_PASSWORD_REQUIRED", newPassword: "lower123" }));
  expect(say(describeFailure(err, "newPassword"))).toBe("New password rejected. Password must have uppercase characters");
});

describe("a 200 with an empty body, as Cognito answers an action without output", () => {
  // A server of each test's own: what another test left queued (a request that never arrived) stays there.
  let server: MisbehavingServer;
  beforeEach(async () => {
    server = await startMisbehavingServer();
  });
  afterEach(() => server.close());
  const client = () => cognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint: server.endpoint, timeoutMs: 5000 });
  const empty = (contentType?: string) => ({
    kind: "custom" as const,
    handle: (_: unknown, response: import("node:http").ServerResponse) => {
      response.writeHead(200, contentType ? { "Content-Type": contentType, "Content-Length": 0 } : { "Content-Length": 0 });
      response.end();
    },
  });

  test("is a success for RevokeToken, GlobalSignOut and any other action without output", async () => {
    server.respondWith(empty(), empty("application/x-amz-json-1.1"), empty("application/x-amz-json-1.1"));
    const c = client();
    await expect(c.revokeToken("refresh-token")).resolves.toBeUndefined();
    await expect(c.globalSignOut("access-token")).resolves.toBeUndefined();
    await expect(c.call("ForgetDevice", { AccessToken: "access-token", DeviceKey: "eu-west-1_abc" })).resolves.toEqual({});
    expect(server.requests.slice(-3).map((r) => r.headers["x-amz-target"])).toEqual([
      "AWSCognitoIdentityProviderService.RevokeToken",
      "AWSCognitoIdentityProviderService.GlobalSignOut",
      "AWSCognitoIdentityProviderService.ForgetDevice",
    ]);
  });

  test("is still a bad answer where the action has output to read", async () => {
    server.respondWith(empty(), empty(), empty());
    const c = client();
    await expect(c.signIn("ann", "pw", { flow: "password" })).rejects.toThrow(new CognitoBadResponseError(200, "no tokens, no challenge"));
    await expect(c.getUser("access-token")).rejects.toThrow(new CognitoBadResponseError(200, "no Username"));
    await expect(c.refresh("refresh-token", "ann")).rejects.toThrow(new CognitoBadResponseError(200, "no tokens"));
  });

  test("a page that is not JSON is no success, even for RevokeToken: a captive portal does not end a session", async () => {
    server.respondWith({ kind: "html" }, { kind: "truncated-json" });
    const c = client();
    await expect(c.revokeToken("refresh-token")).rejects.toThrow(new CognitoBadResponseError(200, "HTML instead of JSON"));
    await expect(c.globalSignOut("access-token")).rejects.toThrow(new CognitoBadResponseError(200, "malformed JSON"));
  });

  test("an empty error answer stays an error", async () => {
    server.respondWith({ kind: "custom", handle: (_, response) => response.writeHead(503, { "Content-Length": 0 }).end() });
    const err = await failure(client().revokeToken("refresh-token"));
    expect(err).toEqual(new CognitoBadResponseError(503, "empty body"));
    expect(isTransient(err)).toBe(true);
  });
});
