// Where the session lives between runs: a key-value store the host supplies (the companion's
// `local-storage`, the CLI's 0600 file). Never settings storage (the settings page can read it), never
// the watch. Beside the session it keeps the sign-outs Cognito has not confirmed yet, whose refresh
// tokens must outlive the session until Cognito ends them.
//
// Crash safety: records alternate between two keys, each carrying a sequence number. A write goes to
// the key that does NOT hold the newest record, and only then is the older key removed; loading picks
// the newest record that parses. A crash (or a store that throws) at any point leaves at least one
// whole record, so the refresh token is never lost to a half-finished write. The session and the
// pending sign-outs share one record, so every change of either (a sign-out, a sign-in while one is
// pending, a sign-out confirmed) is one write that either happened or did not.
import { StoredSession, readStoredSession } from "./stored-session";

/** The slice of the Web Storage API the token store needs (the companion's localStorage has it). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A signed-out session whose end Cognito has not confirmed: RevokeToken for its refresh token, or
 *  with `everywhere` GlobalSignOut (which takes a live access token, so the refresh token stays too). */
export interface PendingSignOut extends StoredSession {
  readonly everywhere?: boolean;
}

const KEYS = ["cognito.session.a", "cognito.session.b"];

interface StoredRecord {
  seq: number;
  session?: StoredSession;
  revoke?: PendingSignOut[];
}

export interface TokenStore {
  /** The newest whole record's session: undefined when there is none, none that parses, or the
   *  record is signed out. Loads the pending sign-outs with it. */
  load(): StoredSession | undefined;
  /** The pending sign-outs, as last loaded or given to save. */
  pendingSignOuts(): PendingSignOut[];
  /** Writes one record of the session (undefined: signed out) and the pending sign-outs (by default
   *  those kept, so a new sign-in never drops them); with neither, removes every record. Throws when
   *  the store does; the previous record is then still intact. */
  save(session: StoredSession | undefined, pending?: PendingSignOut[]): void;
}

export function tokenStore(store: KeyValueStore): TokenStore {
  /** Which key holds the newest record (-1: none), and its sequence number. */
  let slot = -1;
  let seq = 0;
  let kept: PendingSignOut[] = [];
  return {
    load() {
      let best: StoredRecord | undefined;
      slot = -1;
      for (let i = 0; i < KEYS.length; i++) {
        const record = readRecord(store, KEYS[i]);
        if (record && (!best || record.seq > best.seq)) {
          best = record;
          slot = i;
        }
      }
      seq = best ? best.seq : 0;
      kept = (best && best.revoke) || [];
      return best && best.session;
    },
    pendingSignOuts: () => kept,
    save(session, pending = kept) {
      kept = pending;
      if (!session && !pending.length) {
        // The older record first: stopped half-way (a throw), this leaves the newest, never a stale one.
        for (const key of slot === 0 ? [KEYS[1], KEYS[0]] : KEYS) store.removeItem(key);
        slot = -1;
        seq = 0;
        return;
      }
      const target = slot === 0 ? 1 : 0;
      const record: StoredRecord = { seq: seq + 1, session, revoke: pending };
      store.setItem(KEYS[target], JSON.stringify(record));
      seq++;
      slot = target;
      // Only now is the older record expendable. Failing to remove it is harmless: it loses on load.
      try {
        store.removeItem(KEYS[1 - target]);
      } catch (_) {
        /* the newer record wins anyway */
      }
    },
  };
}

/** A whole record, or undefined: any damaged part disqualifies it, and the other key's record wins. */
function readRecord(store: KeyValueStore, key: string): StoredRecord | undefined {
  try {
    const record = JSON.parse(store.getItem(key) || "0");
    const whole = (s: unknown) => !!readStoredSession(s);
    return typeof record.seq === "number" && (!record.session || whole(record.session)) && (record.revoke || []).every(whole)
      ? record
      : undefined;
  } catch (_) {
    return undefined;
  }
}
