// The session and the sign-outs Cognito has not confirmed, as the manager and its two machines hold them
// in memory, and written together: every change of either is one write of the token store's crash-safe
// record (token-store.ts), so a sign-out and the session it leaves never reach the store apart.
import { failureCode } from "../cognito";
import { StoredSession } from "./stored-session";
import { KeyValueStore, PendingSignOut, tokenStore } from "./token-store";

export interface SessionRecord {
  /** The signed-in session; undefined while signed out. */
  session(): StoredSession | undefined;
  /** Sign-outs Cognito has not confirmed, each to be tried until it answers. */
  signOuts(): readonly PendingSignOut[];
  /** Sets the session and the pending sign-outs (by default those kept) and writes them as one record.
   *  Never throws: a failed write leaves the previous record intact and this one in memory, for
   *  `retryWrite`. */
  write(session: StoredSession | undefined, signOuts?: PendingSignOut[]): void;
  /** Writes again what the last write could not (at every wake); nothing when it succeeded. */
  retryWrite(): void;
}

/** Loads what `store` holds. `say`: a line for the log. */
export function sessionRecord(store: KeyValueStore, say: (line: string) => void): SessionRecord {
  const tokens = tokenStore(store);
  let session = tokens.load();
  let signOuts = tokens.pendingSignOuts();
  /** The last write failed: the state in memory is newer than the stored one. */
  let unsaved = false;

  const save = () => {
    try {
      tokens.save(session, signOuts);
      unsaved = false;
    } catch (err) {
      // The previous record is intact; this one lives in memory and is written again at the next wake.
      unsaved = true;
      say(`could not store the session (${failureCode(err)})`);
    }
  };

  return {
    session: () => session,
    signOuts: () => signOuts,
    write(s, pending = signOuts) {
      session = s;
      signOuts = pending;
      save();
    },
    retryWrite() {
      if (unsaved) save();
    },
  };
}
