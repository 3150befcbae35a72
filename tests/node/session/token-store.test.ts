// The token store: two alternating records, the newest whole one wins, and no failed or half-done
// write can take the refresh token with it.
import { tokenStore } from "../../../companion/session/token-store";
import { StoredSession } from "../../../companion/session/stored-session";
import { failingWrites, memoryStore } from "../../support/memory-store";

const session = (n: number): StoredSession => ({
  v: 1,
  userPoolId: "eu-west-1_Test1",
  clientId: "client",
  username: "ann",
  refreshToken: `refresh-${n}`,
  accessToken: `access-${n}`,
  idToken: `id-${n}`,
  expiresAt: 1000 + n,
  receivedAt: n,
  skewMs: 0,
});

test("saves, loads the newest, keeps one record once a write is done", () => {
  const mem = memoryStore();
  const store = tokenStore(mem);
  expect(store.load()).toBeUndefined();
  for (let n = 1; n <= 5; n++) {
    store.save(session(n));
    expect(Object.keys(mem.data)).toHaveLength(1);
    expect(tokenStore(mem).load()).toEqual(session(n));
  }
});

test("a write that throws leaves the previous record, and the next write still lands", () => {
  const mem = memoryStore();
  const flaky = failingWrites(mem, [2]);
  const store = tokenStore(flaky);
  store.save(session(1));
  expect(() => store.save(session(2))).toThrow(/simulated crash/);
  expect(tokenStore(mem).load()).toEqual(session(1));
  store.save(session(3));
  expect(tokenStore(mem).load()).toEqual(session(3));
});

test("a crash between writing the new record and removing the old: the newer wins", () => {
  const mem = memoryStore();
  const store = tokenStore({ ...mem, removeItem: () => undefined });
  store.save(session(1));
  store.save(session(2));
  expect(Object.keys(mem.data)).toHaveLength(2);
  expect(tokenStore(mem).load()).toEqual(session(2));
  // The next save goes to the older key, never over the newest.
  const again = tokenStore({ ...mem, removeItem: () => undefined });
  again.load();
  again.save(session(3));
  expect(tokenStore(mem).load()).toEqual(session(3));
  expect(Object.values(mem.data).some((v) => v.includes("refresh-2"))).toBe(true);
});

test("a half-written or damaged record is ignored in favour of the whole one", () => {
  const mem = memoryStore();
  const store = tokenStore(mem);
  store.save(session(1));
  const [key] = Object.keys(mem.data);
  const other = key.endsWith("a") ? key.replace(/a$/, "b") : key.replace(/b$/, "a");
  mem.data[other] = mem.data[key].replace("refresh-1", "refresh-9").slice(0, 40);
  expect(tokenStore(mem).load()).toEqual(session(1));
  mem.data[other] = JSON.stringify({ seq: 99, session: { ...session(9), refreshToken: "" } });
  expect(tokenStore(mem).load()).toEqual(session(1));
});

test("clear removes both records", () => {
  const mem = memoryStore();
  const store = tokenStore(mem);
  store.save(session(1));
  store.save(session(2));
  store.clear();
  expect(mem.data).toEqual({});
  expect(store.load()).toBeUndefined();
});
