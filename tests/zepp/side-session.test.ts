// Staying signed in on Zepp, where the phone side runs only while the watch app or the settings have it
// running (no wake interval): against cognito-local with 3-second tokens, the side service is stopped
// between uses and started again as Zepp does; the watch's first call after a restart is served with a
// fresh token (the session woke at start and before serving it), then sign-out revokes the refresh token
// and leaves no token in the storage.
import { SETTING } from "../../common/settings-keys";
import { MESSAGE_BUDGET } from "../../common/limits";
import { jsonBytes } from "../../common/text";
import { ToWatch } from "../../common/protocol";
import { decodeJwtPayload } from "../../core/cognito";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { bundleSideService } from "../../devkit/fakes/zepp/side-bundle";
import { SideRuntime, sideRuntime, ZeppSettingsStorage } from "../../devkit/fakes/zepp/side-runtime";
import { PRIVATE_PREFIX } from "../../zepp/shared/side-keys";
import { startMisbehavingServer, MisbehavingServer } from "../support/misbehaving-server";

let pool: TestPool;
let service: MisbehavingServer;
let script: string;
let refused = 0;
const running: SideRuntime[] = [];

beforeAll(async () => {
  script = bundleSideService();
  pool = await startTestPool({ tokenLifetime: { value: 3, unit: "seconds" }, srp: true });
  // The wearer's service: 200 for a bearer token inside its exp, 401 otherwise; /big answers 5 KB.
  service = await startMisbehavingServer({
    always: {
      kind: "custom",
      handle: (request, response) => {
        const token = String(request.headers.authorization || "").replace(/^Bearer /, "");
        const claims = decodeJwtPayload(token);
        const fresh = !!claims && typeof claims.exp === "number" && claims.exp * 1000 > Date.now();
        if (!fresh) refused++;
        response.writeHead(fresh ? 200 : 401, { "content-type": "application/json" });
        response.end(JSON.stringify(request.url === "/big" ? { fresh, filler: "éx".repeat(1000) } : { fresh }));
      },
    },
  });
});
afterAll(async () => {
  if (pool) await pool.stop();
  if (service) await service.close();
});
afterEach(() => {
  while (running.length) running.pop()!.stop();
});

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function boot(storage: ZeppSettingsStorage): SideRuntime {
  const side = sideRuntime({ storage });
  running.push(side);
  side.boot(script);
  return side;
}

/** The watch's call of `path`, answered in full: status and the body put back together from its parts. */
async function call(side: SideRuntime, id: number, path: string): Promise<{ status: number; body: string }> {
  const from = side.watch.received.length;
  side.watch.send({ t: "call", id, path });
  const parts = () =>
    side.watch.messages(from).filter((m): m is Extract<ToWatch, { t: "callResult" }> => m.t === "callResult" && m.id === id);
  await until(() => parts().length > 0 && parts().length === parts()[0].parts, `the answer to call ${id}`);
  const sorted = parts().sort((a, b) => a.part - b.part);
  return { status: sorted[0].status, body: sorted.map((p) => p.body).join("") };
}

const privateTokens = (storage: ZeppSettingsStorage) =>
  Object.keys(storage.toObject()).filter((k) => k.indexOf(PRIVATE_PREFIX) === 0 && /eyJ/.test(storage.getItem(k)!));

