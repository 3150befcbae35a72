// The keys of Zepp's settingsStorage that only the Zepp shell uses, beside common/settings-keys.ts's.
//
// Zepp gives the side service one storage, settingsStorage, shared with the Settings App page: the tokens,
// the pending sign-outs and the remembered devices (core/session's store) live there too, under keys that
// begin with PRIVATE_PREFIX. The Settings App page never reads or renders such a key (zepp/setting/).

/** Every key of the side service's private store (core/session's KeyValueStore) begins with this. */
export const PRIVATE_PREFIX = "private.";

export function isPrivateKey(key: string): boolean {
  return key.indexOf(PRIVATE_PREFIX) === 0;
}

/** Written by the side service when the phone's runtime gives it no crypto.getRandomValues ("none"), removed
 *  when it does: the page then says why sign-in uses USER_PASSWORD_AUTH and the watch is not remembered. */
export const RANDOMNESS_KEY = "zeppRandomness";
