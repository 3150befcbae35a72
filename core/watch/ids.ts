// Every element id the app looks up in resources/index.view, in one place. The document fake parses
// the real view, so a test fails when an id here has no element there.
//
// A screen has one name, used everywhere: its group in index.view is `screen-<name>`, the elements in it
// are `<name>-<part>` (tests/device/view.test.ts checks both), and the state that shows it (state.ts)
// is `s: "<name>"`. A screen that shows a companion's view takes the view's name (common/protocol.ts:
// the wire format, so the views name the screens, not the other way round). The watch's own screens:
// `wait` (no view yet), `keyboard` (the username, the password, a new password and its repeat, an
// answer: the `password` view is shown here, the one view without a screen of its own) and `signOut`
// (this phone, everywhere, or forget this watch?). While a request is on its way the watch shows the
// `busy` view's screen, as `busy`; an `answer` view that asks for digits is answered on the `code` pad.
import { KEYS_PER_PAGE } from "./keyboard";

/**
 * One group per screen in index.view, shown one at a time with `display`. screenOf (present.ts) returns
 * a view's own name and a state's own name as the screen's, so the compiler checks that this list has
 * every view (but `password`) and every screen of the state machine.
 */
export const SCREENS = [
  "wait",
  "setup",
  "signedOut",
  "keyboard",
  "busy",
  "newPassword",
  "code",
  "choose",
  "answer",
  "signedIn",
  "signOut",
  "error",
] as const;
export type ScreenName = (typeof SCREENS)[number];
export const screenId = (name: ScreenName): string => "screen-" + name;

export const ID = {
  // the title line every screen shares; the warning line takes its place
  title: "title",
  titleWarn: "title-warn",
  // set-up: which setting to check
  setupProblem: "setup-problem",
  // signed out
  signedOutUser: "signedOut-user",
  signedOutReason: "signedOut-reason",
  signIn: "signedOut-signIn",
  // "Forgot password?": hidden when the sign-in is passwordless
  forgot: "signedOut-forgot",
  forgotLabel: "signedOut-forgot-t",
  // keyboard
  field: "keyboard-field",
  show: "keyboard-show",
  showLabel: "keyboard-show-t",
  del: "keyboard-del",
  ok: "keyboard-ok",
  // busy
  busyLabel: "busy-label",
  // new password needed
  newPasswordText: "newPassword-text",
  newPasswordError: "newPassword-error",
  newPasswordGo: "newPassword-go",
  // code pad
  codeField: "code-field",
  codeInfo: "code-info",
  codeDel: "code-del",
  codeOk: "code-ok",
  // a question to answer on the keyboard
  answerText: "answer-text",
  answerError: "answer-error",
  answerGo: "answer-go",
  // signed in
  signedInUser: "signedIn-user",
  signedInEmail: "signedIn-email",
  signedInUntil: "signedIn-until",
  signedInRefreshed: "signedIn-refreshed",
  signedInChecked: "signedIn-checked",
  whoami: "signedIn-whoami",
  signOut: "signedIn-signOut",
  // sign-out confirmation
  here: "signOut-here",
  everywhere: "signOut-everywhere",
  // shown only for a watch Cognito remembers (signedIn.device)
  forget: "signOut-forget",
  forgetLabel: "signOut-forget-t",
  // error
  errorText: "error-text",
  retry: "error-retry",
  retryLabel: "error-retry-t",
};

/** Character keys of the keyboard grid (a rect to tap, a text for its label), row by row. */
export const keyId = (index: number): string => "keyboard-key-" + index;
export const keyLabelId = (index: number): string => keyId(index) + "-t";
export const KEY_COUNT = KEYS_PER_PAGE;
/** The page keys of the keyboard. */
export const pageId = (page: number): string => "keyboard-page-" + page;
export const pageLabelId = (page: number): string => pageId(page) + "-t";
/** The digit keys of the code pad. */
export const digitId = (digit: number): string => "code-" + digit;
/** The option buttons of the choice screen. */
export const optionId = (index: number): string => "choose-" + index;
export const optionLabelId = (index: number): string => optionId(index) + "-t";
