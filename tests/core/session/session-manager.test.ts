// The session manager on a fake clock against the in-process Cognito: scheduling, one shared refresh,
// backoff, the end of a session, rotation (which cognito-local cannot do), crash-safe writes, sign-out
// and bearer calls.
import { CognitoClient, cognitoClient } from "../../../core/cognito";
import { describeFailure } from "../../../core/signin";
import { NotSignedInError, RotationSetting, SessionManager, sessionManager, SessionState } from "../../../core/session/session-manager";
import { sessionFromSignIn, StoredSession } from "../../../core/session/stored-session";
import { HttpFetch } from "../../../core/session/authorized-call";
import { fakeClock, FakeClock } from "../../../devkit/simulation/fake-clock";
import { fakeCognito, FakeCognito, FakeCognitoOptions } from "../../../devkit/simulation/fake-cognito";
import { failingWrites, memoryStore } from "../../../devkit/simulation/memory-store";
import { KeyValueStore, tokenStore } from "../../../core/session/token-store";

const FIVE_MINUTES = 300_000;

interface Rig {
  clock: FakeClock;
  cognito: FakeCognito;
  client: CognitoClient;
  store: KeyValueStore;
  manager: SessionManager;
  states: SessionState[];
  log: string[];
  restart(store?: KeyValueStore): SessionManager;
}

const managers: SessionManager[] = [];
afterEach(() => managers.splice(0).forEach((m) => m.dispose()));

async function rig(
  options: { cognito?: Partial<FakeCognitoOptions>; rotation?: RotationSetting; store?: KeyValueStore; fetch?: HttpFetch } = {},
): Promise<Rig> {
  const clock = fakeClock();
  const cognito = fakeCognito({ now: clock.now, lifetimeMs: FIVE_MINUTES, ...options.cognito });
  const client = cognitoClient({ userPoolId: "eu-west-1_Test1", clientId: "client1", fetch: cognito.fetch, now: clock.now });
  const store = options.store || memoryStore();
  const log: string[] = [];
  const states: SessionState[] = [];
  const make = (s: KeyValueStore) => {
    const m = sessionManager({
      store: s,
      client: () => client,
      now: clock.now,
      timers: clock.timers,
      random: () => 0.5,
      rotation: options.rotation,
      log: (line) => log.push(line),
      fetch: options.fetch,
      backoff: { baseMs: 1000, capMs: 60_000 },
    });
    managers.push(m);
    return m;
  };
  const manager = make(store);
  manager.onChange((s) => states.push(s));
  const step = await client.signIn("ann", "pw", { flow: "password" });
  if (step.kind !== "signedIn") throw new Error("fake sign-in failed");
  manager.adopt(sessionFromSignIn(client.config, "ann", step.tokens));
  return {
    clock,
    cognito,
    client,
    store,
    manager,
    states,
    log,
    restart: (s = store) => {
      clock.dropTimers();
      return make(s);
    },
  };
}

const signedIn = (m: SessionManager): StoredSession => {
  const state = m.state();
  if (state.kind !== "signedIn") throw new Error(`signed out: ${state.endedBy ? state.endedBy.code : "by choice"}`);
  return state.session;
};

test("fresh tokens are served without a request; the timer refreshes ahead of expiry, once per lifetime", async () => {
  const { clock, cognito, manager } = await rig();
  const first = signedIn(manager);
  expect(await manager.freshSession()).toBe(first);
  expect(cognito.refreshCalls()).toBe(0);
  // Due 11 s before expiry (1 s for whole-second claims, 10 s lead).
  await clock.advance(FIVE_MINUTES - 11_001);
  expect(cognito.refreshCalls()).toBe(0);
  await clock.advance(1);
  expect(cognito.refreshCalls()).toBe(1);
  const second = signedIn(manager);
  expect(second.accessToken).not.toBe(first.accessToken);
  expect(cognito.accepts(second.accessToken)).toBe(true);
  // Then every 289 s: 10 more in the next 3000 s.
  await clock.advance(10 * FIVE_MINUTES);
  expect(cognito.refreshCalls()).toBe(11);
});

test("ten concurrent callers due a refresh share one request", async () => {
  const { clock, cognito, manager } = await rig();
  clock.jump(FIVE_MINUTES);
  const sessions = await Promise.all(Array.from({ length: 10 }, () => manager.freshSession()));
  expect(cognito.refreshCalls()).toBe(1);
  expect(new Set(sessions.map((s) => s.accessToken)).size).toBe(1);
  expect(cognito.accepts(sessions[0].accessToken)).toBe(true);
});

