// In-memory Storage, as Fitbit's companion `localStorage` and `settingsStorage` behave: strings only.
// `LiveStorage` adds what settingsStorage does: the companion hears "change" events for what the
// settings page writes (not for its own writes), and the page sees every value.

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
  /** Test helper: everything stored, to prove what is (not) kept. */
  snapshot(): { [key: string]: string } {
    return { ...this.items };
  }
}

type ChangeListener = (event: { key: string | null; newValue: string | null; oldValue: string | null }) => void;

export class LiveStorage extends MemoryStorage {
  private listeners: ChangeListener[] = [];
  onchange: ChangeListener | null = null;
  /** Every value the settings page has ever seen under each key: to prove a password never stayed. */
  readonly history: { key: string; value: string | null }[] = [];

  addEventListener(type: "change", listener: ChangeListener): void {
    if (type === "change") this.listeners.push(listener);
  }
  removeEventListener(type: "change", listener: ChangeListener): void {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }
  setItem(key: string, value: string): void {
    super.setItem(key, value);
    this.history.push({ key, value: String(value) });
  }
  removeItem(key: string): void {
    super.removeItem(key);
    this.history.push({ key, value: null });
  }
  /** The settings page writes a value: stored, and the companion hears a change event. */
  setFromPage(key: string, value: string): void {
    const oldValue = this.getItem(key);
    this.setItem(key, value);
    const event = { key, newValue: value, oldValue };
    if (this.onchange) this.onchange(event);
    for (const l of this.listeners.slice()) l(event);
  }
  reset(): void {
    this.clear();
    this.listeners = [];
    this.onchange = null;
    this.history.length = 0;
  }
}
