// A sign-out that Cognito did not hear: kept pending in the store beside the session, tried again on
// wakes and on the timer with the refresh's backoff, across restarts and new sign-ins, until Cognito
// accepts it or answers a final no. Against the in-process Cognito on a fake clock; requests that are
// cut off never reach it, so what it records is what really arrived.
import { CognitoClient, cognitoClient, FetchLike } from "../../../core/cognito";
import { SessionManager, sessionManager } from "../../../core/session/session-manager";
import { sessionFromSignIn, StoredSession } from "../../../core/session/stored-session";
import { KeyValueStore, tokenStore } from "../../../core/session/token-store";
import { fakeClock } from "../../../devkit/simulation/fake-clock";
import { fakeCognito, FakeCognitoOptions } from "../../../devkit/simulation/fake-cognito";
import { failingWrites, memoryStore } from "../../../devkit/simulation/memory-store";

const FIVE_MINUTES = 300_000;

const managers: SessionManager[] = [];
const logs: string[][] = [];
afterEach(() => {
  managers.splice(0).forEach((m) => m.dispose());
  // No token in any log line: the fake's JWTs start "eyJ", its refresh tokens "rt-".
  for (const log of logs.splice(0)) expect(log.join("\n")).not.toMatch(/eyJ|rt-/);
});

async function rig(options: { cognito?: Partial<FakeCognitoOptions>; store?: KeyValueStore } = {}) {
  const clock = fakeClock();
  const cognito = fakeCognito({ now: clock.now, lifetimeMs: FIVE_MINUTES, ...options.cognito });
  /** Actions cut off on the way (a network error): they never reach the server. */
  const down = new Set<string>();
  /** What reached the server: the action and the request body. */
  const arrived: { action: string; body: any }[] = [];
  /** What the server answered: the action and the answer's body. */
  const answered: { action: string; body: any }[] = [];
  /** Every request, cut off or not: the action and when. */
  const tried: { action: string; at: number }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const action = init.headers["X-Amz-Target"].split(".")[1];
    tried.push({ action, at: clock.now() });
    if (down.has(action)) throw new TypeError("Network request failed");
    arrived.push({ action, body: JSON.parse(init.body) });
    const response = await cognito.fetch(url, init);
    const text = await response.text();
    answered.push({ action, body: JSON.parse(text) });
    return { status: response.status, headers: response.headers, text: async () => text };
  };
  const settings = (clientId: string) => cognitoClient({ userPoolId: "eu-west-1_Test1", clientId, fetch, now: clock.now });
  const client = settings("client1");
  /** The client the settings make now (undefined: incomplete settings). */
  let current: CognitoClient | undefined = client;
  const log: string[] = [];
  logs.push(log);
  const store = options.store || memoryStore();
  const make = (s: KeyValueStore) => {
    const m = sessionManager({
      store: s,
      client: () => current,
      now: clock.now,
      timers: clock.timers,
      random: () => 0.5,
      log: (line) => log.push(line),
      backoff: { baseMs: 1000, capMs: 60_000 },
    });
    managers.push(m);
    return m;
  };
  const signIn = async (username: string): Promise<StoredSession> => {
    const step = await client.signIn(username, "pw", { flow: "password" });
    if (step.kind !== "signedIn") throw new Error("fake sign-in failed");
    return sessionFromSignIn(client.config, username, step.tokens);
  };
  const manager = make(store);
  manager.adopt(await signIn("ann"));
  return {
    clock,
    cognito,
    down,
    arrived,
    store,
    manager,
    log,
    signIn,
    settings,
    useClient: (c: CognitoClient | undefined) => void (current = c),
    client,
    /** The process is killed and starts again over the same store. */
    restart: (s: KeyValueStore = store) => {
      manager.dispose();
      clock.dropTimers();
      return make(s);
    },
    sent: (action: string) => arrived.filter((a) => a.action === action).map((a) => a.body),
    answers: (action: string) => answered.filter((a) => a.action === action).map((a) => a.body),
    triedAt: (action: string) => tried.filter((a) => a.action === action).map((a) => a.at),
  };
}

const signedIn = (m: SessionManager): StoredSession => {
  const state = m.state();
  if (state.kind !== "signedIn") throw new Error("signed out");
  return state.session;
};

/** What the store holds, as a restarted companion would read it. */
function stored(store: KeyValueStore) {
  const tokens = tokenStore(store);
  const session = tokens.load();
  return { session, pending: tokens.pendingSignOuts().map((p) => p.refreshToken) };
}

