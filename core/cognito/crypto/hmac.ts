import { concat } from "./concat";
import { sha256 } from "./sha256";

/** HMAC-SHA256 (RFC 2104); keys longer than the 64-byte block are hashed first. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const xor = (pad: number) => block.map((b) => b ^ pad);
  return sha256(concat(xor(0x5c), sha256(concat(xor(0x36), data))));
}
