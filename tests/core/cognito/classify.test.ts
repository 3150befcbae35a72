// What a failure means, asked by name (core/cognito/classify.ts): one table of the failures the client,
// the session keeper and the sign-in meet, and the answer each predicate gives for it.
import {
  CognitoBadResponseError,
  CognitoConfigError,
  CognitoNetworkError,
  CognitoServiceError,
  CognitoTimeoutError,
  actionUnknown,
  endsSession,
  flowNotAllowed,
  isTransient,
} from "../../../core/cognito";
import type { SessionEndingType } from "../../../core/cognito";

const service = (type: string, message = "", status = 400) => new CognitoServiceError(type, message, status);

type Meaning = "endsSession" | "isTransient" | "actionUnknown" | "flowNotAllowed";
const PREDICATES: { [name in Meaning]: (err: unknown) => boolean } = { endsSession, isTransient, actionUnknown, flowNotAllowed };

// Each failure with every predicate that holds for it; the others must not.
const CASES: [string, unknown, Meaning[]][] = [
  // The refresh token is dead, or the user may no longer sign in.
  ["a revoked refresh token", service("NotAuthorizedException", "Refresh Token has been revoked"), ["endsSession"]],
  ["a wrong password", service("NotAuthorizedException", "Incorrect username or password."), ["endsSession"]],
  ["a disabled user", service("NotAuthorizedException", "User is disabled."), ["endsSession"]],
  ["a revoked token (TokenRevoked)", service("TokenRevokedException"), ["endsSession"]],
  ["a deleted user", service("UserNotFoundException", "User does not exist."), ["endsSession"]],
  ["a password reset", service("PasswordResetRequiredException"), ["endsSession"]],
  ["an unconfirmed user", service("UserNotConfirmedException"), ["endsSession"]],
  ["a reused rotated refresh token", service("RefreshTokenReuseException"), ["endsSession"]],
  // Worth asking again later.
  ["throttling", service("TooManyRequestsException", "Rate exceeded", 429), ["isTransient"]],
  ["a limit", service("LimitExceededException"), ["isTransient"]],
  ["trouble on Cognito's side", service("InternalErrorException", "", 500), ["isTransient"]],
  ["ServiceUnavailable", service("ServiceUnavailable", "", 503), ["isTransient"]],
  ["any error document with a 5xx", service("SomethingNewException", "", 502), ["isTransient"]],
  ["no answer (network)", new CognitoNetworkError("ECONNREFUSED"), ["isTransient"]],
  ["no answer in time", new CognitoTimeoutError(15000), ["isTransient"]],
  ["a 5xx page that is not Cognito's", new CognitoBadResponseError(502, "not JSON"), ["isTransient"]],
  ["an answer cut off (status 0)", new CognitoBadResponseError(0, "truncated"), ["isTransient"]],
  // An endpoint without the action: cognito-local's (HTTP 500, so transient by status too), AWS JSON's, query APIs'.
  [
    "cognito-local's Unsupported",
    service("Unsupported", "Cognito Local unsupported feature", 500),
    ["isTransient", "actionUnknown", "flowNotAllowed"],
  ],
  ["UnknownOperationException", service("UnknownOperationException", "GetTokensFromRefreshToken"), ["actionUnknown"]],
  ["InvalidAction", service("InvalidAction"), ["actionUnknown"]],
  // flowNotAllowed asks of an answer to InitiateAuth; to RevokeToken the same type means revocation is not enabled.
  [
    "UnsupportedOperationException",
    service("UnsupportedOperationException", "Token revocation is not enabled"),
    ["actionUnknown", "flowNotAllowed"],
  ],
  // The app client does not allow the flow.
  ["SRP not enabled", service("InvalidParameterException", "USER_SRP_AUTH is not enabled for the client."), ["flowNotAllowed"]],
  [
    "the password flow not enabled",
    service("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client"),
    ["flowNotAllowed"],
  ],
  [
    "a flow refused as not authorized",
    service("NotAuthorizedException", "Auth flow not enabled for this client"),
    ["endsSession", "flowNotAllowed"],
  ],
  // None of these.
  ["another bad parameter", service("InvalidParameterException", "1 validation error detected"), []],
  ["a wrong code", service("CodeMismatchException"), []],
  ["a rejected new password", service("InvalidPasswordException", "Password does not conform to policy"), []],
  ["a 4xx page that is not Cognito's", new CognitoBadResponseError(404, "not JSON"), []],
  ["settings that are not complete", new CognitoConfigError("settings", "lack the user pool or app client ID"), []],
  ["a plain Error", new Error("Unsupported NotAuthorizedException"), []],
  ["nothing at all", undefined, []],
];

test.each(CASES)("%s", (_, err, meanings) => {
  const holds = (Object.keys(PREDICATES) as Meaning[]).filter((name) => PREDICATES[name](err));
  expect(holds).toEqual(meanings);
});

// The type of a session-ending failure and the check agree: every type the type names ends a session
// (the compiler checks this list names every one), and a near miss does not.
test("endsSession holds for exactly the types SessionEndingType names", () => {
  const named: { [T in SessionEndingType]: true } = {
    NotAuthorizedException: true,
    TokenRevokedException: true,
    UserNotFoundException: true,
    PasswordResetRequiredException: true,
    UserNotConfirmedException: true,
    RefreshTokenReuseException: true,
  };
  for (const type of Object.keys(named)) expect(endsSession(service(type))).toBe(true);
  for (const type of ["NotAuthorized", "xNotAuthorizedException", "UserNotFoundExceptions", "CodeMismatchException"]) {
    expect(endsSession(service(type))).toBe(false);
  }
});