test("RevokeToken cut off: pending; a later wake sends it with the old token, and Cognito ends it", async () => {
  const { clock, cognito, down, manager, store, sent } = await rig();
  const s = signedIn(manager);
  down.add("RevokeToken");
  await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
  expect(manager.state()).toEqual({ kind: "signedOut", endedBy: undefined });
  expect(stored(store)).toEqual({ session: undefined, pending: [s.refreshToken] });
  expect(cognito.accepts(s.accessToken)).toBe(true); // still alive at Cognito
  down.delete("RevokeToken");
  // A wake within the backoff (750 ms with random() = 0.5) waits; the next one sends.
  await manager.wake("peerAppLaunched");
  expect(sent("RevokeToken")).toEqual([]);
  clock.jump(750);
  await manager.wake("wakeInterval");
  expect(sent("RevokeToken")).toEqual([{ Token: s.refreshToken, ClientId: "client1" }]);
  expect(cognito.accepts(s.accessToken)).toBe(false);
  expect(stored(store)).toEqual({ session: undefined, pending: [] });
  expect(clock.nextTimerAt()).toBeUndefined();
  await manager.wake("wakeInterval");
  expect(sent("RevokeToken")).toHaveLength(1);
});

test("the timer tries again with the refresh's backoff while Cognito is unreachable or failing, then stops", async () => {
  const { clock, cognito, down, manager, log, sent, triedAt } = await rig();
  const s = signedIn(manager);
  down.add("RevokeToken");
  await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
  await clock.advance(5000);
  // Steps of 1 s, 2 s, 4 s, each 3/4 of the step with random() = 0.5, as refreshes back off.
  const at = triedAt("RevokeToken");
  expect(at.slice(1).map((t, i) => t - at[i])).toEqual([750, 1500]);
  expect(clock.nextTimerAt()! - at[2]).toBe(3000);
  // Back online, Cognito is throttling, then having trouble: still pending.
  down.delete("RevokeToken");
  cognito.failNext({ status: 429, type: "TooManyRequestsException" }, { status: 500, type: "InternalErrorException" });
  await clock.advance(750 + 1500 + 3000 + 6000);
  expect(sent("RevokeToken")).toHaveLength(2);
  await clock.advance(12_000);
  expect(sent("RevokeToken")).toHaveLength(3);
  expect(cognito.accepts(s.accessToken)).toBe(false);
  expect(clock.nextTimerAt()).toBeUndefined();
  expect(log.join("\n")).toMatch(/sign-out confirmed/);
});

describe("a final no from Cognito", () => {
  test("a refusal that is not about the token (revocation not enabled): dropped, reported, not tried again", async () => {
    const { clock, cognito, manager, store, sent } = await rig();
    cognito.failNext({ status: 400, type: "UnsupportedOperationException", message: "revocation is not enabled" });
    await expect(manager.signOut(false)).rejects.toMatchObject({ type: "UnsupportedOperationException" });
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
    expect(clock.nextTimerAt()).toBeUndefined();
    await clock.advance(FIVE_MINUTES);
    await manager.wake("wakeInterval");
    expect(sent("RevokeToken")).toHaveLength(1);
  });

  test("the token is dead already: the sign-out is done, at once or at a retry", async () => {
    const { clock, cognito, down, manager, store, signIn, sent } = await rig();
    cognito.failNext({ status: 400, type: "NotAuthorizedException", message: "Refresh Token has been revoked" });
    await expect(manager.signOut(false)).resolves.toBeUndefined();
    expect(stored(store)).toEqual({ session: undefined, pending: [] });

    manager.adopt(await signIn("bob"));
    down.add("RevokeToken");
    await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
    down.delete("RevokeToken");
    cognito.failNext({ status: 400, type: "NotAuthorizedException", message: "Invalid Refresh Token" });
    await clock.advance(1000);
    expect(sent("RevokeToken")).toHaveLength(2);
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
    expect(clock.nextTimerAt()).toBeUndefined();
  });
});

test("a restart keeps it: the new process's own timer sends it", async () => {
  const { cognito, down, manager, clock, sent, restart, store } = await rig();
  const s = signedIn(manager);
  down.add("RevokeToken");
  await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
  down.delete("RevokeToken");
  const revived = restart();
  expect(revived.state().kind).toBe("signedOut");
  expect(clock.nextTimerAt()).toBe(clock.now());
  await clock.advance(0);
  expect(sent("RevokeToken")).toEqual([{ Token: s.refreshToken, ClientId: "client1" }]);
  expect(cognito.accepts(s.accessToken)).toBe(false);
  expect(store.getItem("cognito.session.a") || store.getItem("cognito.session.b")).toBeNull();
});

