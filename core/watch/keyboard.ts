// The on-screen keyboard as data: pages of keys in a 7 × 4 grid, and page keys that jump straight to
// any page (pages stick until the wearer switches). Together the pages reach every printable ASCII
// character (0x20–0x7E), i.e. everything a Cognito password policy can ask for. The pure functions
// below plan the taps for a text, so tests and the benchmark can count them.

export const COLUMNS = 7;
export const ROWS = 4;
export const KEYS_PER_PAGE = COLUMNS * ROWS;

export interface Page {
  /** What the page key shows. */
  label: string;
  /** One character per key, row by row; keys past the end are blank (hidden). */
  keys: string;
}

// "." and "@" on the letters page serve e-mail usernames; "-" and "_" save a page switch in names.
// Digits share a page with the symbols passwords use most, the rest of ASCII has a page of its own.
export const PAGES: Page[] = [
  { label: "abc", keys: "abcdefghijklmnopqrstuvwxyz.@" },
  { label: "ABC", keys: "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_" },
  { label: "123", keys: "1234567890!@#$%&*?.-_+=^(),/" },
  { label: "#+=", keys: " \"':;<>[\\]`{|}~" },
];

/** The character of key `index` on `page`, or "" for a blank key. */
export function keyAt(page: number, index: number): string {
  const p = PAGES[page];
  return p && index >= 0 && index < KEYS_PER_PAGE ? p.keys.charAt(index) : "";
}

/** What a key shows: the character itself, except the space. */
export function keyLabel(c: string): string {
  return c === " " ? "spc" : c;
}

/** One tap on the keyboard: a page key, or a character key (by index) on the page shown. */
export type Tap = { page: number } | { key: number };

/**
 * The fewest taps that type `text` starting on page `from`, or null when a character is on no page.
 * Dynamic programming over the page shown after each character, since a character on two pages can
 * be typed from either and the better choice depends on what follows.
 */
export function plan(text: string, from: number = 0): Tap[] | null {
  const n = PAGES.length;
  // best[p]: fewest taps so far ending on page p, with the taps that got there
  let best: (Tap[] | null)[] = [];
  for (let p = 0; p < n; p++) best.push(p === from ? [] : null);
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const next: (Tap[] | null)[] = [];
    for (let p = 0; p < n; p++) {
      const key = PAGES[p].keys.indexOf(c);
      let chosen: Tap[] | null = null;
      if (key >= 0) {
        for (let q = 0; q < n; q++) {
          const prev = best[q];
          if (!prev) continue;
          const cost = prev.length + (q === p ? 1 : 2);
          if (!chosen || cost < chosen.length) chosen = q === p ? prev.concat([{ key }]) : prev.concat([{ page: p }, { key }]);
        }
      }
      next.push(chosen);
    }
    best = next;
  }
  let result: Tap[] | null = null;
  for (let p = 0; p < n; p++) {
    const b = best[p];
    if (b && (!result || b.length < result.length)) result = b;
  }
  return result;
}

/** Taps to type `text` from the first page; throws for a character no page has. */
export function tapsFor(text: string, from: number = 0): number {
  const taps = plan(text, from);
  if (!taps) throw new Error("not on the keyboard");
  return taps.length;
}

/** Mean taps per character over `texts`, each typed from the first page (as a fresh entry starts). */
export function meanTapsPerChar(texts: string[]): number {
  let taps = 0;
  let chars = 0;
  for (let i = 0; i < texts.length; i++) {
    taps += tapsFor(texts[i]);
    chars += texts[i].length;
  }
  return chars === 0 ? 0 : taps / chars;
}

/** Every printable ASCII character with the taps it takes on its own from the first page. */
export function tapTable(): { char: string; taps: number }[] {
  const rows: { char: string; taps: number }[] = [];
  for (let c = 0x20; c <= 0x7e; c++) rows.push({ char: String.fromCharCode(c), taps: tapsFor(String.fromCharCode(c)) });
  return rows;
}
