import { decodeDigits, encodeDigits } from "./digits";

const HEX = "0123456789abcdef";

/** Lower-case hex, two digits a byte. */
export const bytesToHex = (b: Uint8Array): string => encodeDigits(b, HEX, 4);

/** Bytes from hex (either case, even length); throws on anything else. */
export const hexToBytes = (hex: string): Uint8Array => decodeDigits(hex.toLowerCase(), HEX, 4);
