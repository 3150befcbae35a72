// From the companion's state to the View the watch (and the settings page) shows: message IDs and
// display text clipped to the protocol's limits, never a token.
import { ChoiceKind, Note, View } from "../../common/protocol";
import { MAX_NAME_LENGTH, MAX_DESTINATION_LENGTH, MAX_OPTIONS } from "../../common/limits";
import { clip } from "../../common/text";
import { Challenge } from "../cognito";
import { note } from "./describe";

/** A name or an email address as the watch shows it (clipped); none for none. */
export function name(s: string): string;
export function name(s: string | undefined): string | undefined;
export function name(s: string | undefined): string | undefined {
  return s && clip(s, MAX_NAME_LENGTH);
}

/** The screen for a challenge the wearer can answer on the watch, or undefined for one they cannot. */
export function challengeView(challenge: Challenge, user: string, error: Note | undefined): View | undefined {
  switch (challenge.name) {
    case "NEW_PASSWORD_REQUIRED":
      return { s: "newPassword", user: name(user), error };
    case "SOFTWARE_TOKEN_MFA":
      return { s: "code", kind: "totp", error };
    case "SMS_MFA":
    case "SMS_OTP":
    case "EMAIL_OTP":
      return {
        s: "code",
        kind: challenge.name === "EMAIL_OTP" ? "email" : "sms",
        dest: challenge.destination ? clip(challenge.destination, MAX_DESTINATION_LENGTH) : undefined,
        error,
      };
    case "SELECT_MFA_TYPE":
    case "SELECT_CHALLENGE": {
      const kind: ChoiceKind = challenge.name === "SELECT_MFA_TYPE" ? "mfa" : "challenge";
      return challenge.options.length ? { s: "choose", kind, options: challenge.options.slice(0, MAX_OPTIONS) } : undefined;
    }
    default:
      return undefined;
  }
}

/** Why a challenge cannot be answered here. */
export function unanswerable(challenge: Challenge): Note {
  if (challenge.name === "MFA_SETUP") return note("setUpMfa");
  if (challenge.name === "SELECT_MFA_TYPE" || challenge.name === "SELECT_CHALLENGE") return note("noSupportedMethod");
  return note("unsupportedStep", challenge.name === "UNSUPPORTED" ? challenge.cognitoName : challenge.name);
}
