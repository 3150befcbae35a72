// One HTTP request to the wearer's own service with a bearer token, and what can go wrong with it
// short of an HTTP answer. Any answer, 4xx and 5xx included, is the caller's to read.
import { Timers, describeCause, later, withDeadline } from "../cognito";

export interface CallInit {
  method?: string;
  headers?: { [name: string]: string };
  body?: string;
}

export interface CallResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: { [name: string]: string };
  readonly text: string;
}

interface HttpResponseLike {
  readonly status: number;
  readonly headers: { forEach?(fn: (value: string, name: string) => void): void };
  text(): Promise<string>;
}

/** The slice of fetch used here (the companion's, Node's or a test's). */
export type HttpFetch = (
  url: string,
  init: { method: string; headers: { [name: string]: string }; body?: string; signal?: unknown },
) => Promise<HttpResponseLike>;

/** No HTTP answer: offline, refused, reset ("network") or none in time ("timeout"). Carries no URL
 *  query, header or token, so it is safe to log and to show. */
export class ServiceCallError extends Error {
  constructor(
    readonly kind: "network" | "timeout",
    detail: string,
  ) {
    super(kind === "timeout" ? `no answer within ${detail} ms` : `network error: ${detail}`);
    this.name = "ServiceCallError";
  }
}

declare const fetch: HttpFetch | undefined;

// Its parts one by one rather than as an object: parameter names minify, property names do not (the
// companion bundle).
export function callWithBearer(
  url: string,
  init: CallInit,
  token: string,
  /** Defaults to the global fetch. */
  givenFetch: HttpFetch | undefined,
  timeoutMs: number,
  timers: Timers,
): Promise<CallResponse> {
  const headers: { [name: string]: string } = {};
  const given = init.headers || {};
  for (const name of Object.keys(given)) if (name.toLowerCase() !== "authorization") headers[name] = given[name];
  headers.Authorization = `Bearer ${token}`;
  const fetchImpl = givenFetch || (typeof fetch === "function" ? fetch : undefined);
  if (!fetchImpl) return Promise.reject(new ServiceCallError("network", "fetch is not available"));
  return withDeadline(
    timeoutMs,
    timers,
    () => new ServiceCallError("timeout", String(timeoutMs)),
    // A fetch that throws instead of rejecting fails the same way, as a network error.
    (signal) =>
      later(() => fetchImpl(url, { method: init.method || "GET", headers, body: init.body, signal }))
        .then((response) =>
          response.text().then((text) => {
            const names: { [name: string]: string } = {};
            if (response.headers.forEach) response.headers.forEach((value, name) => (names[name.toLowerCase()] = value));
            return { status: response.status, headers: names, text };
          }),
        )
        .then(undefined, (err: unknown) => {
          throw new ServiceCallError("network", describeCause(err));
        }),
  );
}
