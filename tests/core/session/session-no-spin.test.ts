// While a refresh is under way the manager sets no timer: it used to wake every tick to join the
// refresh it was already waiting for (seen as ~20 "refresh due" lines per refresh in the preview).
import { cognitoClient } from "../../../core/cognito";
import { sessionManager } from "../../../core/session/session-manager";
import { sessionFromSignIn } from "../../../core/session/stored-session";
import { makeJwt } from "../../../devkit/simulation/jwt";
import { memoryStore } from "../../../devkit/simulation/memory-store";

let dispose: () => void = () => undefined;
afterEach(() => dispose());

test("a slow refresh is waited for, not polled", async () => {
  const t = Math.floor(Date.now() / 1000);
  const jwt = (life: number) => makeJwt({ sub: "s", username: "ann", iat: t, exp: t + life });
  let release: (() => void) | undefined;
  let refreshes = 0;
  const fetch = async (_url: string, init: { body: string; headers: Record<string, string> }) => {
    refreshes++;
    await new Promise<void>((r) => (release = r));
    const body = { AuthenticationResult: { AccessToken: jwt(3600), IdToken: jwt(3600), ExpiresIn: 3600 } };
    void init;
    return { status: 200, headers: new Headers(), text: async () => JSON.stringify(body) };
  };
  const client = cognitoClient({ userPoolId: "eu-west-1_A1", clientId: "c1", fetch });
  const log: string[] = [];
  const timersSet: number[] = [];
  const manager = sessionManager({
    store: memoryStore(),
    client: () => client,
    rotation: "off",
    log: (l) => log.push(l),
    timers: {
      set: (fn, ms) => {
        timersSet.push(ms);
        return setTimeout(fn, ms);
      },
      clear: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  });
  // Tokens for 0.2 s: due almost at once (the margin is a share of the lifetime).
  const tokens = {
    accessToken: jwt(1),
    idToken: jwt(1),
    refreshToken: "r",
    tokenType: "Bearer",
    receivedAt: Date.now(),
    expiresAt: Date.now() + 200,
    skewMs: 0,
  };
  dispose = () => {
    manager.dispose();
    if (release) release();
  };
  manager.adopt(sessionFromSignIn({ userPoolId: "eu-west-1_A1", clientId: "c1" }, "ann", tokens));
  // The timer fires, and the refresh hangs until released.
  await new Promise((r) => setTimeout(r, 300));
  expect(refreshes).toBe(1);
  expect(log.filter((l) => /refresh due/.test(l))).toHaveLength(1);
  const setWhileWaiting = timersSet.length;
  await new Promise((r) => setTimeout(r, 200));
  expect(timersSet.length).toBe(setWhileWaiting); // nothing scheduled while waiting
  release!();
  await new Promise((r) => setTimeout(r, 50));
  expect(manager.state().kind).toBe("signedIn");
  expect(timersSet.length).toBe(setWhileWaiting + 1); // the next refresh, scheduled by the one that ended
  expect(timersSet[timersSet.length - 1]).toBeGreaterThan(60_000);
});
