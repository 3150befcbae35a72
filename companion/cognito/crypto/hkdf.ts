import { hmacSha256 } from "./hmac";

/**
 * HKDF-SHA256 (RFC 5869), extract then expand to `length` bytes (at most 255 × 32). Cognito's SRP takes
 * 16 bytes with salt = pad(u) and info = "Caldera Derived Key".
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length < 0 || length > 255 * 32) throw new Error("HKDF length out of range");
  const prk = hmacSha256(salt, ikm);
  const out = new Uint8Array(length);
  let t = new Uint8Array(0);
  for (let i = 1, done = 0; done < length; i++) {
    const msg = new Uint8Array(t.length + info.length + 1);
    msg.set(t);
    msg.set(info, t.length);
    msg[msg.length - 1] = i;
    t = hmacSha256(prk, msg);
    out.set(t.subarray(0, Math.min(32, length - done)), done);
    done += 32;
  }
  return out;
}
