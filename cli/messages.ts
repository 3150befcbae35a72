// The words of app/i18n/en-US.po for Node: the CLI prints them, and the tests and the preview stand in
// for Fitbit's `gettext` with them, so every sentence the wearer can read is written once.
import { readFileSync } from "fs";
import { join } from "path";
import { Note, noteText } from "../common/messages";

export const MESSAGES_FILE = join(__dirname, "..", "app", "i18n", "en-US.po");

/**
 * msgid → msgstr of a .po file: the subset Fitbit's build accepts (one msgstr per msgid), with `#`
 * comments, continued "..." lines and C escapes. Throws on anything else, naming the line.
 */
export function parsePo(text: string): { [id: string]: string } {
  const out: { [id: string]: string } = {};
  let id: string | undefined;
  let field: "msgid" | "msgstr" | undefined;
  let value = "";
  const flush = () => {
    if (field === "msgid") id = value;
    else if (field === "msgstr" && id !== undefined) {
      out[id] = value;
      id = undefined;
    }
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.charAt(0) === "#") return;
    const m = /^(?:(msgid|msgstr)\s+)?("(?:[^"\\]|\\.)*")$/.exec(line);
    if (!m || (!m[1] && !field)) throw new Error(`${i + 1}: not a line of a .po file: ${line}`);
    const part = JSON.parse(m[2]) as string;
    if (m[1]) {
      flush();
      field = m[1] as "msgid" | "msgstr";
      value = part;
    } else value += part;
  });
  flush();
  return out;
}

let loaded: { [id: string]: string } | undefined;

/** Fitbit's `gettext` over app/i18n/en-US.po: the words of `id`, or `id` itself when it has none. */
export function gettext(id: string): string {
  loaded = loaded || parsePo(readFileSync(MESSAGES_FILE, "utf8"));
  return Object.prototype.hasOwnProperty.call(loaded, id) ? loaded[id] : id;
}

/** A note as the watch shows it. */
export function say(note: Note): string {
  return noteText(note, gettext);
}
