// One refresh of a session's tokens, by the call the rotation setting and the session's learned mode say.
//
// Which call (the "auto" setting): GetTokensFromRefreshToken first, because real Cognito accepts it
// whether or not the app client rotates refresh tokens, while REFRESH_TOKEN_AUTH stops working once
// rotation is on. Its answer tells rotation apart (a new refresh token, or none). Only when the endpoint
// does not know the action (cognito-local: "CognitoLocal#Unsupported"; AWS JSON services:
// UnknownOperationException) does the session fall back to REFRESH_TOKEN_AUTH, at once and in the same
// refresh. The outcome is kept in the stored session's `refreshMode`, so the probe costs one request once
// per session.
import { CognitoClient, actionUnknown } from "../cognito";
import { RefreshMode, StoredSession, sessionAfterRefresh } from "./stored-session";

/** "on": GetTokensFromRefreshToken only; "off": REFRESH_TOKEN_AUTH only; "auto": see above. */
export type RotationSetting = "auto" | "on" | "off";

/** `s` after one refresh call; rejects with the call's failure. */
export function refreshCall(
  c: CognitoClient,
  s: StoredSession,
  rotation: RotationSetting,
  say: (line: string) => void,
): Promise<StoredSession> {
  const initiateAuth = (mode: RefreshMode | undefined) =>
    c.refresh(s.refreshToken, s.username, s.deviceKey).then((tokens) => sessionAfterRefresh(s, tokens, mode));
  if (rotation === "off") return initiateAuth(s.refreshMode);
  if (rotation === "auto" && s.refreshMode === "initiateAuth") return initiateAuth("initiateAuth");
  return c.refreshRotating(s.refreshToken, s.deviceKey).then(
    (next) => sessionAfterRefresh(s, next, next.refreshToken ? "rotating" : "fixed"),
    (err) => {
      if (rotation === "on" || !actionUnknown(err)) throw err;
      say("GetTokensFromRefreshToken unknown here, using REFRESH_TOKEN_AUTH");
      return initiateAuth("initiateAuth");
    },
  );
}
