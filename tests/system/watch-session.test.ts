// Staying signed in, seen from the watch, against cognito-local with 3-second tokens: the watch's calls
// to the wearer's service keep succeeding across many expiries (the service refuses any token past its
// exp), and once the refresh token is revoked the watch is told the session ended.
import { SETTING } from "../../common/settings-keys";
import { ID } from "../../core/watch";
import { CallAnswer } from "../../app/calls";
import { decodeJwtPayload } from "../../core/cognito";
import { startMisbehavingServer, MisbehavingServer } from "../support/misbehaving-server";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { poolSettings, startWatchSystem } from "../../devkit/watch-system";

let pool: TestPool;
let service: MisbehavingServer;
let refused = 0;
beforeAll(async () => {
  pool = await startTestPool({ tokenLifetime: { value: 3, unit: "seconds" } });
  // The wearer's service: 200 for a bearer token still inside its exp, 401 otherwise.
  service = await startMisbehavingServer({
    always: {
      kind: "custom",
      handle: (request, response) => {
        const token = String(request.headers.authorization || "").replace(/^Bearer /, "");
        const claims = decodeJwtPayload(token);
        const fresh = !!claims && typeof claims.exp === "number" && claims.exp * 1000 > Date.now();
        if (!fresh) refused++;
        response.writeHead(fresh ? 200 : 401, { "content-type": "application/json" });
        response.end(JSON.stringify({ fresh }));
      },
    },
  });
});
afterAll(async () => {
  if (pool) await pool.stop();
  if (service) await service.close();
});

test("calls from the watch succeed across expiries; a revoked refresh token ends the session on the watch", async () => {
  const user = await pool.confirmedUser();
  const s = startWatchSystem({ ...poolSettings(pool, user.username), [SETTING.flow]: "password", [SETTING.serviceUrl]: service.endpoint });
  await s.reach("signedOut");
  await s.companion.controller.handle({ t: "signIn", pw: user.password }, () => undefined);
  await s.reach("signedIn");

  const answers: CallAnswer[] = [];
  const until = Date.now() + 10_000; // more than three token lifetimes
  while (Date.now() < until) {
    let answer: CallAnswer | undefined;
    s.watch.app.calls.request("/ping", (a) => (answer = a));
    await s.settle(
      () => answer !== undefined,
      () => "a call got no answer",
    );
    answers.push(answer!);
    await new Promise((r) => setTimeout(r, 150));
  }
  expect(answers.length).toBeGreaterThan(30);
  expect(answers.filter((a) => !a.ok || a.status !== 200)).toEqual([]);
  // A refused token may happen (a request racing an expiry); the retry after a refresh must cover it.
  expect(refused).toBeLessThanOrEqual(2);
  expect(s.watch.doc.textOf(ID.signedInRefreshed)).toMatch(/\d\d:\d\d/);

  // The refresh token is revoked elsewhere: at the next refresh the session ends, and the watch says so.
  const state = s.companion.session.state();
  if (state.kind !== "signedIn") throw new Error("signed out too early");
  await fetch(pool.endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.RevokeToken" },
    body: JSON.stringify({ Token: state.session.refreshToken, ClientId: pool.clientId }),
  });
  await s.reach("signedOut", 10_000);
  expect(s.watch.doc.textOf(ID.signedOutReason)).toBe("Your session ended. Sign in again.");
  s.companion.session.dispose();
}, 40_000);
