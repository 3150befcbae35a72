// The words of app/i18n/en-US.po for Node: the CLI prints them, and the tests and the preview stand in
// for Fitbit's `gettext` with them, so every sentence the wearer can read is written once.
import { readFileSync } from "fs";
import { join } from "path";
import { Note, noteText } from "../common/messages";

export const MESSAGES_FILE = join(__dirname, "..", "app", "i18n", "en-US.po");

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * msgid → msgstr of a .po file: the subset Fitbit's build accepts (one msgstr per msgid), with `#`
 * comments, continued "..." lines and JSON's share of C escapes. Throws on anything else, and on a msgid
 * without its msgstr or given twice, naming the line ("line 12: ...").
 */
export function parsePo(text: string): { [id: string]: string } {
  const out: { [id: string]: string } = {};
  // The entry being read: its msgid, then its msgstr, each of which may go on over "..." lines.
  let id: string | undefined;
  let str: string | undefined;
  let idLine = 0;
  const refuse = (line: number, problem: string) => new Error(`line ${line}: ${problem}`);
  const finish = () => {
    if (id === undefined) return;
    if (str === undefined) throw refuse(idLine, `msgid ${JSON.stringify(id)} has no msgstr`);
    if (has(out, id)) throw refuse(idLine, `msgid ${JSON.stringify(id)} is there twice`);
    out[id] = str;
    id = str = undefined;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === "" || line.charAt(0) === "#") return;
    const m = /^(?:(msgid|msgstr)\s+)?("(?:[^"\\]|\\.)*")$/.exec(line);
    const part = m ? unquote(m[2]) : undefined;
    if (!m || part === undefined) throw refuse(n, `not a line of a .po file: ${line}`);
    if (m[1] === "msgid") {
      finish();
      id = part;
      idLine = n;
    } else if (m[1] === "msgstr") {
      if (id === undefined || str !== undefined) throw refuse(n, "a msgstr without its msgid");
      str = part;
    } else if (str !== undefined) str += part;
    else if (id !== undefined) id += part;
    else throw refuse(n, "a continued string with nothing before it");
  });
  finish();
  return out;
}

/** A quoted string's text, or undefined for an escape JSON does not know (\a, \v, octal...). */
function unquote(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch (_) {
    return undefined;
  }
}

let loaded: { [id: string]: string } | undefined;

/** Fitbit's `gettext` over app/i18n/en-US.po: the words of `id`, or `id` itself when it has none. */
export function gettext(id: string): string {
  loaded = loaded || parsePo(readFileSync(MESSAGES_FILE, "utf8"));
  return (has(loaded, id) && loaded[id]) || id;
}

/** A note as the watch shows it. */
export function say(note: Note): string {
  return noteText(note, gettext);
}
