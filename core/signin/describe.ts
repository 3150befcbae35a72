// What a wearer reads when something fails, as a message ID (its words are in app/i18n/en-US.po): it
// says what to do next, and never tells a wrong username apart from a wrong password (pools created
// through the API leak "user does not exist" by default; we do not pass that on).
import type { MessageId, Note } from "../../common/messages";
import { MAX_DETAIL_LENGTH } from "../../common/limits";
import { clip } from "../../common/text";
import { CognitoServiceError, flowNotAllowed, isCognitoFailure } from "../cognito";

/** Where in the flow the failure happened: the same Cognito error means different things in each. */
/** "answer": to a custom challenge, whose Lambdas end a sign-in they refuse with NotAuthorizedException. */
export type FailureStage = "signIn" | "newPassword" | "code" | "answer" | "refresh" | "call";

/** Cognito errors that mean the same whatever the stage. */
const BY_TYPE: { [type: string]: MessageId } = {
  PasswordResetRequiredException: "passwordReset",
  UserNotConfirmedException: "notConfirmed",
  CodeMismatchException: "wrongCode",
  ExpiredCodeException: "codeExpired",
  TooManyRequestsException: "slowDown",
  LimitExceededException: "slowDown",
  TooManyFailedAttemptsException: "tooManyFailures",
  ResourceNotFoundException: "unknownPool",
  RefreshTokenReuseException: "sessionEnded",
  TokenRevokedException: "sessionEnded",
  InternalErrorException: "serviceProblem",
};

export function describeFailure(err: unknown, stage: FailureStage): Note {
  if (!isCognitoFailure(err)) return note("unexpected");
  switch (err.kind) {
    case "network":
      return note("noConnection");
    case "timeout":
      return note("cognitoTimeout");
    case "badResponse":
      return note(err.status >= 500 ? "serviceProblem" : "badAnswer");
    case "config":
      return note("badParameter", `${err.field} ${err.problem}`);
    case "service":
      return describeServiceError(err, stage);
  }
}

function describeServiceError(err: CognitoServiceError, stage: FailureStage): Note {
  const text = err.serverMessage;
  const known = BY_TYPE[err.type];
  if (known) return note(known);
  // What the failure means is core/cognito's to say (classify.ts); only the choice of words is made here.
  if (flowNotAllowed(err)) return note("flowNotAllowed", text);
  switch (err.type) {
    case "NotAuthorizedException":
      // Word choices only, for one type that Cognito uses for several refusals: none changes what the
      // failure means to the client or the session (it ends a session all the same).
      if (/disabled/i.test(text)) return note("accountDisabled");
      if (/attempts exceeded/i.test(text)) return note("tooManyFailures");
      if (stage === "refresh" || stage === "call") return note("sessionEnded");
      if (stage === "answer") return note("answerRefused");
      return note(stage === "code" ? "signInExpired" : "wrongCredentials");
    case "UserNotFoundException":
      return note(stage === "signIn" ? "wrongCredentials" : "accountGone");
    case "InvalidPasswordException":
      // "Password does not conform to policy: Password must have uppercase characters" reads better
      // on a watch as just the part after the colon.
      return note(stage === "newPassword" ? "newPasswordRejected" : "passwordRejected", text.replace(/^.*policy:\s*/i, ""));
    case "InvalidParameterException":
      return note("badParameter", text);
  }
  return note("signInFailed", text ? `${err.type}: ${text}` : err.type);
}

/** A note; Cognito's words clipped to what a watch screen holds, and left out when empty. */
export function note(m: MessageId, x?: string): Note {
  const detail = x ? clip(x, MAX_DETAIL_LENGTH) : "";
  return detail ? { m, x: detail } : { m };
}
