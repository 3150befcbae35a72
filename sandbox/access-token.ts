// Checks an access token the emulator issued, as Cognito checks one that authorizes a call on the user's
// behalf (ConfirmDevice, UpdateDeviceStatus, ForgetDevice…): signed with the emulator's key, an access
// token, not expired. cognito-local's own GetUser only decodes it; the device calls must not be made
// with a forged or stale token, so their tests can show a refusal.
import { createPublicKey, JsonWebKey, KeyObject, verify } from "node:crypto";

export interface AccessClaims {
  username: string;
  client_id: string;
  iss: string;
}

/** What is wrong with a token, in Cognito's words, or its claims. */
export type AccessTokenCheck = { ok: true; claims: AccessClaims } | { ok: false; message: string };

/** A checker for tokens signed with this public key (cognito-local's `keys/cognitoLocal.public.json`). */
export function accessTokenChecker(publicJwk: JsonWebKey): (token: unknown, now?: Date) => AccessTokenCheck {
  const key: KeyObject = createPublicKey({ key: publicJwk, format: "jwk" });
  const invalid: AccessTokenCheck = { ok: false, message: "Invalid Access Token" };
  return (token, now = new Date()) => {
    const parts = typeof token === "string" ? token.split(".") : [];
    if (parts.length !== 3) return invalid;
    let header: { alg?: unknown };
    let claims: Partial<AccessClaims> & { token_use?: unknown; exp?: unknown };
    try {
      header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
      claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    } catch {
      return invalid;
    }
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`, "utf8");
    if (header.alg !== "RS256" || !verify("RSA-SHA256", signed, key, Buffer.from(parts[2], "base64url"))) return invalid;
    if (claims.token_use !== "access" || typeof claims.username !== "string" || typeof claims.client_id !== "string") return invalid;
    if (typeof claims.exp !== "number" || claims.exp * 1000 <= now.getTime()) return { ok: false, message: "Access Token has expired" };
    return { ok: true, claims: { username: claims.username, client_id: claims.client_id, iss: String(claims.iss) } };
  };
}
