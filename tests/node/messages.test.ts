// The words the wearer reads (app/i18n/en-US.po) against the message IDs the companion sends
// (common/messages.ts): each ID has words, no words lack an ID, every sentence fits the watch, and the
// settings page reads the same file. And the .po reader that the CLI, the tests and the preview share.
import { MESSAGE_BUDGET } from "../../common/limits";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "fs";
import { dirname, join, resolve } from "path";
import { MESSAGES_FILE, gettext, parsePo, say } from "../../devkit/messages";
import { MAX_DETAIL_LENGTH, MAX_MESSAGE_ID_LENGTH, MAX_OPTION_LENGTH, MAX_WORDS_LENGTH } from "../../common/limits";
import { MessageId } from "../../common/messages";
import { decodeToWatch, encodeToWatch } from "../../common/protocol";

// Every MessageId, once: leaving one out, or naming one the union does not have, fails the type-check.
const EVERY_ID: Record<MessageId, true> = {
  // sign-in failures
  wrongCredentials: true,
  serviceProblem: true,
  tooManyFailures: true,
  sessionEnded: true,
  unexpected: true,
  noConnection: true,
  cognitoTimeout: true,
  badAnswer: true,
  accountDisabled: true,
  flowNotAllowed: true,
  signInExpired: true,
  accountGone: true,
  newPasswordRejected: true,
  passwordRejected: true,
  passwordReset: true,
  notConfirmed: true,
  wrongCode: true,
  codeExpired: true,
  slowDown: true,
  unknownPool: true,
  badParameter: true,
  signInFailed: true,
  answerRefused: true,
  answerNotTaken: true,
  // challenges the watch cannot answer
  setUpMfa: true,
  noSupportedMethod: true,
  unsupportedStep: true,
  // the sign-in controller
  usernameFirst: true,
  notSignedIn: true,
  noServiceUrl: true,
  badServiceUrl: true,
  serviceTimeout: true,
  serviceUnreachable: true,
  answerTooLarge: true,
  signedOut: true,
  signedOutEverywhere: true,
  signedOutHereOnly: true,
  signedOutLocally: true,
  signOutRefused: true,
  signedOutForgotten: true,
  forgetFailed: true,
  passwordChanged: true,
  typeEmail: true,
  // what to check in the settings on the phone
  checkPoolId: true,
  checkClientId: true,
  checkClientSecret: true,
  checkEndpoint: true,
  checkClientMetadata: true,
  // what the companion is busy with
  checking: true,
  signingIn: true,
  signingOut: true,
  signingOutEverywhere: true,
  // the watch's own
  appName: true,
  phoneNotConnected: true,
  setUpOnPhone: true,
  signInTitle: true,
  busyTitle: true,
  newPasswordNeeded: true,
  usernameTitle: true,
  passwordTitle: true,
  passwordFor: true,
  newPasswordTitle: true,
  repeatNewPassword: true,
  totpCode: true,
  smsCode: true,
  emailCode: true,
  secondStep: true,
  signInWith: true,
  signedInTitle: true,
  signOutQuestion: true,
  errorTitle: true,
  typeUsername: true,
  typePassword: true,
  passwordsDiffer: true,
  typeWholeCode: true,
  maxLength: true,
  pleaseWait: true,
  askingCognito: true,
  settingPassword: true,
  checkingCode: true,
  cancelling: true,
  phoneRefused: true,
  noUsername: true,
  newPasswordFor: true,
  sentTo: true,
  validUntil: true,
  expiredAt: true,
  refreshedAt: true,
  checkedAt: true,
  show: true,
  hide: true,
  retry: true,
  ok: true,
  answerNeeded: true,
  answerTitle: true,
  answerAsk: true,
  typeAnswer: true,
  setupCode: true,
  addKeyFromPhone: true,
  resetCode: true,
  setUpSecondStep: true,
  sendingCode: true,
};
const IDS = Object.keys(EVERY_ID).sort() as MessageId[];

/** Besides message IDs, the .po names the options Cognito offers (SOFTWARE_TOKEN_MFA, PASSWORD...) as
 *  Cognito spells them: the watch looks each option up as it comes. Upper case, so never a MessageId. */
const COGNITO_NAME = new RegExp("^[A-Z][A-Z0-9_]{0," + (MAX_OPTION_LENGTH - 1) + "}$");

const APP_I18N = dirname(MESSAGES_FILE);
const ROOT = resolve(APP_I18N, "..", "..");
const poFiles = readdirSync(APP_I18N).filter((name) => name.endsWith(".po"));

test("the English file is the one devkit/messages.ts reads, and every .po of the app parses", () => {
  expect(poFiles).toContain("en-US.po");
  expect(join(APP_I18N, "en-US.po")).toBe(MESSAGES_FILE);
  for (const name of poFiles) expect(() => parsePo(readFileSync(join(APP_I18N, name), "utf8"))).not.toThrow();
});

