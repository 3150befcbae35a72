// Everything that can go wrong talking to Cognito: one error class with a `kind` discriminant, and one
// thin subclass per kind so callers can also test with `instanceof`. Callers switch on `kind` (and, for
// "service", on the Cognito `type`), never on an HTTP status or on message text: Cognito answers a
// wrong password with 400 in practice though its model says 403.
// What a failure means (the session is over, try again later, the flow is not allowed...) is asked of
// classify.ts by name.
//
// No error here ever carries a password, a token or a request body: messages are built only from the
// error type, Cognito's own message and the status, so they are safe to log and to show.

export type CognitoFailureKind = "service" | "network" | "timeout" | "badResponse" | "config";

export abstract class CognitoFailure extends Error {
  protected constructor(
    readonly kind: CognitoFailureKind,
    /** A stable, machine-readable code: the Cognito error type, or one per kind. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CognitoFailure";
  }
}

// Each subclass narrows `kind` with a `declare` (a type only, nothing emitted): the value itself is
// set once, by the base constructor.

/** Cognito (or the emulator) answered with an error document. */
export class CognitoServiceError extends CognitoFailure {
  declare readonly kind: "service";
  constructor(
    /** The bare error type, e.g. "NotAuthorizedException" (namespace prefixes removed); also the code. */
    readonly type: string,
    /** Cognito's own message, e.g. "Incorrect username or password." (may be empty). */
    readonly serverMessage: string,
    readonly status: number,
  ) {
    super("service", type, serverMessage ? `${type}: ${serverMessage}` : type);
  }
}

/** The request never got an HTTP answer: offline, DNS, refused, reset. */
export class CognitoNetworkError extends CognitoFailure {
  declare readonly kind: "network";
  constructor(cause: string) {
    super("network", "NetworkError", "network error: " + cause);
  }
}

/** No complete answer within the configured time. */
export class CognitoTimeoutError extends CognitoFailure {
  declare readonly kind: "timeout";
  constructor(timeoutMs: number) {
    super("timeout", "Timeout", `no answer within ${timeoutMs} ms`);
  }
}

/** An answer came, but not one Cognito would give: HTML, truncated JSON, an oversized body, a
 *  5xx without an error document, or a success body missing what the call must return. */
export class CognitoBadResponseError extends CognitoFailure {
  declare readonly kind: "badResponse";
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super("badResponse", "BadResponse", `HTTP ${status}: ${reason}`);
  }
}

/** The client was set up or called wrongly (malformed pool ID, plain http to a remote host, a missing
 *  required attribute...). Caught before any request leaves. */
export class CognitoConfigError extends CognitoFailure {
  declare readonly kind: "config";
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super("config", "ConfigError", `${field}: ${problem}`);
  }
}

/** Stops with a CognitoConfigError about `field` unless `ok`. */
export function checkConfig(ok: unknown, field: string, problem: string): asserts ok {
  if (!ok) throw new CognitoConfigError(field, problem);
}

/** Stops with a CognitoBadResponseError unless `ok`: for a success answer (HTTP 200) that lacks what
 *  the call must return. */
export function checkAnswer(ok: unknown, reason: string): asserts ok {
  if (!ok) throw new CognitoBadResponseError(200, reason);
}

export type AnyCognitoFailure =
  CognitoServiceError | CognitoNetworkError | CognitoTimeoutError | CognitoBadResponseError | CognitoConfigError;

/** What may be logged of a failure: its code (or its name), never its message, which could echo input. */
export function failureCode(err: unknown): string {
  return err && typeof err === "object" && typeof (err as { code?: unknown }).code === "string"
    ? (err as { code: string }).code
    : err instanceof Error
      ? err.name
      : "unknown";
}

export function isCognitoFailure(err: unknown): err is AnyCognitoFailure {
  return err instanceof CognitoFailure;
}