test("refresh across second-long tokens with the side service stopped between uses; sign-out", async () => {
  const user = await pool.confirmedUser();
  const storage = new ZeppSettingsStorage();
  for (const [key, value] of [
    [SETTING.userPoolId, pool.userPoolId],
    [SETTING.clientId, pool.clientId],
    [SETTING.endpoint, pool.endpoint],
    [SETTING.username, user.username],
    [SETTING.serviceUrl, service.endpoint],
  ])
    storage.setItem(key, JSON.stringify({ name: value }));

  let side = boot(storage);
  side.watch.send({ t: "signIn", pw: user.password });
  await until(() => side.watch.lastView()?.s === "signedIn", "signed in");
  expect(await call(side, 1, "/ping")).toEqual({ status: 200, body: JSON.stringify({ fresh: true }) });

  // Three times: Zepp stops the side service, the tokens expire meanwhile, the watch app opens again.
  for (let round = 0; round < 3; round++) {
    side.stop();
    await sleep(3500);
    side = boot(storage);
    side.watch.send({ t: "hello" });
    const answer = await call(side, 10 + round, "/ping");
    expect(answer.status).toBe(200);
    const refreshes = side.fetches.filter((f) => f.action === "InitiateAuth" && f.authFlow === "REFRESH_TOKEN_AUTH");
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
  }
  expect(refused).toBe(0);
  await until(() => typeof (side.watch.lastView() as { refreshed?: number } | undefined)?.refreshed === "number", "refreshed shown");

  // A body larger than one message arrives in parts, each within the protocol's budget.
  const big = await call(side, 20, "/big");
  expect(big.status).toBe(200);
  expect(JSON.parse(big.body).filler).toBe("éx".repeat(1000));
  expect(Math.max(...side.watch.received.map((r) => jsonBytes(r.raw)))).toBeLessThanOrEqual(MESSAGE_BUDGET);
  expect(side.watch.received.filter((r) => r.msg && r.msg.t === "callResult" && r.msg.id === 20).length).toBeGreaterThan(1);

  // Sign out: the refresh token revoked at Cognito, no token left anywhere in the storage.
  expect(privateTokens(storage).length).toBeGreaterThan(0);
  const refreshToken = Object.keys(storage.toObject())
    .map((k) => storage.getItem(k)!)
    .map((v) => /"refreshToken":"([^"]+)"/.exec(v))
    .filter(Boolean)[0]![1];
  side.watch.send({ t: "signOut", everywhere: false });
  await until(() => side.watch.lastView()?.s === "signedOut", "signed out");
  expect(privateTokens(storage)).toEqual([]);
  expect(JSON.stringify(storage.toObject())).not.toMatch(/eyJ/);
  const res = await fetch(pool.endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
  });
  expect((await res.json()).__type).toMatch(/NotAuthorized/);
}, 40_000);

test("with its timers held (the phone keeps it in the background), the side service refreshes when the watch asks and when the settings change", async () => {
  const user = await pool.confirmedUser();
  const storage = new ZeppSettingsStorage();
  for (const [key, value] of [
    [SETTING.userPoolId, pool.userPoolId],
    [SETTING.clientId, pool.clientId],
    [SETTING.endpoint, pool.endpoint],
    [SETTING.username, user.username],
  ])
    storage.setItem(key, JSON.stringify({ name: value }));
  const side = boot(storage);
  side.watch.send({ t: "signIn", pw: user.password });
  await until(() => side.watch.lastView()?.s === "signedIn", "signed in");
  const refreshes = () => side.fetches.filter((f) => f.authFlow === "REFRESH_TOKEN_AUTH").length;
  const until_ = () => (side.watch.lastView() as { until?: number }).until || 0;

  side.suspendTimers();
  await sleep(3500);
  // Nothing refreshed on its own: the tokens lapsed.
  expect(refreshes()).toBe(0);
  expect(until_()).toBeLessThan(Date.now());
  // A hello needs no token, yet it wakes the session first: the watch is shown a refreshed one.
  side.watch.send({ t: "hello" });
  await until(() => refreshes() === 1 && until_() > Date.now(), "a refresh woken by the watch's request");

  await sleep(3500);
  expect(refreshes()).toBe(1);
  // A settings change wakes it too (the Settings App page toggling "Remember this watch").
  storage.setItem(SETTING.rememberDevice, JSON.stringify({ name: "false" }));
  await until(() => refreshes() === 2, "a refresh woken by a settings change");
  side.resumeTimers();
}, 30_000);