describe("a new sign-in over a live session (another account, from the settings page)", () => {
  test("the old session is signed out at Cognito, in the same write that keeps the new one", async () => {
    const { cognito, manager, signIn, store, sent } = await rig();
    const ann = signedIn(manager);
    const bob = await signIn("bob");
    const adopted = manager.adopt(bob);
    expect(signedIn(manager)).toEqual(bob);
    await adopted; // resolves once Cognito has heard
    expect(sent("RevokeToken")).toEqual([{ Token: ann.refreshToken, ClientId: "client1" }]);
    expect(cognito.accepts(ann.accessToken)).toBe(false);
    expect(cognito.accepts(bob.accessToken)).toBe(true);
    expect(stored(store)).toEqual({ session: bob, pending: [] });
  });

  test("Cognito out of reach: the old token stays pending beside the new session and is sent later", async () => {
    const { clock, cognito, down, manager, signIn, store, sent } = await rig();
    const ann = signedIn(manager);
    down.add("RevokeToken");
    const bob = await signIn("bob");
    await expect(manager.adopt(bob)).rejects.toMatchObject({ kind: "network" });
    expect(signedIn(manager)).toEqual(bob);
    expect(stored(store)).toEqual({ session: bob, pending: [ann.refreshToken] });
    down.delete("RevokeToken");
    clock.jump(750);
    await manager.wake("wakeInterval");
    expect(sent("RevokeToken")).toEqual([{ Token: ann.refreshToken, ClientId: "client1" }]);
    expect(cognito.accepts(ann.accessToken)).toBe(false);
    expect(stored(store)).toEqual({ session: bob, pending: [] });
  });

  test("the same session adopted again is not signed out", async () => {
    const { manager, sent } = await rig();
    await manager.adopt(signedIn(manager));
    expect(sent("RevokeToken")).toEqual([]);
  });

  test("over a refresh under way: the token that refresh rotated in is the one revoked", async () => {
    const { answers, clock, cognito, manager, signIn, store, sent } = await rig({ cognito: { rotation: true, graceMs: 60_000 } });
    const ann = signedIn(manager);
    const bob = await signIn("bob");
    clock.jump(FIVE_MINUTES);
    const refreshing = manager.freshSession();
    await manager.adopt(bob); // at once: the refresh has not been answered yet
    await refreshing;
    // The refresh went on to Cognito and rotated ann's token; its answer is not kept (bob is signed in)...
    expect(sent("GetTokensFromRefreshToken")).toEqual([expect.objectContaining({ RefreshToken: ann.refreshToken })]);
    const [{ AuthenticationResult: rotated }] = answers("GetTokensFromRefreshToken");
    expect(rotated.RefreshToken).not.toBe(ann.refreshToken);
    expect(signedIn(manager)).toEqual(bob);
    // ...but its new token is what was revoked, not the one it replaced (alive for the grace period).
    expect(sent("RevokeToken")).toEqual([{ Token: rotated.RefreshToken, ClientId: "client1" }]);
    expect(cognito.accepts(rotated.AccessToken)).toBe(false);
    expect(stored(store)).toEqual({ session: bob, pending: [] });
  });
});

describe("a new sign-in while a sign-out is pending", () => {
  test("keeps both: the new session signed in, the old token still revoked (after a restart too)", async () => {
    const { cognito, down, manager, signIn, restart, store, sent } = await rig();
    const ann = signedIn(manager);
    down.add("RevokeToken");
    await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
    const bob = await signIn("bob");
    manager.adopt(bob);
    expect(stored(store)).toEqual({ session: bob, pending: [ann.refreshToken] });
    down.delete("RevokeToken");
    const revived = restart();
    await revived.wake("launch");
    expect(sent("RevokeToken")).toEqual([{ Token: ann.refreshToken, ClientId: "client1" }]);
    expect(cognito.accepts(ann.accessToken)).toBe(false);
    expect(signedIn(revived)).toEqual(bob);
    expect(cognito.accepts(bob.accessToken)).toBe(true);
    expect(stored(store)).toEqual({ session: bob, pending: [] });
  });

  test("a crash as the new session is written: the pending sign-out survives, and the session is written at the next wake", async () => {
    const mem = memoryStore();
    // Writes: 1 ann signed in, 2 ann signed out (pending), 3 bob signed in (fails).
    const { down, manager, signIn, restart } = await rig({ store: failingWrites(mem, [3]) });
    const ann = signedIn(manager);
    down.add("RevokeToken");
    await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
    const bob = await signIn("bob");
    manager.adopt(bob);
    expect(signedIn(manager)).toEqual(bob);
    expect(stored(mem)).toEqual({ session: undefined, pending: [ann.refreshToken] });
    await manager.wake("wakeInterval");
    expect(stored(mem)).toEqual({ session: bob, pending: [ann.refreshToken] });
    expect(signedIn(restart(mem))).toEqual(bob);
  });

  test("signing out again: one pending sign-out per token, both tokens ended when Cognito is back", async () => {
    const { clock, cognito, down, manager, signIn, store, sent } = await rig();
    const ann = signedIn(manager);
    down.add("RevokeToken");
    await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
    const bob = await signIn("bob");
    manager.adopt(bob);
    await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
    expect(stored(store).pending).toEqual([ann.refreshToken, bob.refreshToken]);
    down.delete("RevokeToken");
    await clock.advance(60_000);
    expect(
      sent("RevokeToken")
        .map((b) => b.Token)
        .sort(),
    ).toEqual([ann.refreshToken, bob.refreshToken].sort());
    expect([ann, bob].map((s) => cognito.accepts(s.accessToken))).toEqual([false, false]);
    expect(stored(store).pending).toEqual([]);
  });
});

