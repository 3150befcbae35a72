// TextEncoder/TextDecoder may be missing in the Fitbit companion. encodeURIComponent and
// decodeURIComponent speak UTF-8 in every engine, and Annex B's escape/unescape turn their %XX escapes
// into "binary string" characters (one per byte, 0..255) and back.

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8Encode(s: string): Uint8Array {
  // encodeURIComponent throws on a lone surrogate: pairs are kept (they match first), lone halves replaced.
  const wellFormed = s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, (c) => (c.length > 1 ? c : "\ufffd"));
  return Uint8Array.from(unescape(encodeURIComponent(wellFormed)), (c) => c.charCodeAt(0));
}

/**
 * A string from UTF-8 bytes. Throws a URIError on anything that is not UTF-8 (overlong forms, encoded
 * surrogates, code points above U+10FFFF, truncated or stray bytes), as TextDecoder does with `fatal`.
 */
export function utf8Decode(b: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < b.length; i++) binary += String.fromCharCode(b[i]);
  return decodeURIComponent(escape(binary));
}
