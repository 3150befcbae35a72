// One POST to Cognito's JSON 1.1 API and the classification of whatever comes back. Works with any
// fetch: the Fitbit companion's, Node's, or a test's.
import {
  CognitoBadResponseError,
  CognitoNetworkError,
  CognitoServiceError,
  CognitoTimeoutError,
} from "./errors";
import { describeCause, systemTimers, withDeadline } from "./deadline";
import { JsonObject, parseJsonObject } from "./json";

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

export interface TransportOptions {
  url: string;
  fetch: FetchLike;
  /** Whole request, body included. */
  timeoutMs: number;
  /** Cognito's answers are a few kilobytes; anything far larger is not Cognito. */
  maxResponseBytes: number;
}

export type { JsonObject } from "./json";

export const DEFAULT_TIMEOUT_MS = 15000;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

export function callCognito(options: TransportOptions, action: string, body: JsonObject): Promise<JsonObject> {
  return withDeadline(
    options.timeoutMs,
    systemTimers,
    () => new CognitoTimeoutError(options.timeoutMs),
    (signal) => send(options, action, body, signal).then((response) => readAnswer(response, options)),
  );
}

/** The request; a fetch that throws instead of rejecting fails the same way, as a network error. */
function send(options: TransportOptions, action: string, body: JsonObject, signal: unknown): Promise<FetchResponseLike> {
  return Promise.resolve()
    .then(() =>
      options.fetch(options.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-amz-json-1.1",
          "X-Amz-Target": `AWSCognitoIdentityProviderService.${action}`,
        },
        body: JSON.stringify(body),
        signal,
      }),
    )
    .then(undefined, (err: unknown) => {
      throw new CognitoNetworkError(describeCause(err));
    });
}

async function readAnswer(response: FetchResponseLike, options: TransportOptions): Promise<JsonObject> {
  const status = response.status;
  const declared = Number(response.headers.get("content-length"));
  if (declared > options.maxResponseBytes) {
    throw new CognitoBadResponseError(status, `body of ${declared} bytes is too large`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw new CognitoNetworkError(describeCause(err));
  }
  if (text.length > options.maxResponseBytes) {
    throw new CognitoBadResponseError(status, `body of ${text.length} characters is too large`);
  }
  // Parse by the body, not the Content-Type: one emulator labels JSON as text/html.
  const json = parseJsonObject(text);
  const type = errorType(json, response.headers.get("x-amzn-errortype"));
  if (type) {
    const message = json && typeof (json.message || json.Message) === "string" ? String(json.message || json.Message) : "";
    throw new CognitoServiceError(type, message, status);
  }
  if (status < 200 || status >= 300) {
    throw new CognitoBadResponseError(status, json ? "error without a type" : describeBody(text));
  }
  if (!json) throw new CognitoBadResponseError(status, describeBody(text));
  return json;
}

/** "com.amazonaws.cognito#NotAuthorizedException" or "NotAuthorizedException:http://internal..." →
 *  "NotAuthorizedException". The body's __type wins over the header. */
function errorType(json: JsonObject | undefined, header: string | null): string | undefined {
  const raw = json && typeof json.__type === "string" ? json.__type : header || "";
  const bare = raw.split(":")[0].split("#").pop() || "";
  return bare.trim() || undefined;
}

function describeBody(text: string): string {
  if (text.length === 0) return "empty body";
  if (/^\s*</.test(text)) return "HTML instead of JSON";
  return "malformed JSON";
}
