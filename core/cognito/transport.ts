// One POST to Cognito's JSON 1.1 API and the classification of whatever comes back. Works with any
// fetch: the Fitbit companion's, Node's, or a test's.
import { CognitoBadResponseError, CognitoNetworkError, CognitoServiceError, CognitoTimeoutError, isCognitoFailure } from "./errors";
import { describeCause, later, systemTimers, withDeadline } from "./deadline";
import { JsonObject, nonEmptyString, parseJsonObject } from "./json";

/** The slice of the Fetch API this client uses, so the companion, Node and tests can all supply one. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: any },
) => Promise<FetchResponseLike>;

/** Sends one action with its JSON body; settles with the answer's JSON object or a CognitoFailure. */
export type CognitoCall = (action: string, body: JsonObject) => Promise<JsonObject>;

export type { JsonObject } from "./json";

export const DEFAULT_TIMEOUT_MS = 15000;
/** Cognito's answers are a few kilobytes; anything far larger is not Cognito. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** `timeoutMs` covers the whole request, body included. */
export function cognitoTransport(url: string, fetch: FetchLike, timeoutMs: number): CognitoCall {
  return (action, body) =>
    withDeadline(
      timeoutMs,
      systemTimers,
      () => new CognitoTimeoutError(timeoutMs),
      (signal) =>
        later(() =>
          fetch(url, {
            method: "POST",
            headers: {
              "Content-Type": "application/x-amz-json-1.1",
              "X-Amz-Target": "AWSCognitoIdentityProviderService." + action,
            },
            body: JSON.stringify(body),
            signal,
          }),
        )
          .then((response) => {
            checkSize(response.status, Number(response.headers.get("content-length")));
            return response.text().then((text) => readAnswer(response, text));
          })
          // readAnswer classifies every answer; whatever else fails (a fetch that throws or rejects, a
          // body cut off) is the network's doing.
          .catch((err: unknown) => {
            throw isCognitoFailure(err) ? err : new CognitoNetworkError(describeCause(err));
          }),
    );
}

function checkSize(status: number, size: number): void {
  if (size > MAX_RESPONSE_BYTES) throw new CognitoBadResponseError(status, `body too large (${size})`);
}

function readAnswer(response: FetchResponseLike, text: string): JsonObject {
  const status = response.status;
  checkSize(status, text.length);
  const success = status >= 200 && status <= 299;
  // Parse by the body, not the Content-Type: one emulator labels JSON as text/html. An empty success is
  // an empty object, as AWS's SDKs read it (aws-sdk v2: JSON.parse(body || "{}")): the whole answer of
  // an action without output (RevokeToken, GlobalSignOut, ForgetDevice...). An action with output finds
  // nothing in it, and says what it misses. A page that is not JSON stays a bad answer, also for those
  // actions: a captive portal's "200" must not pass for Cognito ending a session.
  const json = parseJsonObject(!text && success ? "{}" : text);
  // "com.amazonaws.cognito#NotAuthorizedException" or "NotAuthorizedException:http://internal..." →
  // "NotAuthorizedException". The body's __type wins over the header.
  const raw = (json && nonEmptyString(json.__type)) || response.headers.get("x-amzn-errortype") || "";
  const type = (raw.split(":")[0].split("#").pop() as string).trim();
  if (type) throw new CognitoServiceError(type, nonEmptyString(json && (json.message || json.Message)) || "", status);
  if (!json || !success) {
    throw new CognitoBadResponseError(
      status,
      json ? "error without a type" : !text ? "empty body" : /^\s*</.test(text) ? "HTML instead of JSON" : "malformed JSON",
    );
  }
  return json;
}
