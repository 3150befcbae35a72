// The CLI's session file: the companion's key-value store, kept as one JSON object in a file readable
// by its owner only (0600). Every change replaces the whole file by an atomic rename, so a crash leaves
// the old file or the new one, never half of one; the token store on top adds its own two-record
// safety, exactly as it does in the companion's local storage.
import * as fs from "fs";
import * as path from "path";
import { KeyValueStore, tokenStore } from "../companion/session/token-store";
import { StoredSession } from "../companion/session/stored-session";
import { UsageError } from "./args";

/** The session file could not be written: the command did not keep what it got. */
export class SessionFileError extends Error {
  constructor(file: string, cause: unknown) {
    super(`could not write the session file ${file}: ${(cause as { code?: string }).code || (cause as Error).message}`);
  }
}

/** The file as a key-value store; `check()` throws a SessionFileError if any write to it failed. */
export function fileKeyValueStore(file: string): KeyValueStore & { check(): void } {
  let failure: unknown;
  const read = (): { [key: string]: string } => {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (_) {
      return {};
    }
    try {
      const all = JSON.parse(text);
      return all && typeof all === "object" && !Array.isArray(all) ? all : {};
    } catch (_) {
      return {};
    }
  };
  const write = (all: { [key: string]: string }) => {
    try {
      if (Object.keys(all).length === 0) return fs.rmSync(file, { force: true });
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, JSON.stringify(all) + "\n", { mode: 0o600 });
      fs.chmodSync(tmp, 0o600);
      fs.renameSync(tmp, file);
    } catch (err) {
      // The session code catches this and keeps going on what it has in memory; check() reports it.
      failure = failure || err;
      throw err;
    }
  };
  return {
    getItem: (key) => {
      const value = read()[key];
      return typeof value === "string" ? value : null;
    },
    setItem: (key, value) => {
      const all = read();
      all[key] = value;
      write(all);
    },
    removeItem: (key) => {
      const all = read();
      if (!(key in all)) return;
      delete all[key];
      write(all);
    },
    check: () => {
      if (failure) throw new SessionFileError(file, failure);
    },
  };
}

/**
 * The session in the file, or a usage error that says what to do. With `orPendingSignOut`, a file that
 * holds only a sign-out Cognito has not confirmed yet (a logout that could not reach it) gives that
 * sign-out's session instead, so logout can send it.
 */
export function readSessionFile(file: string, orPendingSignOut = false): StoredSession {
  if (!fs.existsSync(file)) {
    throw new UsageError(`cannot read session file ${file}: sign in first with "fitbit-cognito login --session-file ${file}"`);
  }
  const store = tokenStore(fileKeyValueStore(file));
  const session = store.load() || (orPendingSignOut ? store.pendingSignOuts()[0] : undefined);
  if (session) return session;
  if (store.pendingSignOuts().length) {
    throw new UsageError(`session file ${file} holds only a pending sign-out: run "fitbit-cognito logout --session-file ${file}" to send it`);
  }
  throw new UsageError(`session file ${file} is damaged or from another version: sign in again`);
}

/**
 * A login keeps its session in `file` through the companion's session code, which signs out at Cognito
 * what the file held, with the login's app client. Only the app client that issued a token can end it,
 * so a file holding a session or pending sign-out of another one is refused before the password is asked.
 */
export function checkSessionFileFor(file: string, client: { userPoolId: string; clientId: string }): void {
  const store = tokenStore(fileKeyValueStore(file));
  const held = store.load();
  for (const s of held ? [held, ...store.pendingSignOuts()] : store.pendingSignOuts()) {
    if (s.userPoolId !== client.userPoolId || s.clientId !== client.clientId) {
      throw new UsageError(
        `session file ${file} holds a session of app client ${s.clientId} of pool ${s.userPoolId}: sign it out first ("fitbit-cognito logout --session-file ${file}") or use another file`,
      );
    }
  }
}
