// Everything that can go wrong talking to Cognito, as one closed union of error classes. Callers switch
// on `kind` (and, for "service", on the Cognito `type`), never on an HTTP status or on message text:
// Cognito answers a wrong password with 400 in practice though its model says 403.
//
// No error here ever carries a password, a token or a request body: messages are built only from the
// error type, Cognito's own message and the status, so they are safe to log and to show.

export type CognitoFailureKind = "service" | "network" | "timeout" | "badResponse" | "config";

export abstract class CognitoFailure extends Error {
  abstract readonly kind: CognitoFailureKind;
  /** A stable, machine-readable code: the Cognito error type, or the failure kind. */
  abstract readonly code: string;
}

/** Cognito (or the emulator) answered with an error document. */
export class CognitoServiceError extends CognitoFailure {
  readonly kind = "service" as const;
  constructor(
    /** The bare error type, e.g. "NotAuthorizedException" (namespace prefixes removed). */
    readonly type: string,
    /** Cognito's own message, e.g. "Incorrect username or password." (may be empty). */
    readonly serverMessage: string,
    readonly status: number,
  ) {
    super(serverMessage ? `${type}: ${serverMessage}` : type);
    this.name = "CognitoServiceError";
  }
  get code(): string {
    return this.type;
  }
}

/** The request never got an HTTP answer: offline, DNS, refused, reset. */
export class CognitoNetworkError extends CognitoFailure {
  readonly kind = "network" as const;
  readonly code = "NetworkError";
  constructor(readonly causeMessage: string) {
    super(`network error: ${causeMessage}`);
    this.name = "CognitoNetworkError";
  }
}

/** No complete answer within the configured time. */
export class CognitoTimeoutError extends CognitoFailure {
  readonly kind = "timeout" as const;
  readonly code = "Timeout";
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "CognitoTimeoutError";
  }
}

/** An answer came, but not one Cognito would give: HTML, truncated JSON, an oversized body, a
 *  5xx without an error document, or a success body missing what the call must return. */
export class CognitoBadResponseError extends CognitoFailure {
  readonly kind = "badResponse" as const;
  readonly code = "BadResponse";
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`unexpected response (HTTP ${status}): ${reason}`);
    this.name = "CognitoBadResponseError";
  }
}

/** The client was set up or called wrongly (malformed pool ID, plain http to a remote host, a missing
 *  required attribute...). Caught before any request leaves. */
export class CognitoConfigError extends CognitoFailure {
  readonly kind = "config" as const;
  readonly code = "ConfigError";
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = "CognitoConfigError";
  }
}

export type AnyCognitoFailure =
  | CognitoServiceError
  | CognitoNetworkError
  | CognitoTimeoutError
  | CognitoBadResponseError
  | CognitoConfigError;

export function isCognitoFailure(err: unknown): err is AnyCognitoFailure {
  return err instanceof CognitoFailure;
}

/** Cognito error types after which a stored session cannot be used again: the refresh token is dead,
 *  or the user may no longer sign in. Everything else (network, timeouts, throttling, 5xx) is transient
 *  and must never drop a session. */
const SESSION_ENDING_TYPES = [
  "NotAuthorizedException",
  "TokenRevokedException",
  "UserNotFoundException",
  "PasswordResetRequiredException",
  "UserNotConfirmedException",
  "RefreshTokenReuseException",
];

export function endsSession(err: unknown): boolean {
  return err instanceof CognitoServiceError && SESSION_ENDING_TYPES.indexOf(err.type) >= 0;
}

const TRANSIENT_TYPES = ["TooManyRequestsException", "LimitExceededException", "InternalErrorException", "ServiceUnavailable"];

/** Worth retrying later with the same input. */
export function isTransient(err: unknown): boolean {
  if (err instanceof CognitoNetworkError || err instanceof CognitoTimeoutError) return true;
  if (err instanceof CognitoBadResponseError) return err.status >= 500 || err.status === 0;
  if (err instanceof CognitoServiceError) return TRANSIENT_TYPES.indexOf(err.type) >= 0 || err.status >= 500;
  return false;
}