test("transient failures back off exponentially and never end the session; the tokens serve while they last", async () => {
  const { clock, cognito, manager, log } = await rig();
  const first = signedIn(manager);
  cognito.failNext(
    { status: 500, type: "InternalErrorException" },
    { status: 429, type: "TooManyRequestsException" },
    { status: 500, type: "InternalErrorException" },
  );
  await clock.advance(FIVE_MINUTES - 11_000);
  expect(cognito.refreshCalls()).toBe(1);
  // Backing off, with the token still usable: served without another request.
  expect(await manager.freshSession()).toBe(first);
  expect(cognito.refreshCalls()).toBe(1);
  await clock.advance(10_000);
  const at = cognito.calls.filter((c) => c.action === "GetTokensFromRefreshToken").map((c) => c.at);
  // Step 1 s, 2 s, 4 s, each 3/4 of the step with random() = 0.5.
  expect(at.slice(1).map((t, i) => t - at[i])).toEqual([750, 1500, 3000]);
  expect(manager.state().kind).toBe("signedIn");
  expect(signedIn(manager).accessToken).not.toBe(first.accessToken);
  expect(log.filter((l) => /refresh failed/.test(l))).toHaveLength(3);
  expect(log.join("\n")).not.toMatch(/eyJ|rt-/);
});

test("offline past expiry: a caller gets the network failure, the session stays, and comes back online", async () => {
  const { clock, cognito, manager } = await rig();
  cognito.online = false;
  await clock.advance(2 * FIVE_MINUTES);
  await expect(manager.freshSession()).rejects.toMatchObject({ kind: "network" });
  expect(manager.state().kind).toBe("signedIn");
  cognito.online = true;
  const s = await manager.freshSession();
  expect(cognito.accepts(s.accessToken)).toBe(true);
});

test("a dead refresh token ends the session with Cognito's answer (the wearer's reason), clears the store and tells listeners", async () => {
  const { clock, cognito, manager, store, states } = await rig();
  cognito.revoke(signedIn(manager).refreshToken);
  clock.jump(FIVE_MINUTES);
  const err = await manager.freshSession().then(
    () => undefined,
    (e) => e,
  );
  expect(err).toMatchObject({ kind: "service", type: "NotAuthorizedException" });
  expect(manager.state()).toEqual({ kind: "signedOut", endedBy: err });
  // What the wearer reads of it, in the sign-in's words.
  expect(describeFailure(err, "refresh")).toEqual({ m: "sessionEnded" });
  expect(states[states.length - 1]).toEqual(manager.state());
  expect(store.getItem("cognito.session.a") || store.getItem("cognito.session.b")).toBeNull();
  const next = await manager.freshSession().then(
    () => undefined,
    (e) => e,
  );
  expect(next).toBeInstanceOf(NotSignedInError);
  expect(next.endedBy).toBe(err);
  expect(clock.nextTimerAt()).toBeUndefined();
});

describe("rotation", () => {
  test("auto: GetTokensFromRefreshToken; a rotated token is stored with the new tokens, and the old one may die", async () => {
    const { clock, cognito, manager, store } = await rig({ cognito: { rotation: true, graceMs: 0 } });
    const before = signedIn(manager).refreshToken;
    for (let i = 0; i < 5; i++) await clock.advance(FIVE_MINUTES);
    const after = signedIn(manager);
    expect(after.refreshMode).toBe("rotating");
    expect(after.refreshToken).not.toBe(before);
    expect(cognito.calls.map((c) => c.action)).not.toContain("InitiateAuth:REFRESH_TOKEN_AUTH");
    // A restart reads the newest refresh token, which still works.
    const again = await restartAndRefresh(store, cognito, clock);
    expect(again.refreshMode).toBe("rotating");
  });

  test("auto against an endpoint without GetTokensFromRefreshToken: falls back at once and remembers it", async () => {
    const { clock, cognito, manager } = await rig({ cognito: { getTokensAction: false } });
    clock.jump(FIVE_MINUTES);
    await manager.freshSession();
    expect(cognito.calls.slice(1).map((c) => c.action)).toEqual(["GetTokensFromRefreshToken", "InitiateAuth:REFRESH_TOKEN_AUTH"]);
    expect(signedIn(manager).refreshMode).toBe("initiateAuth");
    clock.jump(FIVE_MINUTES);
    await manager.freshSession();
    expect(cognito.calls.slice(3).map((c) => c.action)).toEqual(["InitiateAuth:REFRESH_TOKEN_AUTH"]);
  });

  test("auto: a client that does not rotate keeps its refresh token", async () => {
    const { cognito, manager } = await rig();
    const before = signedIn(manager).refreshToken;
    await manager.refreshNow();
    expect(signedIn(manager)).toMatchObject({ refreshMode: "fixed", refreshToken: before });
    expect(cognito.calls.slice(1).map((c) => c.action)).toEqual(["GetTokensFromRefreshToken"]);
  });

  test("off: REFRESH_TOKEN_AUTH only; on: GetTokensFromRefreshToken only, no fallback", async () => {
    const off = await rig({ rotation: "off" });
    await off.manager.refreshNow();
    expect(off.cognito.calls.slice(1).map((c) => c.action)).toEqual(["InitiateAuth:REFRESH_TOKEN_AUTH"]);
    const on = await rig({ rotation: "on", cognito: { getTokensAction: false } });
    await expect(on.manager.refreshNow()).rejects.toMatchObject({ type: "Unsupported" });
    expect(on.cognito.calls.slice(1).map((c) => c.action)).toEqual(["GetTokensFromRefreshToken"]);
    expect(on.manager.state().kind).toBe("signedIn");
  });
});

