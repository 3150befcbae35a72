// The session manager in real time against the real emulator, with 3-second tokens: usable across many
// expiries with no refused request, a revoked refresh token ending the session with a reason, sign-out
// revoking (and a sign-out cut off on its way, sent after a restart; or sent through a bad network until
// a real answer comes), one refresh for ten callers, backoff through a misbehaving server, and a crash
// mid-write.
// cognito-local never checks expiry itself, so a small service here refuses any token past its `exp`.
import { createServer, Server } from "node:http";
import { cognitoClient, endsSession, FetchLike, readClaims } from "../../../core/cognito";
import { describeFailure } from "../../../core/signin";
import { SessionManager, sessionManager, SessionState } from "../../../core/session/session-manager";
import { sessionFromSignIn, StoredSession } from "../../../core/session/stored-session";
import type { KeyValueStore } from "../../../core/session/token-store";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { failingWrites, memoryStore } from "../../../devkit/simulation/memory-store";
import { startMisbehavingServer } from "../../support/misbehaving-server";
import { startTestPool, TestPool } from "../../../devkit/cognito-pool";

const LIFETIME_S = 3;
let pool: TestPool;
let service: { url: string; server: Server; refused: number; served: number };
const managers: SessionManager[] = [];

beforeAll(async () => {
  pool = await startTestPool({ tokenLifetime: { value: LIFETIME_S, unit: "seconds" } });
  service = await startService();
});
afterAll(async () => {
  managers.forEach((m) => m.dispose());
  await new Promise((resolve) => service.server.close(resolve));
  await pool?.stop();
});
afterEach(() => managers.splice(0).forEach((m) => m.dispose()));

