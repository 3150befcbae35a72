// @zos/i18n in the browser: getText over the words the Zepp build gives the page (app/i18n/en-US.po, then
// zepp/i18n/page-words.po), read when the bundle is built (preview/server/bundles.ts). A key without words
// answers an empty string, as the tests' fake does (what the watch answers is not documented; the page
// shows the ID then).
// @ts-ignore: a module the bundler makes from the .po files (preview/server/bundles.ts)
import words from "preview:zepp-words";

export function getText(key: string): string {
  return Object.prototype.hasOwnProperty.call(words, key) ? (words as { [id: string]: string })[key] : "";
}

export function getLanguage(): string {
  return "en-US";
}
