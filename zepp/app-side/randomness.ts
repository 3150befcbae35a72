// Whether the phone's runtime gives the side service secure random numbers. Zepp does not document
// crypto.getRandomValues in the side service, so it is tried at run time. With it: SRP, and devices
// confirmed (their random password). Without it the client cannot draw SRP's secret or a device's
// password, and never falls back to Math.random: "auto" signs in with USER_PASSWORD_AUTH (core/cognito's
// client decides that itself), a new device is not confirmed (core/session logs "device: not confirmed"),
// and the wearer is told why, in the log and on the Settings App page (RANDOMNESS_KEY).
import { RANDOMNESS_KEY } from "../shared/side-keys";

declare const crypto: { getRandomValues(array: Uint8Array): Uint8Array } | undefined;

/** True when crypto.getRandomValues exists and fills a buffer. */
export function hasSecureRandom(): boolean {
  try {
    if (typeof crypto === "undefined" || !crypto || typeof crypto.getRandomValues !== "function") return false;
    const probe = crypto.getRandomValues(new Uint8Array(16));
    return !!probe && probe.length === 16;
  } catch (_) {
    return false;
  }
}

export const NO_RANDOM_LOG =
  "randomness: no crypto.getRandomValues here: signing in with USER_PASSWORD_AUTH instead of SRP, and this watch is not remembered as a device";

/** Checks, logs and notes for the page; returns whether SRP can run. */
export function noteRandomness(
  storage: { getItem(key: string): unknown; setItem(key: string, value: string): void; removeItem(key: string): void },
  log: (line: string) => void,
): boolean {
  const ok = hasSecureRandom();
  if (ok) {
    if (storage.getItem(RANDOMNESS_KEY) !== null && storage.getItem(RANDOMNESS_KEY) !== undefined) storage.removeItem(RANDOMNESS_KEY);
  } else {
    log(NO_RANDOM_LOG);
    if (storage.getItem(RANDOMNESS_KEY) !== "none") storage.setItem(RANDOMNESS_KEY, "none");
  }
  return ok;
}
