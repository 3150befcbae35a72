// What a wearer reads when something fails: short (it must fit a watch screen and one message), says
// what to do next, and never tells a wrong username apart from a wrong password (pools created through
// the API leak "user does not exist" by default; we do not pass that on).
import { CognitoServiceError, isCognitoFailure } from "./errors";

/** Where in the flow the failure happened: the same Cognito error means different things in each. */
export type FailureStage = "signIn" | "newPassword" | "code" | "refresh" | "call";

// Each text once, however many errors lead to it.
const WRONG_CREDENTIALS = "Wrong username or password. Check both and try again.";
const SERVICE_PROBLEM = "The sign-in service had a problem. Try again in a minute.";
const TOO_MANY_FAILURES = "Too many failed attempts. Wait a while, then try again.";
const SESSION_ENDED = "Your session ended. Sign in again.";

export function describeFailure(err: unknown, stage: FailureStage): string {
  if (!isCognitoFailure(err)) return "Something went wrong. Try again.";
  switch (err.kind) {
    case "network":
      return "No connection to Cognito. Check the phone's internet, then try again.";
    case "timeout":
      return "Cognito did not answer in time. Try again.";
    case "badResponse":
      return err.status >= 500
        ? SERVICE_PROBLEM
        : "Unexpected answer from the sign-in server. Check the endpoint in settings.";
    case "config":
      return `${err.field.charAt(0).toUpperCase()}${err.field.slice(1)} ${err.problem}.`;
    case "service":
      return describeServiceError(err, stage);
  }
}

function describeServiceError(err: CognitoServiceError, stage: FailureStage): string {
  const text = err.serverMessage;
  switch (err.type) {
    case "NotAuthorizedException":
      if (/disabled/i.test(text)) return "This account is disabled. Contact your administrator.";
      if (/attempts exceeded/i.test(text)) return TOO_MANY_FAILURES;
      if (/not enabled|flow/i.test(text)) return `Sign-in is not allowed for this app client: ${text}`;
      if (stage === "refresh" || stage === "call") return SESSION_ENDED;
      if (stage === "code") return "The sign-in session expired. Sign in again.";
      return WRONG_CREDENTIALS;
    case "UserNotFoundException":
      return stage === "signIn" ? WRONG_CREDENTIALS : "This account no longer exists. Sign in again.";
    case "InvalidPasswordException":
      return stage === "newPassword"
        ? `New password rejected: ${stripPolicyPrefix(text)}`
        : `Password rejected: ${text || "check it and try again."}`;
    case "PasswordResetRequiredException":
      return "Your password must be reset. Reset it on the web or phone, then sign in.";
    case "UserNotConfirmedException":
      return "This account is not confirmed yet. Confirm it, then sign in.";
    case "CodeMismatchException":
      return "Wrong code. Check it and try again.";
    case "ExpiredCodeException":
      return "That code expired. Sign in again to get a new one.";
    case "TooManyRequestsException":
    case "LimitExceededException":
      return "Too many attempts. Wait a minute, then try again.";
    case "TooManyFailedAttemptsException":
      return TOO_MANY_FAILURES;
    case "ResourceNotFoundException":
      return "Unknown user pool or app client. Check the IDs in settings.";
    case "InvalidParameterException":
      return `Sign-in is not set up right: ${text || "invalid parameter"}`;
    case "RefreshTokenReuseException":
    case "TokenRevokedException":
      return SESSION_ENDED;
    case "InternalErrorException":
      return SERVICE_PROBLEM;
    default:
      return text ? `${err.type}: ${text}` : `Sign-in failed (${err.type}). Try again.`;
  }
}

// "Password does not conform to policy: Password must have uppercase characters" reads better on a
// watch as just the part after the colon.
function stripPolicyPrefix(text: string): string {
  const m = /policy:\s*(.+)$/i.exec(text);
  return m ? m[1] : text || "it does not meet the password policy.";
}
