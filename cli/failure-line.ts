// What the CLI says when a command fails: one line, for stderr. Whatever a server or the network put in
// it (Cognito's message, an error type, a cause) is outside text: shown with its control characters
// escaped and cut, so one hostile answer can neither forge lines nor flood the terminal. Failures to
// reach the endpoint are said in a developer's words, naming the endpoint and Node's cause code, not in
// the watch's ("Check the phone's internet"), which fit a wearer.
import { AnyCognitoFailure, CognitoNetworkError, isCognitoFailure } from "../core/cognito";
import { describeFailure } from "../core/signin";
import { printable } from "../devkit/printable";
import { UsageError } from "./args";
import { say } from "../devkit/messages";
import { SessionFileError } from "./session-file";

/** A request of the command failed; `endpoint` is the URL it went to. */
export class RequestFailure extends Error {
  constructor(
    readonly failure: AnyCognitoFailure,
    readonly endpoint: string,
  ) {
    super(failure.message);
    this.name = "RequestFailure";
  }
}

/** `err` as a RequestFailure at `endpoint` when it is a Cognito failure; anything else as it is. */
export function atEndpoint(err: unknown, endpoint: string): unknown {
  return isCognitoFailure(err) ? new RequestFailure(err, endpoint) : err;
}

/** Cognito did not hear a logout: the session is gone from the file, the sign-out stays in it. */
export class SignOutPendingError extends Error {
  constructor(
    readonly failure: unknown,
    file: string,
  ) {
    super(`the sign-out stays in ${file} until "fitbit-cognito logout --session-file ${file}" reaches Cognito`);
  }
}

/** `logout --global` that Cognito refused: this session ended all the same (the session code revoked its
 *  refresh token instead), the user's other sessions did not. Less than asked, so a failure (exit 1). */
export class SignedOutHereOnly extends Error {
  constructor(readonly failure: unknown) {
    super("only this session ended (its refresh token is revoked): Cognito refused to sign out the others");
  }
}

/** A login refused because the user's password must be reset (PasswordResetRequiredException). */
export class ResetRequired extends Error {
  constructor(readonly failure: unknown) {
    super('run "fitbit-cognito reset-password" with the same options to set a new one');
  }
}

/** `logout --forget-device` whose ForgetDevice failed: the command stopped there, signed in as before. */
export class DeviceNotForgotten extends Error {
  constructor(readonly failure: unknown) {
    super("the device is not forgotten, and nothing was signed out");
  }
}

/** Room for a file name or two beside the outside text (each piece of which is cut on its own first). */
const LINE_MAX = 1000;

export function failureLine(err: unknown): string {
  return printable(`fitbit-cognito: ${describe(err)}`, LINE_MAX);
}

function describe(err: unknown): string {
  if (
    err instanceof SignOutPendingError ||
    err instanceof SignedOutHereOnly ||
    err instanceof ResetRequired ||
    err instanceof DeviceNotForgotten
  )
    return `${describe(err.failure)}; ${err.message}`;
  if (err instanceof RequestFailure) return cognitoFailure(err.failure, err.endpoint);
  if (isCognitoFailure(err)) return cognitoFailure(err);
  if (err instanceof UsageError || err instanceof SessionFileError) return err.message;
  return `unexpected error: ${printable(err instanceof Error ? err.message : String(err))}`;
}

function cognitoFailure(err: AnyCognitoFailure, endpoint?: string): string {
  switch (err.kind) {
    case "service":
      return printable(err.message);
    case "config":
      // Caught before any request: the watch's words for it name the setting, which fits here too.
      return `${err.code}: ${err.message} (${say(describeFailure(err, "signIn"))})`;
    case "network":
      return `${err.code}: ${endpoint ? connectionFailure(err, endpoint) : printable(err.message)}`;
    case "timeout":
      return `${err.code}: ${err.message}${endpoint ? ` from ${endpoint}` : ""}`;
    case "badResponse":
      return `${err.code}: ${endpoint ? `${endpoint} answered ` : ""}${err.message}`;
  }
}

// Node's fetch fails with "fetch failed" and the reason in its cause's code; the transport's message
// carries both, the code last in brackets ("network error: fetch failed (ECONNREFUSED)").
const CAUSE = /^network error: (.*?)(?: \(([A-Z][A-Z0-9_]*)\))?$/;

/** Why no answer came from `endpoint`, by the cause's code. */
function connectionFailure(err: CognitoNetworkError, endpoint: string): string {
  const m = CAUSE.exec(err.message);
  const code = m && m[2];
  if (!code) return `could not connect to ${endpoint} (${printable(m ? m[1] : err.message, 80)})`;
  return `could not connect to ${endpoint}${reason(code)} (${code})`;
}

function reason(code: string): string {
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return ": host not found";
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") return ": certificate out of date (check this machine's clock)";
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return ": certificate is for another host";
  if (/CERT|ISSUER|SIGNATURE/.test(code)) return ": certificate not trusted";
  return "";
}
