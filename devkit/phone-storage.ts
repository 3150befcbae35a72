// The phone's two stores, in memory, for everything that runs the companion off a phone: `npm start`'s
// preview and the tests. `MemoryStorage` is the companion's private local storage (tokens live there).
// `LiveStorage` is Fitbit's settingsStorage as both sides see it: the companion hears a "change" event
// for what the settings page writes, never for its own writes; the settings page sees every value the
// companion writes (its status line). The preview page's own copy of settingsStorage builds on
// MemoryStorage too (preview/page/settings/storage.ts).
import { REQUEST, SETTING, SETUP_KEY } from "../common/settings-keys";

export class MemoryStorage {
  protected items: { [key: string]: string } = {};

  get length(): number {
    return Object.keys(this.items).length;
  }
  key(index: number): string | null {
    return Object.keys(this.items)[index] ?? null;
  }
  getItem(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.items, key) ? this.items[key] : null;
  }
  setItem(key: string, value: string): void {
    this.items[key] = String(value);
  }
  removeItem(key: string): void {
    delete this.items[key];
  }
  clear(): void {
    this.items = {};
  }
  /** Everything stored now. */
  snapshot(): { [key: string]: string } {
    return { ...this.items };
  }
}

export type SettingsChange = { key: string | null; newValue: string | null; oldValue: string | null };

/** Stands in the history for the value of a secret key: the write is recorded, not what it held. */
export const WITHHELD: unique symbol = Symbol("withheld");

/** A write to settingsStorage as the history keeps it: the value, null for a removal, or WITHHELD. */
export type SettingsWrite = { key: string; value: string | null | typeof WITHHELD };

/** Keys whose values the history does not keep: what is typed on the settings page to sign in, and the
 *  app client's secret. The history lives as long as its phone (a preview's may live for hours), and a
 *  password must not outlive the request that carried it (README, Security). */
// What the wearer types to sign in (an answer may be a secret's) and the authenticator's key.
const SECRET_KEYS: readonly string[] = [
  REQUEST.password,
  REQUEST.flowPassword,
  REQUEST.newPassword,
  REQUEST.code,
  REQUEST.answer,
  SETUP_KEY,
  SETTING.clientSecret,
];

export class LiveStorage extends MemoryStorage {
  private companionListeners: ((event: SettingsChange) => void)[] = [];
  private pageListeners: ((key: string, value: string | null) => void)[] = [];
  onchange: ((event: SettingsChange) => void) | null = null;
  /** Every value written or removed (null), by either side, in order, a secret's value WITHHELD: to
   *  prove that a password or token never went where it must not. */
  readonly history: SettingsWrite[] = [];

  // ---- the companion's side (settingsStorage in companion code) --------------------------------

  addEventListener(type: "change", listener: (event: SettingsChange) => void): void {
    if (type === "change") this.companionListeners.push(listener);
  }
  removeEventListener(type: "change", listener: (event: SettingsChange) => void): void {
    this.companionListeners = this.companionListeners.filter((l) => l !== listener);
  }
  setItem(key: string, value: string): void {
    super.setItem(key, value);
    this.record(key, String(value));
    this.toPage(key, String(value));
  }
  removeItem(key: string): void {
    if (this.getItem(key) === null) return;
    super.removeItem(key);
    this.record(key, null);
    this.toPage(key, null);
  }

  // ---- the settings page's side ------------------------------------------------------------------

  /** The page wrote (value) or removed (null) `key`: stored, and the companion hears of it. */
  fromPage(key: string, value: string | null): void {
    const oldValue = this.getItem(key);
    if (value === null) delete this.items[key];
    else this.items[key] = value;
    this.record(key, value);
    const event = { key, newValue: value, oldValue };
    if (this.onchange) this.onchange(event);
    for (const l of this.companionListeners.slice()) l(event);
  }

  /** Calls `listener` with every write the companion makes; returns the unsubscribe function. */
  watchFromPage(listener: (key: string, value: string | null) => void): () => void {
    this.pageListeners.push(listener);
    return () => {
      this.pageListeners = this.pageListeners.filter((l) => l !== listener);
    };
  }

  private record(key: string, value: string | null): void {
    this.history.push({ key, value: value !== null && SECRET_KEYS.indexOf(key) >= 0 ? WITHHELD : value });
  }

  private toPage(key: string, value: string | null): void {
    for (const l of this.pageListeners.slice()) l(key, value);
  }
}
