// What the screens say, computed from the state: pure functions, so the words are tested without a
// document. render.ts only copies these into elements.
import { ChoiceKind, CodeKind } from "../../common/protocol";
import { ScreenName } from "./ids";
import { Entry, UiState } from "./state";

/** Which screen group of index.view shows `state`. */
export function screenOf(state: UiState): ScreenName {
  const sc = state.screen;
  if (sc.s === "entry") return "keyboard";
  if (sc.s === "code") return "code";
  if (sc.s === "signOut") return "signout";
  if (sc.s === "sending") return "busy";
  const v = state.view;
  if (!v) return "wait";
  switch (v.s) {
    case "setup":
      return "setup";
    case "signedOut":
      return "start";
    case "busy":
      return "busy";
    case "newPassword":
      return "newpw";
    case "choose":
      return "choose";
    case "signedIn":
      return "status";
    case "error":
      return "error";
    case "password":
      return "keyboard";
    case "code":
      return "code";
  }
}

/** Characters that fit the title line; longer titles end with an ellipsis. */
export const TITLE_CHARS = 26;

/** The title line: the screen's title, or a warning in its place (a note first, then "no phone"). */
export function titleOf(state: UiState): { text: string; warn: boolean } {
  const t = rawTitle(state);
  return t.text.length > TITLE_CHARS ? { text: t.text.substring(0, TITLE_CHARS - 1) + "\u2026", warn: t.warn } : t;
}

function rawTitle(state: UiState): { text: string; warn: boolean } {
  const sc = state.screen;
  const note = sc.s === "entry" || sc.s === "code" ? sc.note : "";
  if (note) return { text: note, warn: true };
  if (!state.connected) return { text: "Phone not connected", warn: true };
  const v = state.view;
  switch (screenOf(state)) {
    case "wait":
      return plain("Cognito Sign-in");
    case "setup":
      return plain("Set up on phone");
    case "start":
      return plain("Sign in");
    case "keyboard":
      return plain(sc.s === "entry" ? entryTitle(sc, state) : "");
    case "busy":
      return plain("Please wait");
    case "newpw":
      return plain("New password needed");
    case "code":
      return plain(v && v.s === "code" ? codeTitle(v.kind) : "Code");
    case "choose":
      return plain(v && v.s === "choose" ? chooseTitle(v.kind) : "Choose");
    case "status":
      return plain("Signed in");
    case "signout":
      return plain("Sign out?");
    case "error":
      return plain("Something went wrong");
  }
}

function entryTitle(sc: Entry, state: UiState): string {
  if (sc.purpose === "username") return "Username";
  if (sc.purpose === "newPassword") return "New password";
  if (sc.purpose === "confirm") return "Repeat new password";
  const v = state.view;
  const user = v && (v.s === "signedOut" || v.s === "password") && v.user ? v.user : state.user;
  return user ? "Password for " + user : "Password";
}

export function codeTitle(kind: CodeKind): string {
  return kind === "totp" ? "Authenticator code" : kind === "sms" ? "Code from SMS" : "Code from email";
}

export function chooseTitle(kind: ChoiceKind): string {
  return kind === "mfa" ? "Second step" : "Sign in with";
}

/** What the wearer sees of an option Cognito names; unknown names are shown as they are. */
export function optionLabel(option: string): string {
  switch (option) {
    case "SOFTWARE_TOKEN_MFA":
      return "Authenticator app";
    case "SMS_MFA":
    case "SMS_OTP":
      return "Code by SMS";
    case "EMAIL_OTP":
      return "Code by email";
    case "PASSWORD":
    case "PASSWORD_SRP":
      return "Password";
    case "WEB_AUTHN":
      return "Passkey";
  }
  return option;
}

/** How many characters of the typed text the field shows (its tail, the end being where one types). */
export const FIELD_CHARS = 14;
const MASK = "\u2022";

/**
 * The keyboard's field: the username as typed; a password masked, except its last character during a
 * peek, or all of it when the wearer chose to show it. Long text shows its end after an ellipsis.
 */
export function fieldText(sc: Entry): string {
  const t = sc.text;
  let shown: string;
  if (sc.purpose === "username" || sc.shown) shown = t;
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

function plain(text: string): { text: string; warn: boolean } {
  return { text, warn: false };
}
