// From the companion's state to the View the watch (and the settings page) shows: display text only,
// clipped to the protocol's limits, never a token.
import { ChoiceKind, View } from "../../common/protocol";
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH, MAX_DESTINATION_LENGTH, MAX_LABEL_LENGTH, MAX_OPTIONS } from "../../common/limits";
import { clip } from "../../common/text";
import { Challenge } from "../cognito";

export function text(s: string): string {
  return clip(s, MAX_TEXT_LENGTH);
}
export function name(s: string): string {
  return clip(s, MAX_NAME_LENGTH);
}
export function label(s: string): string {
  return clip(s, MAX_LABEL_LENGTH);
}

/** The screen for a challenge the wearer can answer on the watch, or undefined for one they cannot. */
export function challengeView(challenge: Challenge, user: string, error: string | undefined): View | undefined {
  const err = error ? text(error) : undefined;
  switch (challenge.name) {
    case "NEW_PASSWORD_REQUIRED":
      return { s: "newPassword", user: name(user), error: err };
    case "SOFTWARE_TOKEN_MFA":
      return { s: "code", kind: "totp", error: err };
    case "SMS_MFA":
    case "SMS_OTP":
    case "EMAIL_OTP":
      return {
        s: "code",
        kind: challenge.name === "EMAIL_OTP" ? "email" : "sms",
        dest: challenge.destination ? clip(challenge.destination, MAX_DESTINATION_LENGTH) : undefined,
        error: err,
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

/** Why a challenge cannot be answered here, in the wearer's words. */
export function unanswerable(challenge: Challenge): string {
  if (challenge.name === "MFA_SETUP") {
    return "This account must set up MFA first (an authenticator app), on the web or phone. Then sign in.";
  }
  if (challenge.name === "SELECT_MFA_TYPE" || challenge.name === "SELECT_CHALLENGE") {
    return "Cognito offered no sign-in method this app supports.";
  }
  const n = challenge.name === "UNSUPPORTED" ? challenge.cognitoName : challenge.name;
  return `Cognito asked for ${n}, which this app does not support.`;
}
