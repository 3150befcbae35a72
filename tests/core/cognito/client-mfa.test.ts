// MFA with the real client: TOTP against cognito-local's real code check (right code, wrong code,
// through the CLI), and the challenges the emulator cannot pose (SMS, email, a choice, MFA_SETUP,
// USER_AUTH's passwordless choice) against a scripted server that answers as Cognito does.
import { say } from "../../../devkit/messages";
import { cognitoClient, CognitoServiceError } from "../../../core/cognito";
import { describeFailure } from "../../../core/signin";
import { totpFromBase32 } from "../../../sandbox/totp";
import { startTestPool, TestPool } from "../../../devkit/cognito-pool";
import { runCli } from "../../support/run-cli";
import { startMisbehavingServer } from "../../support/misbehaving-server";
import { makeJwt } from "../../../devkit/simulation/jwt";

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool();
});
afterAll(() => pool && pool.stop());

const clientFor = (endpoint = pool.endpoint, userPoolId = pool.userPoolId, clientId = pool.clientId) =>
  cognitoClient({ userPoolId, clientId, endpoint, timeoutMs: 5000 });

test("TOTP: SOFTWARE_TOKEN_MFA answered with the authenticator's code", async () => {
  const user = await pool.totpUser();
  const client = clientFor();
  const step = await client.signIn(user.username, user.password, { flow: "password" });
  if (step.kind !== "challenge") throw new Error("expected the MFA challenge");
  expect(step.pending.challenge).toEqual({ name: "SOFTWARE_TOKEN_MFA" });
  const done = await client.respond(step.pending, { name: "SOFTWARE_TOKEN_MFA", code: totpFromBase32(user.secret) });
  expect(done.kind).toBe("signedIn");
});

test("TOTP: a wrong code is CodeMismatchException, explained", async () => {
  const user = await pool.totpUser();
  const client = clientFor();
  const step = await client.signIn(user.username, user.password, { flow: "password" });
  if (step.kind !== "challenge") throw new Error("expected the MFA challenge");
  const right = totpFromBase32(user.secret);
  const wrong = String((Number(right) + 500000) % 1000000).padStart(6, "0");
  const err = await client.respond(step.pending, { name: "SOFTWARE_TOKEN_MFA", code: wrong }).then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(CognitoServiceError);
  expect(err.type).toBe("CodeMismatchException");
  expect(say(describeFailure(err, "code"))).toBe("Wrong code. Check it and try again.");
});

test("TOTP through the CLI: password, then the code, one line each", async () => {
  const user = await pool.totpUser();
  const args = ["login", "--user-pool-id", pool.userPoolId, "--client-id", pool.clientId, "--endpoint", pool.endpoint];
  const res = await runCli([...args, "--username", user.username, "--json"], `${user.password}\n${totpFromBase32(user.secret)}\n`);
  expect(res.stderr).toBe("");
  expect(res.code).toBe(0);
  expect(JSON.parse(res.stdout).username).toBe(user.username);
  const bad = await runCli([...args, "--username", user.username], `${user.password}\n000000\n`);
  expect(bad.code).toBe(1);
  expect(bad.stderr.trim()).toMatch(/^fitbit-cognito: CodeMismatchException: /);
});

