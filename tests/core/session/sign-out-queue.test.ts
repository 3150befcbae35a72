// The queue of pending sign-outs on its own: the record it shares with the session (a real one, over a
// store in memory), a client whose RevokeToken and GlobalSignOut the test answers, a clock it is handed.
// No refresh machine, no timer: what it asks of the manager is recorded.
import { CognitoClient, CognitoConfigError, CognitoNetworkError, CognitoServiceError } from "../../../core/cognito";
import { sessionRecord } from "../../../core/session/session-record";
import { replacePending, signOutQueue, signOutStaysPending, signingOut } from "../../../core/session/sign-out-queue";
import { StoredSession } from "../../../core/session/stored-session";
import { tokenStore } from "../../../core/session/token-store";
import { memoryStore } from "../../../devkit/simulation/memory-store";
import { T0, storedSession } from "../../support/stored-session";

const MINUTE = 60_000;

const session = storedSession;

type Answer = undefined | Error;

function rig(options: { clientId?: string } = {}) {
  let now = T0;
  const store = memoryStore();
  const record = sessionRecord(store, () => undefined);
  /** The calls made, and the answers to give, in order (none left: Cognito accepts). */
  const sent: string[] = [];
  const answers: Answer[] = [];
  const answer = (what: string) => {
    sent.push(what);
    const next = answers.shift();
    return next ? Promise.reject(next) : Promise.resolve();
  };
  const client = {
    config: { userPoolId: "eu-west-1_Test1", clientId: options.clientId || "client1" },
    revokeToken: (refreshToken: string) => answer(`RevokeToken ${refreshToken}`),
    globalSignOut: (accessToken: string) => answer(`GlobalSignOut ${accessToken}`),
  } as unknown as CognitoClient;
  const retries: number[] = [];
  let reschedules = 0;
  const exchanged: string[] = [];
  const queue = signOutQueue(
    record,
    () => client,
    (s) => {
      exchanged.push(s.refreshToken);
      return Promise.resolve(session(Number(s.refreshToken.slice(3)) + 1, now));
    },
    () => now,
    (failures) => {
      retries.push(failures);
      return now + 1000 * failures;
    },
    () => void reschedules++,
    () => undefined,
  );
  /** Signs `s` out as the manager does: the session gone and the sign-out pending, in one write. */
  const signOut = (s: StoredSession, everywhere = false) => {
    const mine = signingOut(s, everywhere);
    record.write(undefined, replacePending(record.signOuts(), mine, mine));
    return mine;
  };
  return {
    queue,
    record,
    sent,
    answers,
    retries,
    exchanged,
    reschedules: () => reschedules,
    signOut,
    at: (t: number) => void (now = t),
    /** The refresh tokens pending in the store, as a restarted phone would read them. */
    stored: () => {
      const tokens = tokenStore(store);
      tokens.load();
      return tokens.pendingSignOuts().map((p) => `${p.refreshToken}${p.everywhere ? " everywhere" : ""}`);
    },
  };
}

const offline = () => new CognitoNetworkError("offline");
const service = (type: string, message = "", status = 400) => new CognitoServiceError(type, message, status);

test("accepted: the sign-out leaves the store, and the timer is set again when the job ends", async () => {
  const { queue, signOut, sent, stored, reschedules } = rig();
  await expect(queue.retire(signOut(session(1)))).resolves.toBeUndefined();
  expect(sent).toEqual(["RevokeToken rt-1"]);
  expect(stored()).toEqual([]);
  expect(queue.nextAt()).toBe(Infinity);
  await Promise.resolve();
  expect(reschedules()).toBe(1);
});

test("not heard: rejects, stays pending with a retry time; a wake before it does nothing, one after it sends", async () => {
  const { queue, signOut, sent, answers, stored, retries, at } = rig();
  answers.push(offline());
  await expect(queue.retire(signOut(session(1)))).rejects.toMatchObject({ kind: "network" });
  expect(stored()).toEqual(["rt-1"]);
  expect(retries).toEqual([1]);
  expect(queue.nextAt()).toBe(T0 + 1000);
  expect(queue.wake(T0 + 999)).toBe(false);
  at(T0 + 1000);
  await queue.wake(T0 + 1000);
  expect(sent).toEqual(["RevokeToken rt-1", "RevokeToken rt-1"]);
  expect(stored()).toEqual([]);
  expect(queue.nextAt()).toBe(Infinity);
});

test("a final no (revocation not enabled): rejects and is dropped, not tried again", async () => {
  const { queue, signOut, answers, stored } = rig();
  answers.push(service("UnsupportedOperationException", "Token revocation is not enabled"));
  await expect(queue.retire(signOut(session(1)))).rejects.toMatchObject({ type: "UnsupportedOperationException" });
  expect(stored()).toEqual([]);
});

test("a token dead already: the sign-out happened all the same", async () => {
  const { queue, signOut, answers, stored } = rig();
  answers.push(service("NotAuthorizedException", "Refresh Token has been revoked"));
  await expect(queue.retire(signOut(session(1)))).resolves.toBeUndefined();
  expect(stored()).toEqual([]);
});

