// A stored session as the session keeper's unit tests need one: tokens numbered n, received at
// `receivedAt`, an hour to live, no clock skew.
import type { StoredSession } from "../../core/session";

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const HOUR = 3_600_000;

export function storedSession(n: number, receivedAt = T0, clientId = "client1"): StoredSession {
  return {
    v: 1,
    userPoolId: "eu-west-1_Test1",
    clientId,
    username: "ann",
    refreshToken: `rt-${n}`,
    accessToken: `at-${n}`,
    idToken: `id-${n}`,
    receivedAt,
    expiresAt: receivedAt + HOUR,
    skewMs: 0,
  };
}
