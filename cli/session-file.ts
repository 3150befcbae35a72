// The CLI's session file: the stored session as JSON, readable by its owner only (0600), replaced by
// an atomic rename so a crash mid-write leaves either the old file or the new one, never half of one.
import * as fs from "fs";
import * as path from "path";
import { StoredSession, parseStoredSession } from "../companion/session/stored-session";
import { UsageError } from "./args";

export function readSessionFile(file: string): StoredSession {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read session file ${file}: sign in first with "fitbit-cognito login --session-file ${file}"`);
  }
  const session = parseStoredSession(text);
  if (!session) throw new UsageError(`session file ${file} is damaged or from another version: sign in again`);
  return session;
}

export function writeSessionFile(file: string, session: StoredSession): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(session) + "\n", { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export function removeSessionFile(file: string): void {
  fs.rmSync(file, { force: true });
}
