// Text that came from outside (a server's error message, a page's log line) made safe to print on one
// line of a terminal or log: control characters (C0, DEL, C1, and the line and paragraph separators)
// are shown escaped instead of acting on the terminal, lone surrogates become U+FFFD, and the result is
// cut to `max` characters with an ellipsis, so one hostile answer cannot forge lines or flood the log.

/** The longest line printed for one piece of outside text, unless the caller says otherwise. */
export const PRINTABLE_MAX = 300;

export function printable(text: string, max: number = PRINTABLE_MAX): string {
  // Whole pieces (a character, a surrogate pair, an escape), so a cut never splits one.
  const pieces: string[] = [];
  let length = 0;
  for (let i = 0; i < text.length && length <= max; i++) {
    const c = text.charCodeAt(i);
    let piece: string;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) piece = escape(c);
    else if (c >= 0xd800 && c <= 0xdbff && isLow(text.charCodeAt(i + 1))) piece = text[i] + text[++i];
    else if (c >= 0xd800 && c <= 0xdfff) piece = "\ufffd";
    else piece = text[i];
    pieces.push(piece);
    length += piece.length;
  }
  if (length <= max) return pieces.join("");
  while (length > max - 1) length -= pieces.pop()!.length;
  return pieces.join("") + "\u2026";
}

function escape(c: number): string {
  const named: { [code: number]: string } = { 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };
  return named[c] || `\\u${c.toString(16).padStart(4, "0")}`;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
