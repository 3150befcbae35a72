// The refresh machine on its own: a session, a clock and a refresh call it is handed, and what it tells
// the manager (keep these tokens, the session is over, set the timer again). No Cognito, no store, no timer.
import { CognitoNetworkError, CognitoServiceError } from "../../../core/cognito";
import { refreshScheduler } from "../../../core/session/refresh-scheduler";
import { StoredSession } from "../../../core/session/stored-session";
import { refreshDueAt } from "../../../core/session/timing";
import { T0, storedSession } from "../../support/stored-session";

const MINUTE = 60_000;

const session = storedSession;

/** A refresh call the test answers: each call waits for `answer` or `fail`. */
function deferredCalls() {
  const calls: { from: StoredSession; resolve(s: StoredSession): void; reject(e: unknown): void }[] = [];
  const exchange = (from: StoredSession) => new Promise<StoredSession>((resolve, reject) => calls.push({ from, resolve, reject }));
  return { calls, exchange };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** `null`: signed out. */
function rig(start: StoredSession | null = session(1)) {
  let now = T0;
  let current = start || undefined;
  const { calls, exchange } = deferredCalls();
  const told: string[] = [];
  const retries: number[] = [];
  const machine = refreshScheduler(
    () => current,
    () => {
      if (!current) throw new Error("not signed in");
      return current;
    },
    exchange,
    () => now,
    (failures) => {
      retries.push(failures);
      return now + 1000 * Math.pow(2, failures - 1);
    },
    (next) => {
      told.push(`refreshed ${next.accessToken}`);
      current = next;
    },
    (failure) => {
      told.push(`ended ${failure.type}`);
      current = undefined;
    },
    () => told.push("reschedule"),
    () => undefined,
  );
  return {
    machine,
    calls,
    told,
    retries,
    at: (t: number) => void (now = t),
    session: () => current,
  };
}

test("not due: the tokens as they are, without a call; the timer is asked for at the due time", async () => {
  const { machine, calls } = rig();
  expect(await machine.fresh()).toEqual(session(1));
  expect(calls).toHaveLength(0);
  expect(machine.wake(T0, "test")).toBe(false);
  expect(machine.nextAt(T0)).toBe(refreshDueAt(session(1)));
});

test("signed out: never due, no timer, and fresh() rejects as current() does", async () => {
  const { machine } = rig(null);
  expect(machine.wake(T0 + 120 * MINUTE, "test")).toBe(false);
  expect(machine.nextAt(T0)).toBe(Infinity);
  await expect(machine.fresh()).rejects.toThrow("not signed in");
});

test("due: every caller shares one call (a wake too), and its tokens are kept once", async () => {
  const { machine, calls, told, at } = rig();
  at(refreshDueAt(session(1)));
  const callers = [machine.fresh(), machine.fresh(), machine.refresh()];
  const woken = machine.wake(refreshDueAt(session(1)), "test");
  expect(woken).toBe(callers[2]);
  await flush();
  expect(calls).toHaveLength(1);
  // While it is under way the timer waits for its end, not for a time.
  expect(machine.nextAt(refreshDueAt(session(1)))).toBe(Infinity);
  calls[0].resolve(session(2, refreshDueAt(session(1))));
  expect((await Promise.all(callers)).map((s) => s.accessToken)).toEqual(["at-2", "at-2", "at-2"]);
  expect(told).toEqual(["refreshed at-2"]);
});

test("a transient failure backs off and never ends the session; the tokens serve while they last", async () => {
  const { machine, calls, told, retries, at, session: now } = rig();
  const due = refreshDueAt(session(1));
  at(due);
  const first = machine.fresh();
  await flush();
  calls[0].reject(new CognitoNetworkError("offline"));
  // Still usable: the caller gets the current tokens, not the failure.
  expect((await first).accessToken).toBe("at-1");
  expect(told).toEqual(["reschedule"]);
  expect(retries).toEqual([1]);
  expect(now()).toEqual(session(1));
  // Within the backoff: no call, and a wake is not due; the timer is asked for at the retry time.
  expect((await machine.fresh()).accessToken).toBe("at-1");
  expect(calls).toHaveLength(1);
  expect(machine.wake(due + 500, "test")).toBe(false);
  expect(machine.nextAt(due + 500)).toBe(due + 1000);
  // Past it: due again, and the next failure waits twice as long.
  at(due + 1000);
  const second = machine.wake(due + 1000, "test");
  if (!second) throw new Error("not due");
  calls[1].reject(new CognitoServiceError("InternalErrorException", "", 500));
  await expect(second).rejects.toMatchObject({ type: "InternalErrorException" });
  expect(retries).toEqual([1, 2]);
});

test("Cognito's word that the session is over ends it, with that failure; no retry is planned", async () => {
  const { machine, calls, told, retries, at } = rig();
  at(refreshDueAt(session(1)));
  const refreshing = machine.fresh();
  await flush();
  const dead = new CognitoServiceError("NotAuthorizedException", "Refresh Token has been revoked", 400);
  calls[0].reject(dead);
  await expect(refreshing).rejects.toBe(dead);
  expect(told).toEqual(["ended NotAuthorizedException"]);
  expect(retries).toEqual([]);
});

test("expired and failing: the caller gets the failure, the session stays", async () => {
  const { machine, calls, told, at, session: now } = rig();
  at(session(1).expiresAt + MINUTE);
  const refreshing = machine.fresh();
  await flush();
  calls[0].reject(new CognitoNetworkError("offline"));
  await expect(refreshing).rejects.toMatchObject({ kind: "network" });
  expect(told).toEqual(["reschedule"]);
  expect(now()).toEqual(session(1));
});

test("restart (a sign-in or a sign-out): the refresh under way is handed back, can no longer change the session, and is not joined", async () => {
  const { machine, calls, told, retries, at } = rig();
  at(refreshDueAt(session(1)));
  const before = machine.refresh();
  await flush();
  const flight = machine.restart();
  expect(flight).toBe(before);
  // A new refresh is a new call, not the old one joined.
  const after = machine.refresh();
  expect(calls).toHaveLength(2);
  calls[0].resolve(session(2));
  expect((await before).accessToken).toBe("at-2");
  expect(told).toEqual([]);
  calls[1].reject(new CognitoNetworkError("offline"));
  await expect(after).rejects.toMatchObject({ kind: "network" });
  // Only the current generation's failure counts.
  expect(retries).toEqual([1]);
  // The failure streak is forgotten too: due now means at once, not after a backoff.
  expect(machine.restart()).toBeUndefined();
  expect(machine.nextAt(refreshDueAt(session(1)))).toBe(0);
  const again = machine.wake(refreshDueAt(session(1)), "test");
  expect(again).toBeInstanceOf(Promise);
  expect(calls).toHaveLength(3);
});
