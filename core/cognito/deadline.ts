// A request with a deadline, shared by the Cognito transport and the calls to the wearer's own service:
// past the deadline the request is aborted (where the runtime has AbortController) and the caller gets
// its own timeout error, whatever the request does afterwards.

/** setTimeout and clearTimeout, or a test's fake clock. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const systemTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// Not among the companion's declared globals, and not certain to exist there at run time: declared here,
// for this module only, and looked up with typeof, which is safe for an undefined global.
declare const AbortController: (new () => { readonly signal: unknown; abort(): void }) | undefined;

/** Runs `work` once the code running now is done, as a promise: a throw rejects it. */
export function later<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return Promise.resolve().then(work);
}

/**
 * Runs `request` (given an abort signal, or undefined without AbortController) and settles with it,
 * unless `ms` pass first: then the request is aborted and the promise rejects with `timeoutError()`.
 * The timer is cleared however it ends; a request that throws is a rejection like any other.
 */
export function withDeadline<T>(
  ms: number,
  timers: Timers,
  timeoutError: () => Error,
  request: (signal: unknown) => Promise<T>,
): Promise<T> {
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  return new Promise<T>((resolve, reject) => {
    const timer = timers.set(() => {
      if (controller) controller.abort();
      reject(timeoutError());
    }, ms);
    const settle =
      <V>(fn: (v: V) => void) =>
      (v: V) => {
        timers.clear(timer);
        fn(v);
      };
    // Whichever comes second (the answer or the timeout) settles nothing, and is never "unhandled".
    later(() => request(controller && controller.signal)).then(settle(resolve), settle(reject));
  });
}

/** What a failed request says, without anything of the request itself: the error's message and the
 *  code of its cause (Node's fetch: "fetch failed" (ECONNREFUSED)). */
export function describeCause(err: unknown): string {
  const e = err as { message?: unknown; cause?: { code?: unknown } } | undefined;
  return e && typeof e.message === "string"
    ? e.message + (e.cause && typeof e.cause.code === "string" ? ` (${e.cause.code})` : "")
    : "request failed";
}