describe("challenges the emulator cannot pose, scripted as Cognito answers them", () => {
  const POOL = "eu-west-1_Script1";
  const CLIENT = "scriptclient";
  const now = Math.floor(Date.now() / 1000);
  const jwt = makeJwt({ sub: "s-1", username: "ann", iat: now, exp: now + 3600 });
  const tokens = { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r-1", ExpiresIn: 3600 } };

  test("SELECT_MFA_TYPE → SMS_MFA with the masked destination → tokens", async () => {
    const server = await startMisbehavingServer({
      queue: [
        {
          kind: "json",
          body: {
            ChallengeName: "SELECT_MFA_TYPE",
            ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: "ann" },
            Session: "s".repeat(30),
          },
        },
        {
          kind: "json",
          body: {
            ChallengeName: "SMS_MFA",
            ChallengeParameters: { CODE_DELIVERY_DESTINATION: "+*******1234", CODE_DELIVERY_DELIVERY_MEDIUM: "SMS" },
            Session: "t".repeat(30),
          },
        },
        { kind: "json", body: tokens },
      ],
    });
    try {
      const client = clientFor(server.endpoint, POOL, CLIENT);
      const s1 = await client.signIn("ann", "pw", { flow: "password" });
      if (s1.kind !== "challenge") throw new Error("expected a choice");
      const s2 = await client.respond(s1.pending, { name: "SELECT_MFA_TYPE", choice: "SMS_MFA" });
      if (s2.kind !== "challenge") throw new Error("expected SMS_MFA");
      expect(s2.pending.challenge).toEqual({ name: "SMS_MFA", destination: "+*******1234" });
      const s3 = await client.respond(s2.pending, { name: "SMS_MFA", code: "123456" });
      expect(s3.kind).toBe("signedIn");
      expect((server.requests[2].json as any).ChallengeResponses).toEqual({ SMS_MFA_CODE: "123456", USERNAME: "ann" });
    } finally {
      await server.close();
    }
  });

  test("USER_AUTH: the offered methods, then EMAIL_OTP by code, no password on the wire", async () => {
    const server = await startMisbehavingServer({
      queue: [
        {
          kind: "json",
          body: {
            ChallengeName: "SELECT_CHALLENGE",
            AvailableChallenges: ["PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"],
            ChallengeParameters: {},
            Session: "s".repeat(30),
          },
        },
        {
          kind: "json",
          body: { ChallengeName: "EMAIL_OTP", ChallengeParameters: { CODE_DELIVERY_DESTINATION: "a***@e***" }, Session: "t".repeat(30) },
        },
        { kind: "json", body: tokens },
      ],
    });
    try {
      const client = clientFor(server.endpoint, POOL, CLIENT);
      const s1 = await client.signIn("ann", "", { flow: "choice" });
      if (s1.kind !== "challenge") throw new Error("expected a choice");
      // WEB_AUTHN cannot be done on a watch: it is not offered.
      expect(s1.pending.challenge).toEqual({ name: "SELECT_CHALLENGE", options: ["PASSWORD_SRP", "EMAIL_OTP"] });
      expect(server.requests[0].json as any).toMatchObject({ AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ann" } });
      const s2 = await client.respond(s1.pending, { name: "SELECT_CHALLENGE", choice: "EMAIL_OTP" });
      if (s2.kind !== "challenge") throw new Error("expected EMAIL_OTP");
      expect(s2.pending.challenge).toEqual({ name: "EMAIL_OTP", destination: "a***@e***" });
      const s3 = await client.respond(s2.pending, { name: "EMAIL_OTP", code: "87654321" });
      expect(s3.kind).toBe("signedIn");
      expect((server.requests[1].json as any).ChallengeResponses).toEqual({ ANSWER: "EMAIL_OTP", USERNAME: "ann" });
      expect((server.requests[2].json as any).ChallengeResponses).toEqual({ EMAIL_OTP_CODE: "87654321", USERNAME: "ann" });
    } finally {
      await server.close();
    }
  });

  test("USER_AUTH with PASSWORD chosen: the password goes in the same answer", async () => {
    const server = await startMisbehavingServer({
      queue: [
        {
          kind: "json",
          body: {
            ChallengeName: "SELECT_CHALLENGE",
            AvailableChallenges: ["PASSWORD", "SMS_OTP"],
            ChallengeParameters: {},
            Session: "s".repeat(30),
          },
        },
        { kind: "json", body: tokens },
      ],
    });
    try {
      const client = clientFor(server.endpoint, POOL, CLIENT);
      const s1 = await client.signIn("ann", "", { flow: "choice" });
      if (s1.kind !== "challenge") throw new Error("expected a choice");
      const s2 = await client.respond(s1.pending, { name: "SELECT_CHALLENGE", choice: "PASSWORD", password: "Pw-1" });
      expect(s2.kind).toBe("signedIn");
      expect((server.requests[1].json as any).ChallengeResponses).toEqual({ ANSWER: "PASSWORD", PASSWORD: "Pw-1", USERNAME: "ann" });
    } finally {
      await server.close();
    }
  });

  test("an expired code: ExpiredCodeException, explained", async () => {
    const server = await startMisbehavingServer({
      queue: [
        { kind: "json", body: { ChallengeName: "EMAIL_OTP", ChallengeParameters: {}, Session: "s".repeat(30) } },
        {
          kind: "cognito-error",
          status: 400,
          type: "ExpiredCodeException",
          message: "Invalid code provided, please request a code again.",
        },
      ],
    });
    try {
      const client = clientFor(server.endpoint, POOL, CLIENT);
      const s1 = await client.signIn("ann", "", { flow: "choice" });
      if (s1.kind !== "challenge") throw new Error("expected a code challenge");
      const err = await client.respond(s1.pending, { name: "EMAIL_OTP", code: "1234" }).then(
        () => undefined,
        (e) => e,
      );
      expect(say(describeFailure(err, "code"))).toBe("That code expired. Sign in again to get a new one.");
    } finally {
      await server.close();
    }
  });
});
