// Signing out from the watch when Cognito cannot hear it, against cognito-local: the watch says the
// sign-out will be sent, the companion sends it once Cognito is reachable again, and the refresh token
// is then dead at Cognito. A GlobalSignOut that Cognito refuses (cognito-local has none; a scripted
// server refuses the access token) ends this session's refresh token with RevokeToken instead, and the
// watch says the other sessions live on. A sign-out Cognito refuses for good says so instead of
// promising a retry.
import { SETTING } from "../../common/settings-keys";
import { ID } from "../../core/watch";
import { cognitoClient } from "../../core/cognito";
import { say } from "../../devkit/messages";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { startMisbehavingServer } from "../support/misbehaving-server";
import { poolSettings, startWatchSystem, WatchSystem } from "../../devkit/watch-system";

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool();
});
afterAll(async () => {
  if (pool) await pool.stop();
});

async function signedIn(): Promise<{ s: WatchSystem; refreshToken: string; username: string }> {
  const user = await pool.confirmedUser();
  const s = startWatchSystem({ ...poolSettings(pool, user.username), [SETTING.flow]: "password" });
  await s.reach("signedOut");
  await s.companion.controller.handle({ t: "signIn", pw: user.password }, () => undefined);
  await s.reach("signedIn");
  const state = s.companion.session.state();
  if (state.kind !== "signedIn") throw new Error("not signed in");
  return { s, refreshToken: state.session.refreshToken, username: state.session.username };
}

/** Whether Cognito still honours the refresh token. */
async function refreshWorks(refreshToken: string, username: string): Promise<boolean> {
  const client = cognitoClient({ userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint });
  return client.refresh(refreshToken, username).then(
    () => true,
    () => false,
  );
}

test("a sign-out Cognito cannot hear is sent once it can, and the watch said so", async () => {
  const { s, refreshToken, username } = await signedIn();
  // Cognito out of reach: nothing listens on the endpoint the settings now name.
  s.settingsStorage.setItem(SETTING.endpoint, JSON.stringify({ name: "http://127.0.0.1:9/" }));
  await s.companion.controller.handle({ t: "signOut", everywhere: false }, () => undefined);
  await s.reach("signedOut");
  expect(s.watch.doc.textOf(ID.signedOutReason)).toBe(say({ m: "signedOutLocally" }));
  expect(s.companion.session.state().kind).toBe("signedOut");
  expect(await refreshWorks(refreshToken, username)).toBe(true); // not revoked yet

  // Back online: the pending sign-out goes out on the companion's own timer (backoff from 2 s).
  s.settingsStorage.setItem(SETTING.endpoint, JSON.stringify({ name: pool.endpoint }));
  const until = Date.now() + 15_000;
  while ((await refreshWorks(refreshToken, username)) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  expect(await refreshWorks(refreshToken, username)).toBe(false);
  expect(s.logs.join("\n")).toMatch(/sign-out confirmed/);
  expect(s.logs.join("\n")).not.toContain(refreshToken);
  s.companion.session.dispose();
}, 30_000);

/** The companion's requests from here on go to a server scripted as Cognito answers. */
async function scripted(s: WatchSystem) {
  const server = await startMisbehavingServer();
  s.settingsStorage.setItem(SETTING.endpoint, JSON.stringify({ name: server.endpoint }));
  return server;
}

const emptyOk = {
  kind: "custom" as const,
  handle: (_: unknown, response: import("node:http").ServerResponse) => response.writeHead(200, { "Content-Length": 0 }).end(),
};

test("GlobalSignOut refused: RevokeToken ends this session's refresh token, and the watch says the others live on", async () => {
  const { s, refreshToken } = await signedIn();
  const state = s.companion.session.state();
  const accessToken = state.kind === "signedIn" ? state.session.accessToken : "";
  const server = await scripted(s);
  try {
    server.respondWith(
      { kind: "cognito-error", status: 400, type: "NotAuthorizedException", message: "Access Token has been revoked" },
      emptyOk, // RevokeToken answers 200 with no body, as Cognito does
    );
    await s.companion.controller.handle({ t: "signOut", everywhere: true }, () => undefined);
    await s.reach("signedOut");
    expect(server.requests.map((r) => [r.headers["x-amz-target"], r.json])).toEqual([
      ["AWSCognitoIdentityProviderService.GlobalSignOut", { AccessToken: accessToken }],
      ["AWSCognitoIdentityProviderService.RevokeToken", { Token: refreshToken, ClientId: pool.clientId }],
    ]);
    expect(s.watch.doc.textOf(ID.signedOutReason)).toBe(say({ m: "signedOutHereOnly", x: "NotAuthorizedException" }));
    expect(s.companion.session.state().kind).toBe("signedOut");
    expect(s.logs.join("\n")).toMatch(/GlobalSignOut refused \(NotAuthorizedException\)/);
    expect(s.logs.join("\n")).not.toContain(refreshToken);
  } finally {
    s.companion.session.dispose();
    await server.close();
  }
});

test("cognito-local, which lacks GlobalSignOut: the refresh token is revoked there all the same", async () => {
  const { s, refreshToken, username } = await signedIn();
  await s.companion.controller.handle({ t: "signOut", everywhere: true }, () => undefined);
  await s.reach("signedOut");
  expect(s.watch.doc.textOf(ID.signedOutReason).startsWith(say({ m: "signedOutHereOnly" }))).toBe(true);
  expect(await refreshWorks(refreshToken, username)).toBe(false);
  s.companion.session.dispose();
});

test("a sign-out Cognito refuses for good says so on the watch", async () => {
  const { s } = await signedIn();
  const server = await scripted(s);
  try {
    server.respondWith({
      kind: "cognito-error",
      status: 400,
      type: "UnsupportedOperationException",
      message: "Token revocation is not enabled",
    });
    await s.companion.controller.handle({ t: "signOut", everywhere: false }, () => undefined);
    await s.reach("signedOut");
    expect(s.watch.doc.textOf(ID.signedOutReason)).toBe(say({ m: "signOutRefused", x: "UnsupportedOperationException" }));
  } finally {
    s.companion.session.dispose();
    await server.close();
  }
});
