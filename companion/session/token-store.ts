// Where the session lives between runs: a key-value store the host supplies (the companion's
// `local-storage`, the CLI's 0600 file). Never settings storage (the settings page can read it), never
// the watch.
//
// Crash safety: records alternate between two keys, each carrying a sequence number. A write goes to
// the key that does NOT hold the newest record, and only then is the older key removed; loading picks
// the newest record that parses. A crash (or a store that throws) at any point leaves at least one
// whole record, so the refresh token is never lost to a half-finished write.
import { StoredSession, readStoredSession } from "./stored-session";

/** The slice of the Web Storage API the token store needs (the companion's localStorage has it). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEYS = ["cognito.session.a", "cognito.session.b"];

export interface TokenStore {
  /** The newest whole record, or undefined when there is none (or none that parses). */
  load(): StoredSession | undefined;
  /** Throws when the store does; the previous record is then still intact. */
  save(session: StoredSession): void;
  /** Removes every record; tries both keys even when one removal throws, then rethrows. */
  clear(): void;
}

export function tokenStore(store: KeyValueStore): TokenStore {
  /** Which key holds the newest record (-1: none), and its sequence number. */
  let slot = -1;
  let seq = 0;
  return {
    load() {
      let best: { seq: number; session: StoredSession } | undefined;
      slot = -1;
      for (let i = 0; i < KEYS.length; i++) {
        const record = readRecord(store, KEYS[i]);
        if (record && (!best || record.seq > best.seq)) {
          best = record;
          slot = i;
        }
      }
      seq = best ? best.seq : 0;
      return best && best.session;
    },
    save(session) {
      const target = slot === 0 ? 1 : 0;
      store.setItem(KEYS[target], JSON.stringify({ seq: seq + 1, session }));
      seq++;
      slot = target;
      // Only now is the older record expendable. Failing to remove it is harmless: it loses on load.
      try {
        store.removeItem(KEYS[1 - target]);
      } catch (_) {
        /* the newer record wins anyway */
      }
    },
    clear() {
      let failure: unknown;
      for (const key of KEYS) {
        try {
          store.removeItem(key);
        } catch (err) {
          failure = failure || err;
        }
      }
      slot = -1;
      seq = 0;
      if (failure) throw failure;
    },
  };
}

function readRecord(store: KeyValueStore, key: string): { seq: number; session: StoredSession } | undefined {
  try {
    const text = store.getItem(key);
    const record = text ? JSON.parse(text) : undefined;
    const session = record && typeof record.seq === "number" ? readStoredSession(record.session) : undefined;
    return session ? { seq: record.seq, session } : undefined;
  } catch (_) {
    return undefined;
  }
}