async function restartAndRefresh(store: KeyValueStore, cognito: FakeCognito, clock: FakeClock): Promise<StoredSession> {
  clock.dropTimers();
  const client = cognitoClient({ userPoolId: "eu-west-1_Test1", clientId: "client1", fetch: cognito.fetch, now: clock.now });
  const m = sessionManager({ store, client: () => client, now: clock.now, timers: clock.timers });
  managers.push(m);
  return m.refreshNow();
}

describe("a write that fails (a crash mid-write)", () => {
  test("the stored refresh token stays usable after a restart, and the new tokens serve meanwhile", async () => {
    const mem = memoryStore();
    const { clock, cognito, manager, log } = await rig({ store: failingWrites(mem, [2]) });
    const stored = signedIn(manager);
    const refreshed = await manager.refreshNow();
    expect(refreshed.accessToken).not.toBe(stored.accessToken);
    expect(log.join("\n")).toMatch(/could not store/);
    // What a crash now would leave: the previous record, whose refresh token still works.
    const after = await restartAndRefresh(mem, cognito, clock);
    expect(cognito.accepts(after.accessToken)).toBe(true);
  });

  test("with rotation, the unsaved session is written again at the next wake", async () => {
    const mem = memoryStore();
    const { cognito, manager } = await rig({ store: failingWrites(mem, [2]), cognito: { rotation: true, graceMs: 60_000 } });
    const refreshed = await manager.refreshNow();
    expect(JSON.stringify(mem.data)).not.toContain(refreshed.refreshToken);
    await manager.wake("wokenUp");
    expect(JSON.stringify(mem.data)).toContain(refreshed.refreshToken);
    expect(cognito.refreshCalls()).toBe(1);
  });
});

describe("sign-out", () => {
  test("revokes the refresh token and clears everything", async () => {
    const { cognito, manager, store } = await rig();
    const s = signedIn(manager);
    await manager.signOut(false);
    expect(manager.state()).toEqual({ kind: "signedOut", endedBy: undefined });
    expect(store.getItem("cognito.session.a") || store.getItem("cognito.session.b")).toBeNull();
    expect(cognito.calls[cognito.calls.length - 1].action).toBe("RevokeToken");
    expect(cognito.accepts(s.accessToken)).toBe(false);
  });

  test("everywhere: GlobalSignOut, refreshing first when the access token is dead", async () => {
    const { clock, cognito, manager } = await rig();
    clock.jump(2 * FIVE_MINUTES);
    await manager.signOut(true);
    expect(cognito.calls.slice(1).map((c) => c.action)).toEqual(["GetTokensFromRefreshToken", "GlobalSignOut"]);
  });

  test("the session is gone even when the call fails, and the failure is reported; only the sign-out stays, pending", async () => {
    const { cognito, manager, store } = await rig();
    const s = signedIn(manager);
    cognito.online = false;
    await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
    expect(manager.state().kind).toBe("signedOut");
    const kept = tokenStore(store);
    expect(kept.load()).toBeUndefined();
    expect(kept.pendingSignOuts().map((p) => p.refreshToken)).toEqual([s.refreshToken]);
  });

  test("a refresh under way cannot bring the session back, and its rotated token is the one revoked", async () => {
    const { clock, cognito, manager } = await rig({ cognito: { rotation: true, graceMs: 0 } });
    clock.jump(FIVE_MINUTES);
    const pending = manager.freshSession().catch((e) => e);
    await manager.signOut(false);
    expect(await pending).toBeInstanceOf(NotSignedInError);
    expect(manager.state().kind).toBe("signedOut");
    const rotated = cognito.calls.findIndex((c) => c.action === "GetTokensFromRefreshToken");
    expect(cognito.calls[rotated + 1].action).toBe("RevokeToken");
    // The revoked family cannot refresh any more.
    expect(cognito.calls.length).toBe(rotated + 2);
  });
});

