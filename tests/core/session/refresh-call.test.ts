// One refresh call, by the rotation setting and what the session learned: GetTokensFromRefreshToken
// first, REFRESH_TOKEN_AUTH where the endpoint does not know it (and from then on), or as set.
import { CognitoClient, CognitoServiceError, RefreshedTokens } from "../../../core/cognito";
import { RotationSetting, refreshCall } from "../../../core/session/refresh-call";
import { RefreshMode, StoredSession } from "../../../core/session/stored-session";

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

const session = (refreshMode?: RefreshMode): StoredSession => ({
  v: 1,
  userPoolId: "eu-west-1_Test1",
  clientId: "client1",
  username: "ann",
  refreshToken: "rt-1",
  accessToken: "at-1",
  idToken: "id-1",
  receivedAt: T0,
  expiresAt: T0 + 3_600_000,
  skewMs: 0,
  refreshMode,
});

const tokens = (refreshToken?: string): RefreshedTokens => ({
  accessToken: "at-2",
  idToken: "id-2",
  tokenType: "Bearer",
  receivedAt: T0 + 1000,
  expiresAt: T0 + 3_601_000,
  skewMs: 0,
  refreshToken,
});

/** A client whose GetTokensFromRefreshToken answers `rotating` (a failure, or tokens). */
function client(rotating: Error | RefreshedTokens) {
  const calls: string[] = [];
  const c = {
    refresh: (refreshToken: string, username: string) => {
      calls.push(`REFRESH_TOKEN_AUTH ${refreshToken} ${username}`);
      return Promise.resolve(tokens());
    },
    refreshRotating: (refreshToken: string) => {
      calls.push(`GetTokensFromRefreshToken ${refreshToken}`);
      return rotating instanceof Error ? Promise.reject(rotating) : Promise.resolve(rotating);
    },
  } as unknown as CognitoClient;
  return { c, calls };
}

const unknownAction = new CognitoServiceError("Unsupported", "Cognito Local unsupported feature", 500);
const call = (c: CognitoClient, s: StoredSession, rotation: RotationSetting, said: string[] = []) =>
  refreshCall(c, s, rotation, (line) => said.push(line));

test("auto: GetTokensFromRefreshToken; a new refresh token means rotating, none means fixed", async () => {
  const rotating = client(tokens("rt-2"));
  const next = await call(rotating.c, session(), "auto");
  expect(next).toMatchObject({ refreshToken: "rt-2", accessToken: "at-2", refreshMode: "rotating", lastRefreshAt: T0 + 1000 });
  expect(rotating.calls).toEqual(["GetTokensFromRefreshToken rt-1"]);
  const fixed = client(tokens());
  expect(await call(fixed.c, session(), "auto")).toMatchObject({ refreshToken: "rt-1", refreshMode: "fixed" });
});

test("auto, where the endpoint does not know the action: REFRESH_TOKEN_AUTH in the same refresh, learned for next time", async () => {
  const { c, calls } = client(unknownAction);
  const said: string[] = [];
  const next = await call(c, session(), "auto", said);
  expect(next.refreshMode).toBe("initiateAuth");
  expect(calls).toEqual(["GetTokensFromRefreshToken rt-1", "REFRESH_TOKEN_AUTH rt-1 ann"]);
  expect(said).toEqual(["GetTokensFromRefreshToken unknown here, using REFRESH_TOKEN_AUTH"]);
  calls.length = 0;
  await call(c, next, "auto");
  expect(calls).toEqual(["REFRESH_TOKEN_AUTH rt-1 ann"]);
});

test("auto: any other failure is the refresh's failure, with no fallback", async () => {
  const { c, calls } = client(new CognitoServiceError("NotAuthorizedException", "Refresh Token has been revoked", 400));
  await expect(call(c, session(), "auto")).rejects.toMatchObject({ type: "NotAuthorizedException" });
  expect(calls).toEqual(["GetTokensFromRefreshToken rt-1"]);
});

test("on: GetTokensFromRefreshToken only, even where it is unknown", async () => {
  const { c, calls } = client(unknownAction);
  await expect(call(c, session("initiateAuth"), "on")).rejects.toBe(unknownAction);
  expect(calls).toEqual(["GetTokensFromRefreshToken rt-1"]);
});

test("off: REFRESH_TOKEN_AUTH only, the session's mode kept as it was", async () => {
  const { c, calls } = client(tokens("rt-2"));
  expect((await call(c, session(), "off")).refreshMode).toBeUndefined();
  expect((await call(c, session("fixed"), "off")).refreshMode).toBe("fixed");
  expect(calls).toEqual(["REFRESH_TOKEN_AUTH rt-1 ann", "REFRESH_TOKEN_AUTH rt-1 ann"]);
});
