// The real client against the real emulator: a first login through NEW_PASSWORD_REQUIRED, tokens,
// refresh and GetUser; a wrong password, an unknown user; an unknown app client; a client with a secret.
import { say } from "../../../devkit/messages";
import { cognitoClient, CognitoServiceError, readClaims, tokenUsername } from "../../../core/cognito";
import { describeFailure } from "../../../core/signin";
import { startTestPool, TestPool } from "../../../devkit/cognito-pool";

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool();
});
afterAll(() => pool && pool.stop());

function clientFor(clientId = pool.clientId, clientSecret?: string) {
  return cognitoClient({ userPoolId: pool.userPoolId, clientId, clientSecret, endpoint: pool.endpoint, timeoutMs: 5000 });
}

test("first login: NEW_PASSWORD_REQUIRED, tokens, refresh, GetUser", async () => {
  const user = await pool.newUser("ann");
  const client = clientFor();
  const first = await client.signIn(user.username, user.temporaryPassword, { flow: "password" });
  if (first.kind !== "challenge") throw new Error(`expected NEW_PASSWORD_REQUIRED, got ${first.kind}`);
  expect(first.pending.challenge.name).toBe("NEW_PASSWORD_REQUIRED");

  const before = Date.now();
  const done = await client.respond(first.pending, { name: "NEW_PASSWORD_REQUIRED", newPassword: "Chosen123x" });
  if (done.kind !== "signedIn") throw new Error("expected tokens");
  expect(done.flow).toBe("USER_PASSWORD_AUTH");
  expect(readClaims(done.tokens.idToken)).toMatchObject({ username: "ann", email: "ann@example.com" });
  // cognito-local sends no ExpiresIn: the lifetime comes from the token's exp - iat, from receipt.
  const claims = readClaims(done.tokens.accessToken);
  expect(done.tokens.expiresAt - done.tokens.receivedAt).toBe((claims.exp! - claims.iat!) * 1000);
  expect(done.tokens.receivedAt).toBeGreaterThanOrEqual(before);

  const refreshed = await client.refresh(done.tokens.refreshToken, tokenUsername(done.tokens)!);
  expect(refreshed.accessToken).not.toBe("");
  expect(readClaims(refreshed.accessToken).sub).toBe(readClaims(done.tokens.accessToken).sub);

  const me = await client.getUser(refreshed.accessToken);
  expect(me.username).toBe("ann");
  expect(me.attributes.email).toBe("ann@example.com");

  // The new password is now the password.
  const again = await client.signIn("ann", "Chosen123x", { flow: "password" });
  expect(again.kind).toBe("signedIn");
});

test("a wrong password: a Cognito error with the wearer's text, no tokens", async () => {
  const user = await pool.confirmedUser();
  const err = await clientFor()
    .signIn(user.username, "Wrong123pass", { flow: "password" })
    .then(
      () => undefined,
      (e) => e,
    );
  expect(err).toBeInstanceOf(CognitoServiceError);
  // Real Cognito says NotAuthorizedException; cognito-local says InvalidPasswordException.
  expect(["NotAuthorizedException", "InvalidPasswordException"]).toContain(err.type);
  expect(say(describeFailure(err, "signIn"))).not.toContain("Wrong123pass");
});

test("an unknown user reads like a wrong password", async () => {
  const err = await clientFor()
    .signIn("nobody-here", "Whatever1x", { flow: "password" })
    .then(
      () => undefined,
      (e) => e,
    );
  expect(err).toBeInstanceOf(CognitoServiceError);
  expect(say(describeFailure(err, "signIn"))).toBe("Wrong username or password. Check both and try again.");
});

test("an unknown app client is a Cognito error, not a crash", async () => {
  const user = await pool.confirmedUser();
  const err = await clientFor("doesnotexist123")
    .signIn(user.username, user.password, { flow: "password" })
    .then(
      () => undefined,
      (e) => e,
    );
  expect(err).toBeInstanceOf(CognitoServiceError);
  expect(["ResourceNotFoundException", "NotAuthorizedException"]).toContain(err.type);
});

test("auto flow falls back to USER_PASSWORD_AUTH where SRP is not available", async () => {
  const user = await pool.confirmedUser();
  const client = clientFor();
  const step = await client.signIn(user.username, user.password, { flow: "auto" });
  expect(step.kind === "signedIn" && step.flow).toBe("USER_PASSWORD_AUTH");
});

test("an app client with a secret signs in and refreshes", async () => {
  const user = await pool.newUser();
  const client = clientFor(pool.secretClient.clientId, pool.secretClient.clientSecret);
  const first = await client.signIn(user.username, user.temporaryPassword, { flow: "password" });
  if (first.kind !== "challenge") throw new Error("expected a challenge");
  const done = await client.respond(first.pending, { name: "NEW_PASSWORD_REQUIRED", newPassword: "Secret123x" });
  if (done.kind !== "signedIn") throw new Error("expected tokens");
  const refreshed = await client.refresh(done.tokens.refreshToken, tokenUsername(done.tokens)!);
  expect(readClaims(refreshed.accessToken).username).toBe(user.username);
  // The configuration the client shows its callers (who may log it) does not carry the secret.
  expect(JSON.stringify(client)).not.toContain(pool.secretClient.clientSecret);
});

test("a revoked refresh token no longer refreshes", async () => {
  const user = await pool.confirmedUser();
  const client = clientFor();
  const step = await client.signIn(user.username, user.password, { flow: "password" });
  if (step.kind !== "signedIn") throw new Error("expected tokens");
  await client.revokeToken(step.tokens.refreshToken);
  const err = await client.refresh(step.tokens.refreshToken, user.username).then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(CognitoServiceError);
  expect(err.type).toBe("NotAuthorizedException");
  expect(say(describeFailure(err, "refresh"))).toBe("Your session ended. Sign in again.");
});