describe("calls with the token", () => {
  function service(cognito: FakeCognito) {
    const seen: { auth: string; ok: boolean }[] = [];
    const fetch: HttpFetch = async (_url, init) => {
      const auth = init.headers.Authorization;
      const ok = cognito.accepts(auth.replace(/^Bearer /, ""));
      seen.push({ auth, ok });
      return {
        status: ok ? 200 : 401,
        headers: { forEach: (fn) => fn("text/plain", "Content-Type") },
        text: async () => (ok ? "hello" : ""),
      };
    };
    return { fetch, seen };
  }

  test("Authorization: Bearer with the access or the ID token", async () => {
    let svc: ReturnType<typeof service> | undefined;
    const r = await rig({ fetch: (url, init) => svc!.fetch(url, init) });
    svc = service(r.cognito);
    const s = signedIn(r.manager);
    const answer = await r.manager.callWithToken("https://api.example/me", { headers: { authorization: "x", Accept: "text/plain" } });
    expect(answer).toEqual({ status: 200, headers: { "content-type": "text/plain" }, text: "hello" });
    await r.manager.callWithToken("https://api.example/me", {}, "id");
    expect(svc.seen.map((x) => x.auth)).toEqual([`Bearer ${s.accessToken}`, `Bearer ${s.idToken}`]);
  });

  test("a 401 gets one refresh and one retry with the new token; a second 401 is the answer", async () => {
    const seen: string[] = [];
    let refuse = 1;
    const r = await rig({
      fetch: async (_url, init) => {
        seen.push(init.headers.Authorization);
        return { status: refuse-- > 0 ? 401 : 200, headers: {}, text: async () => "" };
      },
    });
    const first = signedIn(r.manager);
    expect((await r.manager.callWithToken("https://api.example/me", {})).status).toBe(200);
    expect(seen).toEqual([`Bearer ${first.accessToken}`, `Bearer ${signedIn(r.manager).accessToken}`]);
    expect(r.cognito.refreshCalls()).toBe(1);
    refuse = 2;
    expect((await r.manager.callWithToken("https://api.example/me", {})).status).toBe(401);
    expect(r.cognito.refreshCalls()).toBe(2);
  });

  test("callers refused together share one refresh", async () => {
    let refuse = 3;
    const r = await rig({ fetch: async () => ({ status: refuse-- > 0 ? 401 : 200, headers: {}, text: async () => "" }) });
    const answers = await Promise.all([1, 2, 3].map(() => r.manager.callWithToken("https://api.example/me", {})));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(r.cognito.refreshCalls()).toBe(1);
  });

  test("no answer: a network or timeout failure of its own kind", async () => {
    const r = await rig({ fetch: () => Promise.reject(new TypeError("Network request failed")) });
    await expect(r.manager.callWithToken("https://api.example/me", {})).rejects.toMatchObject({
      name: "ServiceCallError",
      kind: "network",
    });
    const hang = await rig({ fetch: () => new Promise(() => undefined) });
    const pending = hang.manager.callWithToken("https://api.example/me", {}).catch((e) => e);
    await hang.clock.advance(15_000);
    expect(await pending).toMatchObject({ kind: "timeout", message: "no answer within 15000 ms" });
  });

  test("whoami: GetUser with a fresh access token", async () => {
    const { clock, manager } = await rig();
    clock.jump(FIVE_MINUTES);
    expect(await manager.whoami()).toEqual({ username: "ann", attributes: { sub: "sub-ann" } });
  });
});

test("a sign-in during a refresh: the old refresh cannot overwrite it, and the new session refreshes on its own", async () => {
  const { clock, cognito, client, manager } = await rig();
  const step = await client.signIn("bob", "pw", { flow: "password" });
  if (step.kind !== "signedIn") throw new Error("sign-in failed");
  clock.jump(FIVE_MINUTES);
  const release = cognito.pause();
  const stale = manager.freshSession().catch((e) => e);
  manager.adopt(sessionFromSignIn(client.config, "bob", step.tokens));
  const fresh = manager.refreshNow();
  release();
  await fresh;
  expect((await fresh).username).toBe("bob");
  expect((await stale).username).toBe("bob");
  expect(signedIn(manager).username).toBe("bob");
  expect(cognito.refreshCalls()).toBe(2);
  expect(cognito.accepts(signedIn(manager).accessToken)).toBe(true);
});
