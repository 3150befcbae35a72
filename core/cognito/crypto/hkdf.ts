import { concat } from "./concat";
import { hmacSha256 } from "./hmac";

/**
 * HKDF-SHA256 (RFC 5869), extract then expand to `length` bytes (at most 255 × 32). Cognito's SRP takes
 * 16 bytes with salt = pad(u) and info = "Caldera Derived Key".
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length < 0 || length > 255 * 32) throw new Error("HKDF length out of range");
  const prk = hmacSha256(salt, ikm);
  let okm = new Uint8Array(0);
  // T(i) = HMAC(PRK, T(i-1) ‖ info ‖ i), and the output is T(1) ‖ T(2) ‖ … cut to length.
  for (let t = okm, i = 1; okm.length < length; i++) okm = concat(okm, (t = hmacSha256(prk, concat(t, info, [i]))));
  return okm.slice(0, length);
}
