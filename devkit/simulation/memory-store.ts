// Key-value stores for the session tests: one in memory, and a wrapper that fails on chosen writes
// (a full disk, a crash mid-write) while leaving what was already stored in place.
import type { KeyValueStore } from "../../core/session";

export interface MemoryStore extends KeyValueStore {
  readonly data: { [key: string]: string };
}

export function memoryStore(data: { [key: string]: string } = {}): MemoryStore {
  return {
    data,
    getItem: (key) => (Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null),
    setItem: (key, value) => void (data[key] = String(value)),
    removeItem: (key) => void delete data[key],
  };
}

/** setItem throws on the listed calls (1-based), having written nothing, as a crash before the write lands. */
export function failingWrites(store: KeyValueStore, failOn: number[]): KeyValueStore & { writes(): number } {
  let count = 0;
  return {
    getItem: (key) => store.getItem(key),
    setItem: (key, value) => {
      count++;
      if (failOn.indexOf(count) >= 0) throw new Error(`simulated crash in write ${count}`);
      store.setItem(key, value);
    },
    removeItem: (key) => store.removeItem(key),
    writes: () => count,
  };
}
