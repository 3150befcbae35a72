// The token store: two alternating records, the newest whole one wins, and no failed or half-done
// write can take the refresh token with it, nor a pending sign-out, nor a new session.
import { PendingSignOut, TokenStore, tokenStore } from "../../../core/session/token-store";
import { StoredSession } from "../../../core/session/stored-session";
import { failingWrites, memoryStore } from "../../../devkit/simulation/memory-store";

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

/** A store that dies (throws, then refuses everything) at its `crashAt`-th setItem or removeItem. */
function crashingStore(mem: ReturnType<typeof memoryStore>, crashAt: number) {
  let ops = 0;
  const step = () => {
    if (++ops >= crashAt) throw new Error("crashed");
  };
  return {
    getItem: (key: string) => mem.getItem(key),
    setItem: (key: string, value: string) => (step(), mem.setItem(key, value)),
    removeItem: (key: string) => (step(), mem.removeItem(key)),
    ops: () => ops,
  };
}

test("a record with neither a session nor a pending sign-out is no record: both keys go, the older first", () => {
  const mem = memoryStore();
  const store = tokenStore(mem);
  store.save(session(1));
  store.save(session(2));
  store.save(undefined, []);
  expect(mem.data).toEqual({});
  expect(store.load()).toBeUndefined();
  expect(store.pendingSignOuts()).toEqual([]);
  // Both keys held (an earlier removal failed), and the removal stops half-way: what is left is the
  // newest record, a pending sign-out, not the older signed-in session.
  const both = tokenStore({ ...mem, removeItem: () => undefined });
  both.save(session(1));
  both.save(undefined, [session(1)]);
  expect(Object.keys(mem.data)).toHaveLength(2);
  const halfway = tokenStore(crashingStore(mem, 2));
  halfway.load();
  expect(() => halfway.save(undefined, [])).toThrow(/crashed/);
  const left = tokenStore(mem);
  expect(left.load()).toBeUndefined();
  expect(left.pendingSignOuts()).toEqual([session(1)]);
});

test("the pending sign-outs live in the session's record, and a new session keeps them", () => {
  const mem = memoryStore();
  const store = tokenStore(mem);
  store.save(session(1));
  store.save(undefined, [{ ...session(1), everywhere: true }]);
  expect(Object.keys(mem.data)).toHaveLength(1);
  const loaded = tokenStore(mem);
  expect(loaded.load()).toBeUndefined();
  expect(loaded.pendingSignOuts()).toEqual([{ ...session(1), everywhere: true }]);
  // A sign-in (as the CLI's login writes it: load, then save the session alone).
  loaded.save(session(2));
  const again = tokenStore(mem);
  expect(again.load()).toEqual(session(2));
  expect(again.pendingSignOuts()).toEqual([{ ...session(1), everywhere: true }]);
});

test("a record written before pending sign-outs existed still loads", () => {
  const mem = memoryStore({ "cognito.session.b": JSON.stringify({ seq: 4, session: session(4) }) });
  const store = tokenStore(mem);
  expect(store.load()).toEqual(session(4));
  expect(store.pendingSignOuts()).toEqual([]);
});

test("a damaged pending sign-out disqualifies its record: the other, whole one wins", () => {
  const mem = memoryStore();
  const store = tokenStore(mem);
  store.save(undefined, [session(1)]);
  mem.data["cognito.session.b"] = JSON.stringify({ seq: 9, session: session(2), revoke: [{ ...session(1), refreshToken: 7 }] });
  const loaded = tokenStore(mem);
  expect(loaded.load()).toBeUndefined();
  expect(loaded.pendingSignOuts()).toEqual([session(1)]);
  mem.data["cognito.session.b"] = JSON.stringify({ seq: 9, session: session(2), revoke: "refresh-1" });
  expect(tokenStore(mem).pendingSignOuts()).toEqual([]); // nothing loaded yet
  expect(tokenStore(mem).load()).toBeUndefined();
});

test("a crash at any write of sign-in, sign-out, sign-in while pending, confirmation: the state before or after, never less", () => {
  const pending1: PendingSignOut = { ...session(1), everywhere: false };
  type State = { session: StoredSession | undefined; pending: PendingSignOut[] };
  // Each step and the state it leaves.
  const steps: [(s: TokenStore) => void, State][] = [
    [(s) => s.save(session(1)), { session: session(1), pending: [] }],
    [(s) => s.save(undefined, [pending1]), { session: undefined, pending: [pending1] }],
    [(s) => s.save(session(2)), { session: session(2), pending: [pending1] }],
    [(s) => s.save(session(3)), { session: session(3), pending: [pending1] }],
    [(s) => s.save(session(3), []), { session: session(3), pending: [] }],
    [(s) => s.save(undefined, []), { session: undefined, pending: [] }],
  ];
  const read = (mem: ReturnType<typeof memoryStore>): State => {
    const s = tokenStore(mem);
    return { session: s.load(), pending: s.pendingSignOuts() };
  };
  // Without a crash: each step leaves its state, and the whole run takes this many store operations.
  const wholeMem = memoryStore();
  const whole = crashingStore(wholeMem, Infinity);
  const plain = tokenStore(whole);
  for (const [run, expected] of steps) {
    run(plain);
    expect(read(wholeMem)).toEqual(expected);
  }
  for (let crashAt = 1; crashAt <= whole.ops(); crashAt++) {
    const mem = memoryStore();
    const store = crashingStore(mem, crashAt);
    const tokens = tokenStore(store);
    let done = 0;
    try {
      for (const [run] of steps) {
        run(tokens);
        done++;
      }
    } catch (_) {
      /* the process is gone */
    }
    const before: State = done === 0 ? { session: undefined, pending: [] } : steps[done - 1][1];
    const after = steps[done] ? steps[done][1] : before;
    const found = read(mem);
    expect([before, after]).toContainEqual(found);
  }
});
