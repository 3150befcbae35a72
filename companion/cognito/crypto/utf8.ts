// TextEncoder/TextDecoder may be missing in the Fitbit companion, so UTF-8 is done by hand.

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1); // NaN past the end
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/**
 * A string from UTF-8 bytes. Never throws: each maximal invalid subpart becomes one U+FFFD, exactly as
 * the WHATWG decoder (and so TextDecoder) does, so overlong forms and encoded surrogates are refused.
 */
export function utf8Decode(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; ) {
    const lead = b[i++];
    let need = 0;
    let c = lead;
    // The second byte's allowed range depends on the lead byte (this is what excludes overlongs,
    // surrogates and code points above U+10FFFF); later continuation bytes are plain 80..BF.
    let lo = 0x80;
    let hi = 0xbf;
    if (lead < 0x80) need = 0;
    else if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1;
      c = lead & 31;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      c = lead & 15;
      if (lead === 0xe0) lo = 0xa0;
      if (lead === 0xed) hi = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      c = lead & 7;
      if (lead === 0xf0) lo = 0x90;
      if (lead === 0xf4) hi = 0x8f;
    } else c = 0xfffd;
    for (; need > 0; need--) {
      const x = b[i];
      if (!(x >= lo && x <= hi)) {
        c = 0xfffd; // the offending byte is not consumed: it may start the next character
        break;
      }
      c = (c << 6) | (x & 63);
      i++;
      lo = 0x80;
      hi = 0xbf;
    }
    if (c < 0x10000) s += String.fromCharCode(c);
    else s += String.fromCharCode(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 1023));
  }
  return s;
}
