// Every element id the app looks up in resources/index.view, in one place. The document fake parses
// the real view, so a test fails when an id here has no element there.
import { KEYS_PER_PAGE } from "./keyboard";

/** One group per screen in index.view, shown one at a time with `display`. */
export const SCREENS = ["wait", "setup", "start", "keyboard", "busy", "newpw", "code", "choose", "status", "signout", "error"] as const;
export type ScreenName = (typeof SCREENS)[number];
export const screenId = (name: ScreenName): string => "screen-" + name;

export const ID = {
  // the title line every screen shares; the warning line takes its place
  title: "title",
  titleWarn: "title-warn",
  // set-up: which setting to check
  setupProblem: "setup-problem",
  // start (signed out)
  startUser: "start-user",
  startReason: "start-reason",
  signIn: "btn-signin",
  // keyboard
  field: "kb-field",
  show: "kb-show",
  showLabel: "kb-show-t",
  del: "kb-del",
  ok: "kb-ok",
  // busy
  busyLabel: "busy-label",
  // new password needed
  newpwText: "newpw-text",
  newpwError: "newpw-error",
  newpwGo: "btn-newpw",
  // code pad
  codeField: "code-field",
  codeInfo: "code-info",
  codeDel: "pad-del",
  codeOk: "pad-ok",
  // status (signed in)
  statusUser: "status-user",
  statusEmail: "status-email",
  statusUntil: "status-until",
  statusRefreshed: "status-refreshed",
  statusChecked: "status-checked",
  whoami: "btn-whoami",
  signOut: "btn-signout",
  // sign-out confirmation
  here: "btn-here",
  everywhere: "btn-everywhere",
  // error
  errorText: "error-text",
  retry: "btn-retry",
  retryLabel: "btn-retry-t",
};

/** Character keys of the keyboard grid (a rect to tap, a text for its label), row by row. */
export const keyId = (index: number): string => "key-" + index;
export const keyLabelId = (index: number): string => "key-" + index + "-t";
export const KEY_COUNT = KEYS_PER_PAGE;
/** The page keys of the keyboard. */
export const pageId = (page: number): string => "page-" + page;
export const pageLabelId = (page: number): string => "page-" + page + "-t";
/** The digit keys of the code pad. */
export const digitId = (digit: number): string => "pad-" + digit;
/** The option buttons of the choice screen. */
export const optionId = (index: number): string => "opt-" + index;
export const optionLabelId = (index: number): string => "opt-" + index + "-t";
