// RFC 6238 TOTP codes for tests and the sandbox: what an authenticator app would show for a secret.
// Node-only (node:crypto); the device and companion never generate codes, they only pass them on.
import { createHmac } from "node:crypto";

export type TotpAlgorithm = "sha1" | "sha256" | "sha512";

export interface TotpOptions {
  /** Unix time in milliseconds; default now. */
  time?: number;
  /** Seconds per step (RFC 6238 X); default 30, as Cognito uses. */
  period?: number;
  /** Default 6, as Cognito uses. */
  digits?: number;
  /** Default sha1, as Cognito and authenticator apps use. */
  algorithm?: TotpAlgorithm;
}

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Decodes RFC 4648 base32 (the form of Cognito's `SecretCode`); case, spaces and `=` padding are ignored. */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${JSON.stringify(char)}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** RFC 4226 HOTP for one counter value. */
export function hotp(key: Uint8Array, counter: number, digits = 6, algorithm: TotpAlgorithm = "sha1"): string {
  const message = Buffer.alloc(8);
  // The counter is 64-bit big-endian; JS numbers are exact up to 2^53, far beyond any time step.
  message.writeUInt32BE(Math.floor(counter / 0x100000000), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** RFC 6238 TOTP code for a raw key. */
export function totp(key: Uint8Array, options: TotpOptions = {}): string {
  const period = options.period ?? 30;
  const time = options.time ?? Date.now();
  return hotp(key, Math.floor(time / 1000 / period), options.digits ?? 6, options.algorithm ?? "sha1");
}

/** TOTP code for a base32 secret such as AssociateSoftwareToken's `SecretCode`. */
export function totpFromBase32(secret: string, options: TotpOptions = {}): string {
  return totp(base32Decode(secret), options);
}
