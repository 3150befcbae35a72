// Zepp's side-service fetch, adapted to the web's shape the core expects: core/cognito's FetchLike (the
// client) and core/session's HttpFetch (the watch's calls to the wearer's service). Zepp's is
// `fetch({ url, method, headers, body })` resolving to `{ status, headers, body }`, whose body may already
// be parsed (an object) and whose headers are a plain object. Deadlines stay the caller's: the client and
// the session time each request themselves, whatever Zepp's own timeout is.
import type { FetchResponseLike } from "../../core/cognito";

export interface ZeppFetchRequest {
  url: string;
  method: string;
  headers: { [name: string]: string };
  body?: string;
}

export interface ZeppFetchResponse {
  status: number;
  headers?: { [name: string]: unknown } | null;
  body?: unknown;
}

export type ZeppFetch = (request: ZeppFetchRequest) => Promise<ZeppFetchResponse>;

export interface WebResponse extends FetchResponseLike {
  readonly headers: { get(name: string): string | null; forEach(fn: (value: string, name: string) => void): void };
}

/** One function for both the client's FetchLike and the session's HttpFetch (index.ts hands it to each, so
 *  the compiler checks it fits both): FetchLike's body is always a string, HttpFetch's may be absent (a
 *  GET); its answer has what each reads (headers.get, headers.forEach). */
export type WebFetch = (
  url: string,
  init: { method: string; headers: { [name: string]: string }; body?: string; signal?: unknown },
) => Promise<WebResponse>;

export function webFetch(zeppFetch: ZeppFetch): WebFetch {
  return (url, init) => {
    const request: ZeppFetchRequest = { url, method: init.method, headers: init.headers };
    if (init.body !== undefined) request.body = init.body;
    return zeppFetch(request).then(webResponse);
  };
}

export function webResponse(answer: ZeppFetchResponse): WebResponse {
  const headers: { [name: string]: string } = {};
  const given = answer.headers || {};
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  const body = answer.body;
  // An object is Zepp's parse of a JSON answer: its text again, which the core reads as it would the wire's.
  const text = body === undefined || body === null ? "" : typeof body === "string" ? body : JSON.stringify(body);
  return {
    status: answer.status,
    headers: {
      get: (name) => (headers.hasOwnProperty(name.toLowerCase()) ? headers[name.toLowerCase()] : null),
      forEach: (fn) => Object.keys(headers).forEach((name) => fn(headers[name], name)),
    },
    text: () => Promise.resolve(text),
  };
}
