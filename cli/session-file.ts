// The CLI's session file: the companion's token store (core/session/token-store.ts) kept as one
// JSON object in a file readable by its owner only (0600), under a marker that says what the file is
// and where its sessions were signed in, so later commands need not be told the endpoint again:
//
//   {"fitbit-cognito":{"v":1,"endpoint":"http://127.0.0.1:9229"},"cognito.session.a":"{…a record…}"}
//
// Files of earlier versions hold the records alone; they are read as they are and get the marker at
// their next write. Any other file (a package.json given by mistake) is refused, never merged into.
//
// Every change replaces the whole file by an atomic rename, so a crash leaves the old file or the new
// one, never half of one; the token store on top adds its own two-record safety, exactly as it does in
// the companion's local storage. The temporary file gets a fresh random name and is created exclusively:
// a predictable name could already exist (a link planted there would receive the tokens), and a write
// that fails removes it, so no copy of the tokens is left beside the file.
import * as fs from "fs";
import * as path from "path";
import { randomBytes } from "crypto";
import { validateSettings } from "../core/cognito";
import { KeyValueStore, TokenStore, tokenStore } from "../core/session";
import { StoredSession } from "../core/session";
import { UsageError } from "./args";

/** Where the file's sessions were signed in: a development endpoint, or AWS's (FIPS or not). */
export interface SessionOrigin {
  readonly endpoint?: string;
  readonly fips?: boolean;
}

const MARKER = "fitbit-cognito";
const FORMAT = 1;
/** The token store's keys ("cognito.session.a", "…b"), all that files of earlier versions hold, and the
 *  device book's (core/session/device-book.ts): the devices remembered where the sessions were signed in. */
const RECORD_KEY = /^cognito\.(session\.\w+|devices)$/;
const SESSION_KEY = /^cognito\.session\./;

type Records = { [key: string]: string };

/** The session file could not be read or written. */
export class SessionFileError extends Error {}

/** The file could not be written: the command did not keep what it got. `revoke` tells what became of
 *  the refresh token that only this command held, if there was one. */
export function notWritten(
  file: string,
  cause: unknown,
  revoke?: { revoked: true } | { revoked: false; failure: string },
): SessionFileError {
  const what = `could not write the session file ${file}: ${errorCode(cause)}`;
  if (!revoke) return new SessionFileError(what);
  return new SessionFileError(
    revoke.revoked
      ? `${what}; the session was not kept, and its refresh token is revoked`
      : `${what}; the session was not kept, and its refresh token could not be revoked (${revoke.failure}): it stays valid until it expires`,
  );
}

/** A session file as read when the command starts. */
export interface SessionFile {
  readonly path: string;
  /** False: there is no file yet (or an empty one), and the first write makes it. */
  readonly exists: boolean;
  /** Where its sessions were signed in; absent for a file without any yet or of an earlier version. */
  readonly origin?: SessionOrigin;
  /** The token store's records, as read. */
  readonly records: Readonly<Records>;
}

/** Reads `file` for a command: a UsageError when it is not a session file, a SessionFileError when it
 *  cannot be read. A file that does not exist (or is empty, as `mktemp` makes it) is a new one. */
export function openSessionFile(file: string): SessionFile {
  return Object.assign({ path: file }, readFile(file));
}

/** The file as the token store's key-value store, starting from what was read: each change rewrites the
 *  file, with `origin` in its marker. `writeFailure()` is the first write that failed: the session code
 *  carries on in memory (as the companion must), a command must not. */
export function sessionFileStore(file: SessionFile, origin: SessionOrigin): KeyValueStore & { writeFailure(): unknown } {
  let records: Records = file.records;
  let failure: unknown;
  const write = (next: Records) => {
    try {
      if (Object.keys(next).length === 0) fs.rmSync(file.path, { force: true });
      else replaceFile(file.path, JSON.stringify(Object.assign({ [MARKER]: Object.assign({ v: FORMAT }, origin) }, next)) + "\n");
      records = next;
    } catch (err) {
      failure = failure || err;
      throw err;
    }
  };
  return {
    getItem: (key) => (has(records, key) ? records[key] : null),
    setItem: (key, value) => write(Object.assign({}, records, { [key]: value })),
    removeItem: (key) => {
      if (!has(records, key)) return;
      const next = Object.assign({}, records);
      delete next[key];
      write(next);
    },
    writeFailure: () => failure,
  };
}

/** The refresh tokens the file on disk holds now (its session's and its pending sign-outs'). */
export function refreshTokensOnDisk(file: string): string[] {
  try {
    const tokens = readOnly(openSessionFile(file));
    const session = tokens.load();
    return tokens
      .pendingSignOuts()
      .concat(session ? [session] : [])
      .map((s) => s.refreshToken);
  } catch (_) {
    return [];
  }
}

/**
 * The session in the file, or a usage error that says what to do. With `orPendingSignOut`, a file that
 * holds only a sign-out Cognito has not confirmed yet (a logout that could not reach it) gives that
 * sign-out's session instead, so logout can send it.
 */
