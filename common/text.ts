// Text measured the way a message is measured: UTF-8 bytes of JSON. ES5 only: this runs on the watch.

/** UTF-8 bytes of `s`; a lone surrogate counts 3, as its replacement character would. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** UTF-8 bytes of `JSON.stringify(value)`: what the size of a message is measured in. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value));
}

/**
 * True when `s` is fit to show: no control characters (C0, DEL, C1) and no lone surrogates. Such text
 * costs at most 3 bytes of JSON per code unit, which is what the limits in ./limits.ts are built on.
 */
export function isDisplayText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      if (!isLowSurrogate(s.charCodeAt(i + 1))) return false;
      i++;
    } else if (isLowSurrogate(c)) return false;
  }
  return true;
}

/**
 * Makes any text fit a display field: control characters become spaces, lone surrogates U+FFFD, runs of
 * spaces one space, and text longer than `max` code units is cut (never inside a surrogate pair) and
 * ends with "…". The companion uses it on everything it shows on the watch (Cognito's messages included).
 */
export function clip(text: string, max: number): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    let c = text.charAt(i);
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) c = " ";
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) c = text.substr(i++, 2);
    else if (code >= 0xd800 && code <= 0xdfff) c = "\ufffd";
    if (c === " " && (out === "" || out.charAt(out.length - 1) === " ")) continue;
    out += c;
  }
  out = out.replace(/ +$/, "");
  if (out.length <= max) return out;
  let cut = max - 1;
  if (isLowSurrogate(out.charCodeAt(cut))) cut--; // keep the pair whole
  return out.substring(0, cut) + "\u2026";
}

/**
 * Splits `body` into parts whose JSON string costs at most `maxBytes` UTF-8 bytes each (quotes
 * excluded), never splitting a surrogate pair: how the companion cuts a response body into
 * `callResult` messages. Each character is costed as JSON.stringify may escape it, so a part never
 * exceeds the budget whatever the runtime's JSON does with control characters and lone surrogates.
 */
export function splitForMessages(body: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let used = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    let width = 1;
    let cost: number;
    if (c === 0x22 || c === 0x5c) cost = 2;
    else if (c < 0x20) cost = 6;
    else if (c < 0x80) cost = 1;
    else if (c < 0x800) cost = 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(body.charCodeAt(i + 1))) {
      cost = 4;
      width = 2;
    } else if (c >= 0xd800 && c <= 0xdfff) cost = 6;
    else cost = 3;
    if (used + cost > maxBytes && i > start) {
      parts.push(body.substring(start, i));
      start = i;
      used = 0;
    }
    used += cost;
    i += width - 1;
  }
  if (start < body.length || parts.length === 0) parts.push(body.substring(start));
  return parts;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
