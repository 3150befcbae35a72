// One Cognito JSON 1.1 call over plain fetch, for the sandbox and for tests that must talk to the emulator
// without going through the project's own client (core/cognito/), which is what those tests check.
// cognito-local checks no Authorization header or signature, so none is sent.

export type CognitoReply<T> =
  | { ok: true; status: number; contentType: string | null; body: T }
  | { ok: false; status: number; contentType: string | null; type: string; message: string; body: unknown };

export interface CallOptions {
  /** Default 10 s: the emulator answers in milliseconds, so a longer wait means it is gone. */
  timeoutMs?: number;
}

/** Sends `action` and returns the reply as data, failures included; throws only if nothing usable came back. */
export async function callCognito<T = unknown>(
  endpoint: string,
  action: string,
  body: object,
  options: CallOptions = {},
): Promise<CognitoReply<T>> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  const parsed = parseJson(text);
  if (response.ok) {
    if (parsed === undefined) throw new Error(`${action}: HTTP ${response.status} with a body that is not JSON`);
    return { ok: true, status: response.status, contentType, body: parsed as T };
  }
  const fields = (parsed ?? {}) as { __type?: unknown; message?: unknown; Message?: unknown };
  const header = response.headers.get("x-amzn-errortype");
  const type = errorTypeName(typeof fields.__type === "string" ? fields.__type : (header ?? `HTTP${response.status}`));
  const message = typeof fields.message === "string" ? fields.message : typeof fields.Message === "string" ? fields.Message : "";
  return { ok: false, status: response.status, contentType, type, message, body: parsed ?? text };
}

/** The error of a call made through `cognitoRequest`; carries no request data (it may hold passwords). */
export class CognitoCallError extends Error {
  constructor(
    readonly action: string,
    readonly status: number,
    readonly type: string,
    readonly detail: string,
  ) {
    super(`${action} failed: ${type}${detail ? `: ${detail}` : ""} (HTTP ${status})`);
    this.name = "CognitoCallError";
  }
}

/** Like `callCognito`, but a Cognito error becomes a thrown `CognitoCallError`. */
export async function cognitoRequest<T>(endpoint: string, action: string, body: object, options?: CallOptions): Promise<T> {
  const reply = await callCognito<T>(endpoint, action, body, options);
  if (!reply.ok) throw new CognitoCallError(action, reply.status, reply.type, reply.message);
  return reply.body;
}

// `com.amazonaws...#NotAuthorizedException`, `NotAuthorizedException:http://internal...` → `NotAuthorizedException`.
function errorTypeName(raw: string): string {
  const withoutUri = raw.split(":")[0];
  const parts = withoutUri.split("#");
  return parts[parts.length - 1];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
