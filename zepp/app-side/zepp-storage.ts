// Zepp's settingsStorage, the side service's only storage, as the two stores the core asks for: the
// settings the controller reads and writes (common/settings-keys.ts, unprefixed, shared with the Settings
// App page), and the private store of tokens, pending sign-outs and devices (core/session's KeyValueStore),
// the same storage under PRIVATE_PREFIX, which the page never reads or renders.
import type { KeyValueStore } from "../../core/session";
import type { SettingsStorageLike } from "../../core/signin";
import { PRIVATE_PREFIX } from "../shared/side-keys";

/** What Zepp documents: getItem/setItem/removeItem and a "change" listener with key, newValue, oldValue. */
export interface ZeppSettingsStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  addListener(type: "change", listener: (event: { key?: string | null; newValue?: unknown; oldValue?: unknown }) => void): void;
}

/** Zepp may hand back a value as stored or parsed: the core reads text. */
function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function privateStore(storage: ZeppSettingsStorage): KeyValueStore {
  return {
    getItem: (key) => asText(storage.getItem(PRIVATE_PREFIX + key)),
    setItem: (key, value) => storage.setItem(PRIVATE_PREFIX + key, value),
    removeItem: (key) => storage.removeItem(PRIVATE_PREFIX + key),
  };
}

/** The settings as the controller's settings link reads them; `onChange` also hears every change (the side
 *  service wakes the session on it). Changes to private keys are the side's own: not passed on. */
export function sharedSettings(storage: ZeppSettingsStorage): SettingsStorageLike {
  return {
    getItem: (key) => asText(storage.getItem(key)),
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
    addEventListener: (type, listener) =>
      storage.addListener(type, (event) => {
        const key = event && typeof event.key === "string" ? event.key : null;
        if (key !== null && key.indexOf(PRIVATE_PREFIX) === 0) return;
        listener({ key, newValue: asText(event && event.newValue) });
      }),
  };
}
