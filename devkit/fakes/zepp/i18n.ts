// A fake of Zepp's @zos/i18n: getText reads the words the Zepp build gives the page, app/i18n/en-US.po
// followed by zepp/i18n/page-words.po, with the project's own .po reader. What the watch answers for a key
// with no words is not documented: the harder case is taken, an empty string.
import { readFileSync } from "fs";
import { join } from "path";
import { MESSAGES_FILE, parsePo } from "../../messages";

export const PAGE_WORDS_FILE = join(__dirname, "..", "..", "..", "zepp", "i18n", "page-words.po");

let words: { [id: string]: string } | undefined;

export function getText(key: string): string {
  if (!words) words = parsePo(readFileSync(MESSAGES_FILE, "utf8") + "\n" + readFileSync(PAGE_WORDS_FILE, "utf8"));
  return Object.prototype.hasOwnProperty.call(words, key) ? words[key] : "";
}
