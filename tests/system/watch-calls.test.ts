// Authorized calls from the watch to the wearer's own service, end to end: the watch asks, the
// companion adds `Authorization: Bearer <token>`, refreshes and retries once on a 401, splits a large
// answer into messages, and every failure reaches the watch as a clear error.
import { say } from "../../devkit/messages";
import { SETTING } from "../../common/settings-keys";
import { MESSAGE_BUDGET } from "../../common/limits";
import { CallAnswer } from "../../app/calls";
import { readClaims } from "../../core/cognito";
import { startMisbehavingServer, MisbehavingServer } from "../support/misbehaving-server";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { poolSettings, startWatchSystem, WatchSystem } from "../../devkit/watch-system";

let pool: TestPool;
let service: MisbehavingServer;
beforeAll(async () => {
  pool = await startTestPool();
  service = await startMisbehavingServer();
});
afterAll(async () => {
  if (pool) await pool.stop();
  if (service) await service.close();
});

async function signedInSystem(extra: { [key: string]: string } = {}): Promise<WatchSystem> {
  const user = await pool.confirmedUser();
  const s = startWatchSystem({ ...poolSettings(pool, user.username), [SETTING.flow]: "password", ...extra });
  await s.companion.controller.handle({ t: "signIn", pw: user.password }, () => undefined);
  await s.reach("signedIn");
  return s;
}

async function answer(s: WatchSystem, path: string): Promise<CallAnswer> {
  let result: CallAnswer | undefined;
  s.watch.app.calls.request(path, (a) => (result = a));
  await s.settle(
    () => result !== undefined,
    () => `no answer to ${path}`,
  );
  return result!;
}

test("a call carries the access token; a large answer arrives whole, in messages under the limit", async () => {
  const s = await signedInSystem({ [SETTING.serviceUrl]: service.endpoint + "api/" });
  const body = JSON.stringify({ items: Array.from({ length: 60 }, (_, i) => ({ i, name: `item ${i} ✓` })) });
  service.respondWith({ kind: "json", body: JSON.parse(body) });
  const before = s.channel.log.length;
  const got = await answer(s, "/items?page=1");
  expect(got).toEqual({ ok: true, status: 200, body });
  const request = service.requests[service.requests.length - 1];
  expect(request.url).toBe("/api/items?page=1");
  const auth = String(request.headers.authorization);
  expect(auth).toMatch(/^Bearer eyJ/);
  expect(readClaims(auth.slice(7)).clientId).toBe(pool.clientId); // the access token, not the ID token
  const parts = s.channel.log.slice(before).filter((m) => (m.data as any).t === "callResult");
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect(p.bytes).toBeLessThanOrEqual(MESSAGE_BUDGET);
  s.companion.session.dispose();
});

test("a 401 makes the companion refresh and retry once; the ID token when settings ask for it", async () => {
  const s = await signedInSystem({ [SETTING.serviceUrl]: service.endpoint, [SETTING.callToken]: "id" });
  const first = service.requests.length;
  service.respondWith(
    { kind: "cognito-error", status: 401, type: "Unauthorized", message: "token expired" },
    { kind: "json", body: { ok: 1 } },
  );
  const got = await answer(s, "/me");
  expect(got).toEqual({ ok: true, status: 200, body: '{"ok":1}' });
  const tried = service.requests.slice(first);
  expect(tried).toHaveLength(2);
  const [a, b] = tried.map((r) => String(r.headers.authorization).slice(7));
  expect(readClaims(b).email).toBeDefined(); // an ID token
  expect(a).not.toBe(b); // refreshed between the two
  s.companion.session.dispose();
});

test("failures reach the watch as clear errors", async () => {
  const noUrl = await signedInSystem();
  expect(await answer(noUrl, "/x")).toEqual({ ok: false, error: { m: "noServiceUrl" } });
  noUrl.companion.session.dispose();

  const plain = await signedInSystem({ [SETTING.serviceUrl]: "http://example.com/api" });
  expect(await answer(plain, "/x")).toEqual({
    ok: false,
    error: { m: "badServiceUrl", x: "service URL may use plain http only for localhost; use https" },
  });
  plain.companion.session.dispose();

  // A loopback address as the user name: the calls (with the wearer's token) would go to example.com.
  const trick = await signedInSystem({ [SETTING.serviceUrl]: "http://127.0.0.1:1@example.com/api" });
  const refused = await answer(trick, "/x");
  expect(refused).toEqual({ ok: false, error: { m: "badServiceUrl", x: "service URL must not carry a user name or password" } });
  expect(!refused.ok && say(refused.error)).toBe("Check the settings on the phone: service URL must not carry a user name or password");
  trick.companion.session.dispose();

  const s = await signedInSystem({ [SETTING.serviceUrl]: service.endpoint });
  service.respondWith({ kind: "huge-body", bytes: 200 * 1024 });
  const big = await answer(s, "/big");
  expect(big.ok).toBe(false);
  expect(!big.ok && say(big.error)).toMatch(/^The answer is too large for the watch: \d+ KB$/);
  service.respondWith({ kind: "reset" });
  expect(await answer(s, "/reset")).toEqual({
    ok: false,
    error: { m: "serviceUnreachable" },
  });
  service.respondWith({ kind: "html", status: 503 });
  expect(await answer(s, "/down")).toMatchObject({ ok: true, status: 503 }); // any HTTP answer is the app's to read
  s.companion.session.dispose();
});
