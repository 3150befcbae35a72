// One POST to Cognito's JSON 1.1 API and the classification of whatever comes back. Works with any
// fetch: the Fitbit companion's, Node's, or a test's.
import {
  CognitoBadResponseError,
  CognitoNetworkError,
  CognitoServiceError,
  CognitoTimeoutError,
} from "./errors";

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

// Not among the companion's declared globals, and not certain to exist there at run time: declared here,
// for this module only, and looked up with typeof, which is safe for an undefined global.
declare const AbortController: (new () => AbortControllerLike) | undefined;
interface AbortControllerLike {
  readonly signal: unknown;
  abort(): void;
}

export type JsonObject = { [key: string]: unknown };

export const DEFAULT_TIMEOUT_MS = 15000;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

export function callCognito(options: TransportOptions, action: string, body: JsonObject): Promise<JsonObject> {
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  let timer!: ReturnType<typeof setTimeout>; // set synchronously by the executor below
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (controller) controller.abort();
      reject(new CognitoTimeoutError(options.timeoutMs));
    }, options.timeoutMs);
  });
  const exchange = send(options, action, body, controller).then((response) => readAnswer(response, options));
  // Whichever settles first wins; the loser's rejection is swallowed so it is never "unhandled".
  exchange.catch(() => undefined);
  return Promise.race([exchange, timeout]).then(
    (value) => {
      clearTimeout(timer);
      return value;
    },
    (err) => {
      clearTimeout(timer);
      throw err;
    },
  );
}

function send(
  options: TransportOptions,
  action: string,
  body: JsonObject,
  controller: AbortControllerLike | undefined,
): Promise<FetchResponseLike> {
  let request: Promise<FetchResponseLike>;
  try {
    request = options.fetch(options.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined,
    });
  } catch (err) {
    request = Promise.reject(err);
  }
  return request.then(undefined, (err: unknown) => {
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
  const json = parseObject(text);
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

function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch (_) {
    return undefined;
  }
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

function describeCause(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
    const code = e.cause && typeof e.cause.code === "string" ? ` (${e.cause.code})` : "";
    if (typeof e.message === "string") return e.message + code;
  }
  return "request failed";
}