describe("everywhere (GlobalSignOut, which takes a live access token)", () => {
  test("cut off: the refresh token is kept; a later try refreshes with it, then signs out everywhere", async () => {
    const { clock, cognito, down, manager, store, sent } = await rig({ cognito: { rotation: true, graceMs: 0 } });
    const s = signedIn(manager);
    down.add("GlobalSignOut");
    clock.jump(2 * FIVE_MINUTES);
    await expect(manager.signOut(true)).rejects.toMatchObject({ kind: "network" });
    // The first try refreshed (rotating the refresh token): the new one is what stays pending.
    expect(sent("GetTokensFromRefreshToken").map((b) => b.RefreshToken)).toEqual([s.refreshToken]);
    const kept = tokenStore(store);
    kept.load();
    const [pending] = kept.pendingSignOuts();
    expect(pending).toMatchObject({ everywhere: true });
    expect(pending.refreshToken).not.toBe(s.refreshToken);
    expect(stored(store)).toEqual({ session: undefined, pending: [pending.refreshToken] });
    down.delete("GlobalSignOut");
    // Long enough for that access token to die too: the retry refreshes again, with the rotated token.
    clock.jump(2 * FIVE_MINUTES);
    await manager.wake("wakeInterval");
    expect(sent("GetTokensFromRefreshToken").map((b) => b.RefreshToken)).toEqual([s.refreshToken, pending.refreshToken]);
    const [global] = sent("GlobalSignOut");
    expect(cognito.accepts(global.AccessToken)).toBe(false);
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  test("with the access token still alive: GlobalSignOut with it, no refresh", async () => {
    const { cognito, manager, sent } = await rig();
    const s = signedIn(manager);
    await manager.signOut(true);
    expect(sent("GetTokensFromRefreshToken")).toEqual([]);
    expect(sent("GlobalSignOut")).toEqual([{ AccessToken: s.accessToken }]);
    expect(cognito.accepts(s.accessToken)).toBe(false);
  });

  test("the refresh says the token is dead: done, without GlobalSignOut", async () => {
    const { clock, cognito, down, manager, store, sent } = await rig();
    const s = signedIn(manager);
    down.add("GetTokensFromRefreshToken");
    clock.jump(2 * FIVE_MINUTES);
    await expect(manager.signOut(true)).rejects.toMatchObject({ kind: "network" });
    cognito.revoke(s.refreshToken);
    down.delete("GetTokensFromRefreshToken");
    await clock.advance(1000);
    expect(sent("GetTokensFromRefreshToken")).toHaveLength(1);
    expect(sent("GlobalSignOut")).toEqual([]);
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
  });
});

describe("GlobalSignOut refused for good: RevokeToken of this session's refresh token instead", () => {
  const pendingOf = (store: KeyValueStore) => {
    const kept = tokenStore(store);
    kept.load();
    return kept.pendingSignOuts().map((p) => ({ refreshToken: p.refreshToken, everywhere: p.everywhere }));
  };

  test.each([
    ["an access token Cognito no longer takes", { status: 400, type: "NotAuthorizedException", message: "Access Token has been revoked" }],
    ["an app client that may not", { status: 400, type: "NotAuthorizedException", message: "Access Token does not have required scopes" }],
    [
      "an endpoint without the action (as cognito-local)",
      { status: 500, type: "CognitoLocal#Unsupported", message: "Cognito Local unsupported feature" },
    ],
  ])("%s: the refresh token dies all the same, and signOut says only this session ended", async (_, refusal) => {
    const { cognito, clock, manager, log, store, sent } = await rig();
    const s = signedIn(manager);
    cognito.failNext(refusal);
    const said = await manager.signOut(true);
    expect(said).toMatchObject({ kind: "service", type: refusal.type.split("#").pop() });
    expect(sent("GlobalSignOut")).toEqual([{ AccessToken: s.accessToken }]);
    expect(sent("RevokeToken")).toEqual([{ Token: s.refreshToken, ClientId: "client1" }]);
    expect(cognito.accepts(s.accessToken)).toBe(false);
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
    expect(clock.nextTimerAt()).toBeUndefined();
    expect(log.join("\n")).toMatch(/GlobalSignOut refused \(\w+\), revoking this session's token instead/);
  });

  test("signing out everywhere as asked says nothing of the kind", async () => {
    const { manager, sent } = await rig();
    await expect(manager.signOut(true)).resolves.toBeUndefined();
    expect(sent("RevokeToken")).toEqual([]);
  });

  test("the RevokeToken cut off: pending as a RevokeToken (not another GlobalSignOut), sent at a later wake", async () => {
    const { cognito, clock, down, manager, store, sent } = await rig();
    const s = signedIn(manager);
    cognito.failNext({ status: 400, type: "NotAuthorizedException", message: "Access Token has been revoked" });
    down.add("RevokeToken");
    await expect(manager.signOut(true)).rejects.toMatchObject({ kind: "network" });
    expect(pendingOf(store)).toEqual([{ refreshToken: s.refreshToken, everywhere: false }]);
    down.delete("RevokeToken");
    await clock.advance(1000);
    expect(sent("GlobalSignOut")).toHaveLength(1);
    expect(sent("RevokeToken")).toEqual([{ Token: s.refreshToken, ClientId: "client1" }]);
    expect(cognito.accepts(s.accessToken)).toBe(false);
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
  });

  test("a GlobalSignOut that failed on the way or on Cognito's side is asked again, not given up", async () => {
    const { cognito, clock, manager, store, sent } = await rig();
    const s = signedIn(manager);
    cognito.failNext({ status: 500, type: "InternalErrorException" });
    await expect(manager.signOut(true)).rejects.toMatchObject({ type: "InternalErrorException" });
    expect(sent("RevokeToken")).toEqual([]);
    expect(pendingOf(store)).toEqual([{ refreshToken: s.refreshToken, everywhere: true }]);
    await clock.advance(1000);
    expect(sent("GlobalSignOut")).toHaveLength(2);
    expect(sent("RevokeToken")).toEqual([]);
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
  });

  test("RevokeToken refused too (revocation not enabled): that final no is the answer, nothing stays pending", async () => {
    const { cognito, manager, store } = await rig();
    cognito.failNext(
      { status: 400, type: "NotAuthorizedException", message: "Access Token has been revoked" },
      { status: 400, type: "UnsupportedOperationException", message: "revocation is not enabled" },
    );
    await expect(manager.signOut(true)).rejects.toMatchObject({ type: "UnsupportedOperationException" });
    expect(stored(store)).toEqual({ session: undefined, pending: [] });
  });
});

test("settings that name another app client, or none, keep it waiting; the issuing client's settings send it", async () => {
  const { clock, down, manager, store, sent, settings, useClient, client } = await rig();
  const s = signedIn(manager);
  down.add("RevokeToken");
  await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
  down.delete("RevokeToken");
  useClient(settings("client2"));
  await clock.advance(10_000);
  useClient(undefined);
  await clock.advance(10_000);
  expect(sent("RevokeToken")).toEqual([]);
  expect(stored(store).pending).toEqual([s.refreshToken]);
  useClient(client);
  await clock.advance(60_000);
  expect(sent("RevokeToken")).toEqual([{ Token: s.refreshToken, ClientId: "client1" }]);
  expect(stored(store).pending).toEqual([]);
});

test("while a sign-out is under way the timer does not poll it, and wakes do not send it twice", async () => {
  const { clock, cognito, manager, sent } = await rig();
  const release = cognito.pause();
  const signingOut = manager.signOut(false);
  await clock.advance(0);
  expect(sent("RevokeToken")).toHaveLength(1);
  expect(clock.nextTimerAt()).toBeUndefined();
  await Promise.race([manager.wake("peerAppLaunched"), clock.advance(0)]);
  expect(sent("RevokeToken")).toHaveLength(1);
  release();
  await signingOut;
  expect(clock.nextTimerAt()).toBeUndefined();
});