/** The wearer's own service: 200 for a bearer token whose exp is still ahead, 401 otherwise. */
async function startService() {
  const s = { url: "", server: undefined as unknown as Server, refused: 0, served: 0 };
  s.server = createServer((req, res) => {
    const exp = readClaims((req.headers.authorization || "").replace(/^Bearer /, "")).exp;
    const ok = exp !== undefined && exp * 1000 > Date.now();
    if (ok) s.served++;
    else s.refused++;
    res.writeHead(ok ? 200 : 401, { "Content-Type": "text/plain" }).end(ok ? "ok" : "expired");
  });
  await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
  const address = s.server.address();
  s.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/me`;
  return s;
}

/** A fetch that counts what each Cognito action was asked. */
function countingFetch() {
  const actions: string[] = [];
  const fetchImpl: FetchLike = (url, init) => {
    const action = init.headers["X-Amz-Target"].split(".")[1];
    actions.push(action === "InitiateAuth" ? `InitiateAuth:${JSON.parse(init.body).AuthFlow}` : action);
    return fetch(url, init as RequestInit) as unknown as ReturnType<FetchLike>;
  };
  const refreshes = () => actions.filter((a) => a === "InitiateAuth:REFRESH_TOKEN_AUTH" || a === "GetTokensFromRefreshToken").length;
  return { fetch: fetchImpl, actions, refreshes };
}

async function signedInManager(options: { store?: KeyValueStore; now?: () => number } = {}) {
  const counting = countingFetch();
  const client = cognitoClient({
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    endpoint: pool.endpoint,
    fetch: counting.fetch,
    now: options.now,
    timeoutMs: 5000,
  });
  const user = await pool.confirmedUser();
  const step = await client.signIn(user.username, user.password, { flow: "password" });
  if (step.kind !== "signedIn") throw new Error("sign-in answered a challenge");
  const states: SessionState[] = [];
  const log: string[] = [];
  const make = (store: KeyValueStore) => {
    const m = sessionManager({ store, client: () => client, now: options.now, log: (l) => log.push(l) });
    managers.push(m);
    m.onChange((s) => states.push(s));
    return m;
  };
  const store = options.store || memoryStore();
  const manager = make(store);
  manager.adopt(sessionFromSignIn(client.config, user.username, step.tokens));
  return { manager, client, counting, states, log, make };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function session(m: SessionManager): StoredSession {
  const s = m.state();
  if (s.kind !== "signedIn") throw new Error(`signed out: ${s.endedBy ? s.endedBy.code : "by choice"}`);
  return s.session;
}

test("a session stays usable across many expiries: every request carries a live token", async () => {
  const { manager, counting, states, log } = await signedInManager();
  const before = { served: service.served, refused: service.refused };
  const started = Date.now();
  const statuses: number[] = [];
  let whoamis = 0;
  while (Date.now() - started < 5 * LIFETIME_S * 1000) {
    statuses.push((await manager.callWithToken(service.url, { headers: { Accept: "text/plain" } })).status);
    if (statuses.length % 10 === 0) {
      expect((await manager.whoami()).username).toBe(session(manager).username);
      whoamis++;
    }
    await sleep(100);
  }
  expect(statuses.length).toBeGreaterThan(50);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  // Not one request reached the service with a dead token (a 401 and a retry would show here).
  expect(service.refused - before.refused).toBe(0);
  expect(service.served - before.served).toBe(statuses.length);
  expect(whoamis).toBeGreaterThan(4);
  // A refresh per 1.5 s (half the 3 s lifetime), give or take; never one per request.
  expect(counting.refreshes()).toBeGreaterThanOrEqual(8);
  expect(counting.refreshes()).toBeLessThanOrEqual(14);
  expect(states.every((s) => s.kind === "signedIn")).toBe(true);
  // cognito-local lacks GetTokensFromRefreshToken: probed once, then REFRESH_TOKEN_AUTH.
  expect(counting.actions.filter((a) => a === "GetTokensFromRefreshToken")).toHaveLength(1);
  expect(session(manager).refreshMode).toBe("initiateAuth");
  expect(log.join("\n")).not.toMatch(/eyJ/);
}, 40_000);

test("a revoked refresh token ends the session with a clear reason, through the timer alone", async () => {
  const { manager, client } = await signedInManager();
  const ended = new Promise<SessionState>((resolve) => manager.onChange((s) => s.kind === "signedOut" && resolve(s)));
  await client.revokeToken(session(manager).refreshToken);
  const state = await ended;
  const endedBy = state.kind === "signedOut" ? state.endedBy : undefined;
  expect(endedBy && endsSession(endedBy)).toBe(true);
  // The clear reason: what the wearer reads of it, in the sign-in's words.
  expect(describeFailure(endedBy, "refresh")).toEqual({ m: "sessionEnded" });
  await expect(manager.freshSession()).rejects.toMatchObject({ name: "NotSignedInError", endedBy });
});

test("sign-out revokes: the refresh token no longer refreshes; 'everywhere' where the emulator refuses revokes it too", async () => {
  const store = memoryStore();
  const { manager, client } = await signedInManager({ store });
  const s = session(manager);
  await manager.signOut(false);
  expect(manager.state()).toEqual({ kind: "signedOut", endedBy: undefined });
  expect(store.data).toEqual({});
  await expect(client.refresh(s.refreshToken, s.username)).rejects.toMatchObject({ type: "NotAuthorizedException" });

  const other = await signedInManager({ store });
  const o = session(other.manager);
  // cognito-local has no GlobalSignOut: its refusal is said, this session's refresh token is revoked
  // instead, and nothing is left behind.
  await expect(other.manager.signOut(true)).resolves.toMatchObject({ type: "Unsupported" });
  expect(other.manager.state().kind).toBe("signedOut");
  expect(store.data).toEqual({});
  await expect(client.refresh(o.refreshToken, o.username)).rejects.toMatchObject({ type: "NotAuthorizedException" });
});

test("a sign-out cut off on its way is sent at a later wake, even after a restart: the token works until then, not after", async () => {
  let offline = true;
  const revokes: string[] = [];
  const fetchImpl: FetchLike = (url, init) => {
    if (offline) return Promise.reject(new TypeError("Network request failed"));
    const body = JSON.parse(init.body);
    if (init.headers["X-Amz-Target"].endsWith(".RevokeToken")) revokes.push(body.Token);
    return fetch(url, init as RequestInit) as unknown as ReturnType<FetchLike>;
  };
  const client = cognitoClient({
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    endpoint: pool.endpoint,
    fetch: fetchImpl,
    timeoutMs: 5000,
  });
  const user = await pool.confirmedUser();
  offline = false;
  const step = await client.signIn(user.username, user.password, { flow: "password" });
  if (step.kind !== "signedIn") throw new Error("sign-in answered a challenge");
  const store = memoryStore();
  const log: string[] = [];
  // No timers (as in the CLI): only the wake sends it.
  const make = () => {
    const m = sessionManager({
      store,
      client: () => client,
      log: (l) => log.push(l),
      timers: { set: () => undefined, clear: () => undefined },
    });
    managers.push(m);
    return m;
  };
  const manager = make();
  manager.adopt(sessionFromSignIn(client.config, user.username, step.tokens));
  const s = session(manager);
  offline = true;
  await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "network" });
  expect(manager.state().kind).toBe("signedOut");
  manager.dispose(); // the process dies; a new one starts from the store
  offline = false;
  // Cognito never heard: the token still refreshes.
  await expect(client.refresh(s.refreshToken, s.username)).resolves.toMatchObject({ accessToken: expect.any(String) });
  const revived = make();
  expect(revokes).toEqual([]);
  await revived.wake("launch");
  expect(revokes).toEqual([s.refreshToken]);
  await expect(client.refresh(s.refreshToken, s.username)).rejects.toMatchObject({ type: "NotAuthorizedException" });
  expect(store.data).toEqual({});
  expect(log.join("\n")).not.toContain(s.refreshToken);
  expect(log.join("\n")).not.toMatch(/eyJ/);
});

test("ten concurrent callers due a refresh: one refresh request", async () => {
  let shift = 0;
  const now = () => Date.now() + shift;
  const { manager, counting } = await signedInManager({ now });
  await manager.refreshNow(); // learns that this endpoint needs REFRESH_TOKEN_AUTH
  const before = counting.actions.length;
  shift = LIFETIME_S * 1000;
  const sessions = await Promise.all(Array.from({ length: 10 }, () => manager.freshSession()));
  expect(counting.actions.slice(before)).toEqual(["InitiateAuth:REFRESH_TOKEN_AUTH"]);
  expect(new Set(sessions.map((s) => s.accessToken)).size).toBe(1);
});

test("a misbehaving server (500, 502 page, 429) then success: backoff, the session never dropped", async () => {
  const server = await startMisbehavingServer();
  try {
    const sent: number[] = [];
    const timed: FetchLike = (url, init) => {
      sent.push(Date.now());
      return fetch(url, init as RequestInit) as unknown as ReturnType<FetchLike>;
    };
    const client = cognitoClient({
      userPoolId: "eu-west-1_Test1",
      clientId: "client1",
      endpoint: server.endpoint,
      timeoutMs: 2000,
      fetch: timed,
    });
    const nowS = Math.floor(Date.now() / 1000);
    const fresh = {
      AccessToken: makeJwt({ username: "ann", iat: nowS, exp: nowS + 60 }),
      IdToken: makeJwt({ "cognito:username": "ann", iat: nowS, exp: nowS + 60 }),
      ExpiresIn: 60,
    };
    server.respondWith(
      { kind: "cognito-error", status: 500, type: "InternalErrorException", message: "try later" },
      { kind: "html", status: 502 },
      { kind: "cognito-error", status: 429, type: "TooManyRequestsException", in: "header" },
      { kind: "json", body: { AuthenticationResult: fresh } },
    );
    const states: SessionState[] = [];
    const manager = sessionManager({ store: memoryStore(), client: () => client, rotation: "off", backoff: { baseMs: 200, capMs: 5000 } });
    managers.push(manager);
    manager.onChange((s) => states.push(s));
    const t = Date.now();
    // Due now (3 s left of a 103 s lifetime), still usable while the refresh is retried.
    const old: StoredSession = {
      v: 1,
      userPoolId: "eu-west-1_Test1",
      clientId: "client1",
      username: "ann",
      refreshToken: "refresh-1",
      accessToken: makeJwt({ username: "ann" }),
      idToken: makeJwt({ username: "ann" }),
      expiresAt: t + 3000,
      receivedAt: t - 100_000,
      skewMs: 0,
    };
    manager.adopt(old);
    expect((await manager.freshSession()).accessToken).toBe(old.accessToken);
    for (let waited = 0; server.requests.length < 4 && waited < 5000; waited += 20) await sleep(20);
    await sleep(50);
    expect(server.requests).toHaveLength(4);
    expect(session(manager).accessToken).toBe(fresh.AccessToken);
    expect(states.every((s) => s.kind === "signedIn")).toBe(true);
    // Each retry waits its backoff: between half and all of 200, 400, 800 ms (plus the answer's own time).
    const gaps = sent.slice(1).map((t, i) => t - sent[i]);
    [200, 400, 800].forEach((step, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(step / 2 - 5);
      expect(gaps[i]).toBeLessThanOrEqual(step + 300);
    });
  } finally {
    await server.close();
  }
});

test("a sign-out through a bad network (captive portal, 502 page, reset, 500) stays pending; the first real answer ends it", async () => {
  const server = await startMisbehavingServer({
    queue: [
      { kind: "html" },
      { kind: "html", status: 502 },
      { kind: "reset" },
      { kind: "cognito-error", status: 500, type: "InternalErrorException" },
      { kind: "json", body: {} },
    ],
  });
  try {
    const client = cognitoClient({ userPoolId: "eu-west-1_Test1", clientId: "client1", endpoint: server.endpoint, timeoutMs: 2000 });
    const store = memoryStore();
    const manager = sessionManager({ store, client: () => client, backoff: { baseMs: 100, capMs: 400 } });
    managers.push(manager);
    const t = Date.now();
    manager.adopt({
      v: 1,
      userPoolId: "eu-west-1_Test1",
      clientId: "client1",
      username: "ann",
      refreshToken: "refresh-1",
      accessToken: makeJwt({ username: "ann" }),
      idToken: makeJwt({ username: "ann" }),
      expiresAt: t + 3_600_000,
      receivedAt: t,
      skewMs: 0,
    });
    await expect(manager.signOut(false)).rejects.toMatchObject({ kind: "badResponse", status: 200 });
    for (let waited = 0; Object.keys(store.data).length && waited < 5000; waited += 20) await sleep(20);
    expect(store.data).toEqual({});
    expect(server.requests.map((r) => r.json)).toEqual(Array(5).fill({ Token: "refresh-1", ClientId: "client1" }));
  } finally {
    await server.close();
  }
});

test("a crash mid-write (the store throws on its 2nd write) keeps a usable refresh token", async () => {
  const mem = memoryStore();
  const { manager, make } = await signedInManager({ store: failingWrites(mem, [2]) });
  const stored = session(manager);
  const refreshed = await manager.refreshNow();
  expect(refreshed.accessToken).not.toBe(stored.accessToken);
  manager.dispose();
  // The process dies here; a new one starts from what the store holds.
  const revived = make(mem);
  expect(session(revived).refreshToken).toBe(stored.refreshToken);
  const after = await revived.refreshNow();
  expect((await revived.whoami()).username).toBe(after.username);
});
