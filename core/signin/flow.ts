// Where the companion's sign-in flow stands, and what the watch is shown for it. Passwords are never part
// of it: they live in one request only. A reset's code is, between its two screens: it is worth nothing
// without the new password, and dies with the flow.
import { Note, View } from "../../common/protocol";
import { MessageId } from "../../common/messages";
import { PendingChallenge } from "../cognito";
import { Send, challengeScreen, isNote } from "./challenges";
import { name } from "./views";

export type Flow =
  | { readonly kind: "idle"; readonly reason?: Note }
  | { readonly kind: "busy"; readonly label: MessageId }
  /** A challenge the wearer answers on the watch (advance() keeps no other). */
  | { readonly kind: "challenge"; readonly pending: PendingChallenge; readonly user: string; readonly error?: Note }
  /** USER_AUTH: the wearer chose a password method; the password comes next, and makes the answer. */
  | { readonly kind: "password"; readonly withPassword: (password: string) => Send; readonly user: string; readonly error?: Note }
  /** MFA_SETUP with an authenticator app: its key is on the phone's settings page; its first code next. */
  | {
      readonly kind: "authenticatorSetup";
      readonly pending: PendingChallenge<"MFA_SETUP">;
      readonly secret: string;
      readonly user: string;
      readonly error?: Note;
    }
  /** MFA_SETUP with codes by email: the address next. */
  | { readonly kind: "emailSetup"; readonly pending: PendingChallenge<"MFA_SETUP">; readonly user: string; readonly error?: Note }
  /** A password reset: Cognito sent a code (to `dest`); the code next. */
  | { readonly kind: "resetCode"; readonly user: string; readonly dest?: string; readonly error?: Note }
  /** A password reset with its code: the new password next, then ConfirmForgotPassword and a sign-in. */
  | { readonly kind: "resetPassword"; readonly user: string; readonly dest?: string; readonly code: string; readonly error?: Note };

/** The flows where the wearer answers something. */
export type Answerable = Exclude<Flow, { kind: "idle" | "busy" }>;

/** At sign-in (or signed in), with why the last request ended there when it did not end by choice. */
export const idle = (reason?: Note): Flow => ({ kind: "idle", reason });

/** The screen of a flow under way; idle's is the session's (the controller's view()). For a challenge
 *  the watch cannot answer, the Note that sign-in then shows. */
export function flowView(f: Answerable | Extract<Flow, { kind: "busy" }>): View | Note {
  switch (f.kind) {
    case "busy":
      return { s: "busy", label: f.label };
    case "password":
      return { s: "password", user: name(f.user), error: f.error };
    case "challenge":
      return challengeScreen(f.pending.challenge, f.user, f.error);
    case "authenticatorSetup":
      return { s: "code", kind: "setup", error: f.error };
    case "emailSetup":
      return { s: "answer", ask: "typeEmail", error: f.error };
    case "resetCode":
      return { s: "code", kind: "reset", dest: f.dest, error: f.error };
    case "resetPassword":
      return { s: "newPassword", user: name(f.user), error: f.error };
  }
}

export { isNote };
