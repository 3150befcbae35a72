// What a failure means, asked by name in one place: the session keeper, the client's choice of sign-in
// flow and the sign-in's words for a wearer all ask these questions instead of reading error types and
// messages themselves. Keyed on Cognito's error type and, where Cognito uses one type for several
// things, on its message; never on the HTTP status alone (a wrong password is 400 in practice, though
// Cognito's model says 403).
import { CognitoBadResponseError, CognitoNetworkError, CognitoServiceError, CognitoTimeoutError } from "./errors";

/** The Cognito error types after which a stored session cannot be used again: the refresh token is
 *  dead, or the user may no longer sign in. Amplify v6 ends a session on the same six. */
export type SessionEndingType =
  | "NotAuthorizedException"
  | "TokenRevokedException"
  | "UserNotFoundException"
  | "PasswordResetRequiredException"
  | "UserNotConfirmedException"
  | "RefreshTokenReuseException";

// The same six as the check reads them: shorter in the companion bundle than a list (the test checks
// that the two agree).
const SESSION_ENDING = /^(NotAuthorized|TokenRevoked|UserNotFound|PasswordResetRequired|UserNotConfirmed|RefreshTokenReuse)Exception$/;

/** Cognito's answer that a session is over: the only failure that may end one. */
export interface SessionEndingFailure extends CognitoServiceError {
  readonly type: SessionEndingType;
}

/** The session cannot go on. Everything else (network, timeouts, throttling, 5xx) is transient or a
 *  mistake of ours, and must never drop a session. */
export function endsSession(err: unknown): err is SessionEndingFailure {
  return err instanceof CognitoServiceError && SESSION_ENDING.test(err.type);
}

const TRANSIENT = /^((TooManyRequests|LimitExceeded|InternalError)Exception|ServiceUnavailable)$/;

/** Worth retrying later with the same input. */
export function isTransient(err: unknown): boolean {
  if (err instanceof CognitoNetworkError || err instanceof CognitoTimeoutError) return true;
  if (err instanceof CognitoBadResponseError) return err.status >= 500 || err.status === 0;
  if (err instanceof CognitoServiceError) return TRANSIENT.test(err.type) || err.status >= 500;
  return false;
}

/** The endpoint does not know the action at all, as opposed to refusing this request: cognito-local's
 *  "CognitoLocal#Unsupported" (type "Unsupported", HTTP 500: transient by its status, yet asking again
 *  gets the same answer), AWS JSON services' UnknownOperationException, query APIs' InvalidAction. */
export function actionUnknown(err: unknown): boolean {
  return err instanceof CognitoServiceError && /Unsupported|UnknownOperation|InvalidAction/i.test(err.type);
}

/** The app client (or the emulator) does not permit the sign-in flow that was tried: an answer to
 *  InitiateAuth. Real Cognito says InvalidParameterException "USER_SRP_AUTH is not enabled for the
 *  client." or "USER_PASSWORD_AUTH flow not enabled for this client"; a NotAuthorizedException that
 *  speaks of the flow or of something not enabled is read the same way (the wearer's words always did);
 *  cognito-local answers a flow it lacks with its Unsupported error. */
export function flowNotAllowed(err: unknown): boolean {
  if (!(err instanceof CognitoServiceError)) return false;
  const text = err.serverMessage;
  if (err.type === "InvalidParameterException") return /not (enabled|allowed|supported)/i.test(text);
  if (err.type === "NotAuthorizedException") return /not enabled|flow/i.test(text);
  return /Unsupported/i.test(err.type);
}
