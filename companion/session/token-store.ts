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

export class TokenStore {
  /** Which key holds the newest record (-1: none), and its sequence number. */
  private slot = -1;
  private seq = 0;

  constructor(private readonly store: KeyValueStore) {}

  /** The newest whole record, or undefined when there is none (or none that parses). */
  load(): StoredSession | undefined {
    let best: { seq: number; session: StoredSession } | undefined;
    this.slot = -1;
    for (let i = 0; i < KEYS.length; i++) {
      const record = readRecord(this.store, KEYS[i]);
      if (record && (!best || record.seq > best.seq)) {
        best = record;
        this.slot = i;
      }
    }
    this.seq = best ? best.seq : 0;
    return best && best.session;
  }

  /** Throws when the store does; the previous record is then still intact. */
  save(session: StoredSession): void {
    const target = this.slot === 0 ? 1 : 0;
    this.store.setItem(KEYS[target], JSON.stringify({ seq: this.seq + 1, session }));
    this.seq++;
    this.slot = target;
    // Only now is the older record expendable. Failing to remove it is harmless: it loses on load.
    try {
      this.store.removeItem(KEYS[1 - target]);
    } catch (_) {
      /* the newer record wins anyway */
    }
  }

  /** Removes every record; tries both keys even when one removal throws, then rethrows. */
  clear(): void {
    let failure: unknown;
    for (const key of KEYS) {
      try {
        this.store.removeItem(key);
      } catch (err) {
        failure = failure || err;
      }
    }
    this.slot = -1;
    this.seq = 0;
    if (failure) throw failure;
  }
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
