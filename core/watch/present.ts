// What the screens say, computed from the state: pure functions, so what is said is tested without a
// document. Messages stay IDs here (`Note`): render.ts puts them in words and copies them into elements.
import { ChoiceKind, CodeKind, MessageId, Note } from "../../common/protocol";
import { ScreenName } from "./ids";
import type { Keyboard, Purpose, UiState } from "./state"; // types only: state.ts imports screenOf

/**
 * Which screen of index.view shows `state`: the state's own screen, or the view's, each by its name. The
 * one exception, `password`, asks for the password on the keyboard.
 */
export function screenOf(state: UiState): ScreenName {
  const sc = state.screen;
  if (sc.s !== "view") return sc.s;
  const v = state.view;
  if (!v) return "wait";
  return v.s === "password" ? "keyboard" : v.s;
}

/** Characters that fit the title line; longer titles end with an ellipsis (`fitLine`). */
export const TITLE_CHARS = 26;

/** What the title line says; `warn`: a warning in the title's place. */
export interface Title {
  note: Note;
  warn: boolean;
}

/** The title line: the screen's title, or a warning in its place (a note first, then "no phone"). */
export function titleOf(state: UiState): Title {
  const sc = state.screen;
  const note = sc.s === "keyboard" || sc.s === "code" ? sc.note : null;
  if (note) return { note, warn: true };
  if (!state.connected) return { note: { m: "phoneNotConnected" }, warn: true };
  const v = state.view;
  const name = screenOf(state);
  // The keyboard, the code pad and the choice say what they are for; a question is one whether it is
  // answered on the keyboard or the pad; the other screens have one title.
  if (sc.s === "keyboard") return { note: keyboardTitle(sc, state), warn: false };
  if (name === "code" && v && v.s === "code") return plain(CODE_TITLES[v.kind]);
  if (v && v.s === "answer") return plain("answerNeeded"); // its screen, or the code pad for digits
  if (name === "choose" && v && v.s === "choose") return plain(chooseTitle(v.kind));
  return plain(TITLES[name]);
}

// Every screen's title; those of the keyboard, the code pad and the choice stand in only for a state
// in which their view is missing, which the state machine does not reach.
const TITLES: { [name in ScreenName]: MessageId } = {
  wait: "appName",
  setup: "setUpOnPhone",
  signedOut: "signInTitle",
  keyboard: "passwordTitle",
  busy: "busyTitle",
  newPassword: "newPasswordNeeded",
  code: "totpCode",
  choose: "signInWith",
  answer: "answerNeeded",
  signedIn: "signedInTitle",
  signOut: "signOutQuestion",
  error: "errorTitle",
};

function keyboardTitle(sc: Keyboard, state: UiState): Note {
  if (sc.purpose === "username" || sc.purpose === "resetUser") return { m: "usernameTitle" };
  if (sc.purpose === "answer") return { m: "answerTitle" };
  if (sc.purpose === "newPassword") return { m: "newPasswordTitle" };
  if (sc.purpose === "confirm") return { m: "repeatNewPassword" };
  const v = state.view;
  const user = v && (v.s === "signedOut" || v.s === "password") && v.user ? v.user : state.user;
  return user ? { m: "passwordFor", x: user } : { m: "passwordTitle" };
}

// The code pad's title: whose code it is.
const CODE_TITLES: { [kind in CodeKind]: MessageId } = {
  totp: "totpCode",
  sms: "smsCode",
  email: "emailCode",
  setup: "setupCode",
  reset: "resetCode",
};

function chooseTitle(kind: ChoiceKind): MessageId {
  return kind === "mfa" ? "secondStep" : kind === "setup" ? "setUpSecondStep" : "signInWith";
}

/** Whether the keyboard hides what is typed for `purpose`: the passwords; a username or an answer is
 *  shown as typed. */
export function isSecret(purpose: Purpose): boolean {
  return purpose === "password" || purpose === "newPassword" || purpose === "confirm";
}

/** `text` cut to `chars` characters, ending with an ellipsis when cut: a title in its line. */
export function fitLine(text: string, chars: number): string {
  return text.length > chars ? text.substring(0, chars - 1) + "\u2026" : text;
}

/** How many characters of the typed text the field shows (its tail, the end being where one types). */
export const FIELD_CHARS = 14;
const MASK = "\u2022";

/**
 * The keyboard's field: a username or an answer as typed; a password masked, except its last character during a
 * peek, or all of it when the wearer chose to show it. Long text shows its end after an ellipsis.
 */
export function fieldText(sc: Keyboard): string {
  const t = sc.text;
  let shown: string;
  if (!isSecret(sc.purpose) || sc.shown) shown = t;
  else {
    shown = "";
    for (let i = 0; i < t.length - 1; i++) shown += MASK;
    if (t.length > 0) shown += sc.peek ? t.charAt(t.length - 1) : MASK;
  }
  return shown.length > FIELD_CHARS ? "\u2026" + shown.substring(shown.length - FIELD_CHARS + 1) : shown;
}

/** The code as typed, with room for what is still to come ("12 3_ _ _" style without the gaps). */
export function codeText(code: string): string {
  let out = code;
  for (let i = code.length; i < 6; i++) out += "_";
  return out;
}

const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

/** A time as the wearer reads it: "14:05" today, "Mar 3, 14:05" another day. Local time. */
export function timeText(at: number, now: number): string {
  const d = new Date(at);
  const n = new Date(now);
  const hm = pad2(d.getHours()) + ":" + pad2(d.getMinutes());
  if (d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate()) return hm;
  return MONTHS.substr(d.getMonth() * 3, 3) + " " + d.getDate() + ", " + hm;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : "" + n;
}

function plain(m: MessageId): Title {
  return { note: { m }, warn: false };
}