test.each(poFiles)("%s has words for every message ID, and none for an ID no MessageId names", (name) => {
  const words = parsePo(readFileSync(join(APP_I18N, name), "utf8"));
  expect(IDS.filter((id) => !Object.prototype.hasOwnProperty.call(words, id))).toEqual([]);
  const unnamed = Object.keys(words).filter((id) => !Object.prototype.hasOwnProperty.call(EVERY_ID, id));
  expect(unnamed.filter((id) => !COGNITO_NAME.test(id))).toEqual([]);
});

test("every sentence fits the watch: words within MAX_WORDS_LENGTH, none empty, none left as its ID", () => {
  for (const name of poFiles) {
    const words = parsePo(readFileSync(join(APP_I18N, name), "utf8"));
    const ids = Object.keys(words);
    expect(ids.filter((id) => words[id].length > MAX_WORDS_LENGTH)).toEqual([]);
    expect(ids.filter((id) => words[id].trim() === "" || words[id] === id)).toEqual([]);
  }
});

test("every message ID travels to the watch: the protocol accepts it as a note and as a busy label", () => {
  for (const m of IDS) {
    expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_ID_LENGTH);
    const error = { t: "state", view: { s: "error", message: { m, x: "x".repeat(MAX_DETAIL_LENGTH) }, retry: "hello" } } as const;
    expect(decodeToWatch(encodeToWatch(error, MESSAGE_BUDGET))).toEqual(error);
    const busy = { t: "state", view: { s: "busy", label: m } } as const;
    expect(decodeToWatch(encodeToWatch(busy, MESSAGE_BUDGET))).toEqual(busy);
  }
});

test("gettext and say: the words, Cognito's own after them, and the ID itself when it has no words", () => {
  const words = parsePo(readFileSync(MESSAGES_FILE, "utf8"));
  expect(gettext("signingIn")).toBe(words.signingIn);
  expect(say({ m: "unsupportedStep", x: "CUSTOM_CHALLENGE" })).toBe(`${words.unsupportedStep} CUSTOM_CHALLENGE`);
  expect(say({ m: "wrongCode" })).toBe(words.wrongCode);
  expect(gettext("noSuchMessage")).toBe("noSuchMessage");
  expect(gettext("toString")).toBe("toString");
});

test("the settings page's words are a link to the app's file, so Fitbit compiles the same words for both", () => {
  const link = join(ROOT, "settings", "i18n", "en-US.po");
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(resolve(dirname(link), readlinkSync(link))).toBe(MESSAGES_FILE);
  expect(readdirSync(join(ROOT, "settings", "i18n"))).toEqual(["en-US.po"]);
});

describe("parsePo", () => {
  test("comments, blank lines, continued strings, escapes and CRLF", () => {
    const po = [
      "# a comment",
      "#, fuzzy",
      "",
      'msgid "one"',
      'msgstr "First line"',
      '  " and more: \\"quoted\\"\\n"',
      "",
      'msgid "tw"',
      '"o"',
      'msgstr "caf\\u00e9 …"',
    ].join("\r\n");
    expect(parsePo(po)).toEqual({ one: 'First line and more: "quoted"\n', two: "café …" });
    expect(parsePo("")).toEqual({});
  });

  const refusals: [string, string, RegExp][] = [
    ["a keyword it does not know", 'msgid "a"\nmsgstr "A"\n\nmsgctxt "menu"', /^line 4: not a line of a \.po file: msgctxt "menu"$/],
    ["plural forms", 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "A"', /^line 2: not a line/],
    ["an unquoted value", "# c\nmsgid a", /^line 2: not a line/],
    ["an unterminated string", 'msgid "a"\nmsgstr "A', /^line 2: not a line/],
    ["text after the string", 'msgid "a" x\nmsgstr "A"', /^line 1: not a line/],
    ["an escape JSON does not know", 'msgid "a"\nmsgstr "\\a"', /^line 2: not a line/],
    ["a continued string first", '\n"orphan"\nmsgid "a"\nmsgstr "A"', /^line 2: a continued string with nothing before it$/],
    ["a msgstr without a msgid", 'msgstr "A"', /^line 1: a msgstr without its msgid$/],
    ["two msgstr for one msgid", 'msgid "a"\nmsgstr "A"\nmsgstr "B"', /^line 3: a msgstr without its msgid$/],
    ["a msgid without a msgstr", 'msgid "a"\n\nmsgid "b"\nmsgstr "B"', /^line 1: msgid "a" has no msgstr$/],
    ["a msgid without a msgstr at the end", 'msgid "a"\nmsgstr "A"\nmsgid "b"', /^line 3: msgid "b" has no msgstr$/],
    ["the same msgid twice", 'msgid "a"\nmsgstr "A"\n\nmsgid "a"\nmsgstr "B"', /^line 4: msgid "a" is there twice$/],
  ];
  test.each(refusals)("refuses %s, naming the line", (_, po, message) => {
    expect(() => parsePo(po)).toThrow(message);
  });
});
