/** Runs `work` at once, as an async function runs its body: a throw rejects the promise. */
export function attempt<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