export function sessionInFile(file: SessionFile, orPendingSignOut = false): StoredSession {
  const name = file.path;
  if (!file.exists) {
    throw new UsageError(`cannot read session file ${name}: sign in first with "fitbit-cognito login --session-file ${name}"`);
  }
  const store = readOnly(file);
  const session = store.load() || (orPendingSignOut ? store.pendingSignOuts()[0] : undefined);
  if (session) return session;
  if (!Object.keys(file.records).some((key) => SESSION_KEY.test(key))) {
    // Signed out: what is left is the devices remembered for the next login.
    throw new UsageError(
      `session file ${name} holds no session (signed out): sign in first with "fitbit-cognito login --session-file ${name}"`,
    );
  }
  if (store.pendingSignOuts().length) {
    throw new UsageError(
      `session file ${name} holds only a pending sign-out: run "fitbit-cognito logout --session-file ${name}" to send it`,
    );
  }
  throw new UsageError(`session file ${name} is damaged or from another version: sign in again`);
}

/**
 * A login keeps its session in `file` through the companion's session code, which signs out at Cognito
 * what the file held, with the login's app client. Only the app client that issued a token can end it,
 * so a file holding a session or pending sign-out of another one is refused before the password is
 * asked; so is one whose sessions live at another endpoint.
 */
export function checkSessionFileFor(file: SessionFile, client: { userPoolId: string; clientId: string; url: string }): void {
  const store = readOnly(file);
  const held = store.load();
  for (const s of held ? [held, ...store.pendingSignOuts()] : store.pendingSignOuts()) {
    if (s.userPoolId !== client.userPoolId || s.clientId !== client.clientId) {
      throw new UsageError(
        `session file ${file.path} holds a session of app client ${s.clientId} of pool ${s.userPoolId}: sign it out first ("fitbit-cognito logout --session-file ${file.path}") or use another file`,
      );
    }
    // Files of earlier versions do not say where they were signed in: they are taken at the login's word.
    const url = file.origin && endpointUrl(s, file.origin);
    if (url && url !== client.url) {
      throw new UsageError(
        `session file ${file.path} holds a session signed in at ${url}: sign it out first ("fitbit-cognito logout --session-file ${file.path}") or use another file`,
      );
    }
  }
}

function endpointUrl(s: StoredSession, origin: SessionOrigin): string | undefined {
  try {
    return validateSettings({ userPoolId: s.userPoolId, clientId: s.clientId, endpoint: origin.endpoint, fips: origin.fips }).url;
  } catch (_) {
    return undefined;
  }
}

interface FileContents {
  exists: boolean;
  records: Readonly<Records>;
  origin?: SessionOrigin;
}

function readFile(file: string): FileContents {
  let text: string;
  try {
    // Only a regular file: a directory, or a device such as /dev/null, is not a session file, and the
    // rename of a write would replace it.
    if (!fs.statSync(file).isFile()) throw notASessionFile(file);
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (errorCode(err) === "ENOENT") return { exists: false, records: {} };
    throw new SessionFileError(`could not read the session file ${file}: ${errorCode(err)}`);
  }
  if (text.trim() === "") return { exists: false, records: {} };
  let all: unknown;
  try {
    all = JSON.parse(text);
  } catch (_) {
    throw notASessionFile(file);
  }
  if (!all || typeof all !== "object" || Array.isArray(all)) throw notASessionFile(file);
  const records: Records = {};
  let origin: SessionOrigin | undefined;
  for (const [key, value] of Object.entries(all as { [key: string]: unknown })) {
    if (key === MARKER) origin = readMarker(file, value);
    else if (RECORD_KEY.test(key) && typeof value === "string") records[key] = value;
    else throw notASessionFile(file);
  }
  return { exists: Object.keys(records).length > 0, records, origin };
}

function readMarker(file: string, marker: unknown): SessionOrigin {
  const m = (marker && typeof marker === "object" ? marker : {}) as { v?: unknown; endpoint?: unknown; fips?: unknown };
  if (typeof m.v === "number" && m.v > FORMAT) {
    throw new UsageError(`session file ${file} was written by a newer fitbit-cognito: use that one, or sign in again into another file`);
  }
  const wellFormed =
    m.v === FORMAT && (m.endpoint === undefined || typeof m.endpoint === "string") && (m.fips === undefined || typeof m.fips === "boolean");
  if (!wellFormed) throw notASessionFile(file);
  const origin: { endpoint?: string; fips?: boolean } = {};
  if (m.endpoint !== undefined) origin.endpoint = m.endpoint as string;
  if (m.fips !== undefined) origin.fips = m.fips as boolean;
  return origin;
}

function notASessionFile(file: string): UsageError {
  return new UsageError(`${file} is not a session file of fitbit-cognito: name a new file, or one that "fitbit-cognito login" wrote`);
}

/** Replaces `file` with `text`, mode 0600, by a rename; on failure nothing is left beside it. */
function replaceFile(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString("hex")}.tmp`);
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    try {
      fs.fchmodSync(fd, 0o600); // whatever the umask made of the mode
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch (_) {
      /* the first failure is the one to report */
    }
    throw err;
  }
}

/** The token store over what was read, for looking only. */
function readOnly(file: SessionFile): TokenStore {
  const refuse = () => {
    throw new Error("read only");
  };
  return tokenStore({ getItem: (key) => (has(file.records, key) ? file.records[key] : null), setItem: refuse, removeItem: refuse });
}

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return e && typeof e.code === "string" ? e.code : e && typeof e.message === "string" ? e.message : String(err);
}
