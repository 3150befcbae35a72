// The record the manager and its two machines share: the session and the pending sign-outs, held in
// memory and written as one record of the crash-safe token store, whatever changed.
import { sessionRecord } from "../../../core/session/session-record";
import { signingOut } from "../../../core/session/sign-out-queue";
import { tokenStore } from "../../../core/session/token-store";
import { failingWrites, memoryStore } from "../../../devkit/simulation/memory-store";
import { T0, storedSession } from "../../support/stored-session";

const session = storedSession;

/** What a restarted phone would read. */
function stored(store: ReturnType<typeof memoryStore>) {
  const tokens = tokenStore(store);
  const s = tokens.load();
  return { session: s && s.refreshToken, pending: tokens.pendingSignOuts().map((p) => p.refreshToken) };
}

test("loads what the store holds: the session and the sign-outs pending beside it", () => {
  const store = memoryStore();
  tokenStore(store).save(session(2), [signingOut(session(1), false)]);
  const record = sessionRecord(store, () => undefined);
  expect(record.session()).toEqual(session(2));
  expect(record.signOuts().map((p) => p.refreshToken)).toEqual(["rt-1"]);
});

test("every change is one write of both: a new session keeps the pending sign-outs, a sign-out drops the session with its own", () => {
  const memory = memoryStore();
  const store = failingWrites(memory, []);
  const record = sessionRecord(store, () => undefined);
  record.write(session(1));
  expect(store.writes()).toBe(1);
  record.write(undefined, [signingOut(session(1), false)]);
  expect(store.writes()).toBe(2);
  expect(stored(memory)).toEqual({ session: undefined, pending: ["rt-1"] });
  record.write(session(2));
  expect(store.writes()).toBe(3);
  expect(stored(memory)).toEqual({ session: "rt-2", pending: ["rt-1"] });
});

test("a failed write: the previous record stays whole, the new one lives in memory and is written at the next retry", () => {
  const memory = memoryStore();
  const store = failingWrites(memory, [2]);
  const said: string[] = [];
  const record = sessionRecord(store, (line) => said.push(line));
  record.write(session(1));
  expect(() => record.write(undefined, [signingOut(session(1), false)])).not.toThrow();
  expect(said).toEqual(["could not store the session (Error)"]);
  expect(stored(memory)).toEqual({ session: "rt-1", pending: [] });
  expect(record.session()).toBeUndefined();
  record.retryWrite();
  expect(stored(memory)).toEqual({ session: undefined, pending: ["rt-1"] });
  // Written: nothing more to retry.
  record.retryWrite();
  expect(store.writes()).toBe(3);
});
