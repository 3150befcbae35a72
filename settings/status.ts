// The settings page's status line: the companion's current view (written under `status`) in words.
// The companion's messages arrive as IDs (common/messages.ts); `words` is Fitbit's `gettext`, passed in
// so this file runs under Node too (the tests give it devkit/messages.ts's reading of the same .po).
import { noteText, Note } from "../common/messages";
import { ChoiceKind, View } from "../common/protocol";

/** Fitbit's `gettext`: the words of a message ID. */
export type Words = (id: string) => string;

export function readStatus(raw: string | null | undefined): View | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw);
    return v && typeof v === "object" && typeof v.s === "string" ? (v as View) : undefined;
  } catch (_) {
    return undefined;
  }
}

/** `problem`: what the page found wrong with the pool's settings (which one, and why). It is the first
 *  thing to read while the companion cannot use them, so it leads the page instead of sitting under the
 *  fields, below the fold. */
export function statusText(view: View | undefined, formatTime: (ms: number) => string, words: Words, problem?: string): string {
  if (problem && (!view || view.s === "setup")) return problem;
  if (!view) return "Waiting for the companion…";
  // A sentence, then the companion's note about the last try when there is one.
  const withNote = (sentence: string, note: Note | undefined) => (note ? sentence + " " + noteText(note, words) : sentence);
  switch (view.s) {
    case "setup":
      return "Not set up: enter the user pool ID and app client ID below.";
    case "signedOut":
      // The reason is a whole sentence ("Signed out everywhere.", "Wrong username or password. …").
      return view.reason ? noteText(view.reason, words) : "Signed out.";
    case "password":
      return withNote(`Enter the password for ${view.user}.`, view.error);
    case "busy":
      return words(view.label);
    case "newPassword":
      return withNote(`${view.user} must choose a new password.`, view.error);
    case "code":
      return withNote(`Enter ${codeSource(view)}.`, view.error);
    case "choose":
      return CHOOSE[view.kind];
    case "answer":
      // The Lambda's own question, else ours ("Type the email address for your sign-in codes.").
      return withNote(view.prompt || words(view.ask || "answerAsk"), view.error);
    case "signedIn":
      return (
        `Signed in as ${view.user}${view.email ? ` (${view.email})` : ""}; valid until ${formatTime(view.until)}.` +
        (view.device ? " Cognito remembers this watch." : "")
      );
    case "error":
      return noteText(view.message, words);
  }
}

const CHOOSE: { [kind in ChoiceKind]: string } = {
  mfa: "Choose how to get your sign-in code.",
  challenge: "Choose how to sign in.",
  setup: "Choose a second sign-in step to set up.",
};

/** Where the code to enter comes from. */
function codeSource(view: Extract<View, { s: "code" }>): string {
  switch (view.kind) {
    case "totp":
      return "the code from your authenticator app";
    case "setup":
      // The key is on this page (settings/setup-key.ts) while the app is being set up.
      return "the first code your authenticator app shows once you have added the key below";
    case "reset":
      return view.dest ? `the password reset code sent to ${view.dest}` : "the password reset code";
    default:
      return view.dest ? `the code sent to ${view.dest}` : `the code sent by ${view.kind === "sms" ? "SMS" : "email"}`;
  }
}