test("GlobalSignOut refused for good: RevokeToken of this session's token instead, and signOut says so", async () => {
  const { queue, signOut, sent, answers, stored } = rig();
  const refusal = service("NotAuthorizedException", "Access Token does not have required scopes");
  answers.push(refusal, offline());
  // The RevokeToken is cut off: what stays pending is a RevokeToken, not another GlobalSignOut.
  await expect(queue.retire(signOut(session(1), true))).rejects.toMatchObject({ kind: "network" });
  expect(sent).toEqual(["GlobalSignOut at-1", "RevokeToken rt-1"]);
  expect(stored()).toEqual(["rt-1"]);
  // Asked again (a new round for the same sign-out): the refusal is not the answer this time.
  await expect(queue.sendOldest()).resolves.toBeUndefined();
  expect(sent).toEqual(["GlobalSignOut at-1", "RevokeToken rt-1", "RevokeToken rt-1"]);
  expect(stored()).toEqual([]);
});

test("GlobalSignOut refused, RevokeToken accepted: resolves with the refusal", async () => {
  const { queue, signOut, answers } = rig();
  const refusal = service("Unsupported", "Cognito Local unsupported feature", 500);
  answers.push(refusal);
  await expect(queue.retire(signOut(session(1), true))).resolves.toBe(refusal);
});

test("GlobalSignOut on Cognito's trouble is asked again later, not given up", async () => {
  const { queue, signOut, sent, answers, stored } = rig();
  answers.push(service("InternalErrorException", "", 500));
  await expect(queue.retire(signOut(session(1), true))).rejects.toMatchObject({ type: "InternalErrorException" });
  expect(sent).toEqual(["GlobalSignOut at-1"]);
  expect(stored()).toEqual(["rt-1 everywhere"]);
});

test("GlobalSignOut with a dead access token refreshes first; the rotated refresh token is what stays pending", async () => {
  const { queue, signOut, sent, answers, stored, exchanged, at } = rig();
  at(T0 + 120 * MINUTE);
  answers.push(offline());
  await expect(queue.retire(signOut(session(1), true))).rejects.toMatchObject({ kind: "network" });
  expect(exchanged).toEqual(["rt-1"]);
  expect(sent).toEqual(["GlobalSignOut at-2"]);
  expect(stored()).toEqual(["rt-2 everywhere"]);
});

test("a refresh under way is waited for: its rotated token is the one ended", async () => {
  const { queue, signOut, sent, stored } = rig();
  const mine = signOut(session(1));
  let land: (s: StoredSession) => void = () => undefined;
  const flight = new Promise<StoredSession>((resolve) => (land = resolve));
  const retiring = queue.retire(mine, flight);
  await Promise.resolve();
  expect(sent).toEqual([]);
  land(session(2));
  await retiring;
  expect(sent).toEqual(["RevokeToken rt-2"]);
  expect(stored()).toEqual([]);
});

test("settings that name another app client keep it waiting, without a call", async () => {
  const { queue, signOut, sent, stored } = rig({ clientId: "client2" });
  await expect(queue.retire(signOut(session(1)))).rejects.toMatchObject({ kind: "config" });
  expect(sent).toEqual([]);
  expect(stored()).toEqual(["rt-1"]);
});

test("one job at a time: while one is under way the timer does not poll, and a wake adds none", async () => {
  const { queue, signOut, sent, answers } = rig();
  answers.push(offline());
  const first = queue.retire(signOut(session(1)));
  expect(queue.nextAt()).toBe(Infinity);
  expect(queue.wake(T0 + MINUTE)).toBe(false);
  await first.catch(() => undefined);
  expect(sent).toEqual(["RevokeToken rt-1"]);
});

test("signed out with nothing pending: nothing to send", () => {
  const { queue } = rig();
  expect(queue.sendOldest()).toBeUndefined();
  expect(queue.wake(T0)).toBe(false);
  expect(queue.nextAt()).toBe(Infinity);
});

test("one pending sign-out per refresh token; a rotated token replaces the one it came from", () => {
  const one = signingOut(session(1), false);
  const again = signingOut(session(1), true);
  const rotated = signingOut(session(2), false);
  const other = signingOut(session(7), false);
  expect(replacePending([one, other], again, again)).toEqual([other, again]);
  expect(replacePending([one, other], one, rotated)).toEqual([other, rotated]);
  expect(replacePending([one, other], one)).toEqual([other]);
});

test.each([
  ["no answer", true, offline()],
  ["throttled", true, service("TooManyRequestsException", "", 429)],
  ["Cognito's trouble", true, service("InternalErrorException", "", 500)],
  ["settings that name another client (not Cognito's answer)", true, new CognitoConfigError("settings", "name another app client")],
  ["an endpoint without the action (status 500)", false, service("Unsupported", "", 500)],
  ["a refusal", false, service("NotAuthorizedException", "Access Token has been revoked")],
  ["revocation not enabled", false, service("UnsupportedOperationException")],
])("signOutStaysPending: %s → %s", (_, stays, err) => {
  expect(signOutStaysPending(err)).toBe(stays);
});
