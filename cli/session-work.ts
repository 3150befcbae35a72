// A command's work on the session file, through the companion's own session code (the manager, the
// device book) over the file's store, with no timers: a command does one thing and exits.
import { CognitoClient, failureCode } from "../core/cognito";
import { DeviceBook, RotationSetting, SessionManager, deviceBook, sessionManager } from "../core/session";
import { printable } from "../devkit/printable";
import { ParsedArgs, UsageError, required } from "./args";
import { makeClient, originOf } from "./connection";
import { atEndpoint } from "./failure-line";
import { SessionFile, notWritten, openSessionFile, refreshTokensOnDisk, sessionFileStore, sessionInFile } from "./session-file";

/** What a command's work gets: the session code, the devices remembered in the same file, the client. */
export interface SessionWork {
  readonly manager: SessionManager;
  readonly book: DeviceBook;
  readonly client: CognitoClient;
}

export type FileStore = ReturnType<typeof sessionFileStore>;

const ROTATIONS: RotationSetting[] = ["auto", "on", "off"];

/** The companion's session code over the session file of the command's flags, for `work`. */
export function withSessionFile<T>(args: ParsedArgs, work: (on: SessionWork) => Promise<T>, orPendingSignOut = false): Promise<T> {
  const file = openSessionFile(required(args, "session-file"));
  const stored = sessionInFile(file, orPendingSignOut);
  const origin = originOf(args, file.origin);
  // The file keeps where its sessions were signed in, whatever this command was pointed at; a file of an
  // earlier version learns it from the first command that works with it.
  const store = sessionFileStore(file, file.origin || origin);
  return onSessionFile(file, store, makeClient(args, origin, stored), args.values.rotation, work);
}

/** Runs `work` on the companion's session code over `store`, the store of `file`. The session code keeps
 *  what it could not store in memory (the companion writes it again at its next wake); a command ends
 *  here, so a failed write of the file fails the command. */
export async function onSessionFile<T>(
  file: SessionFile,
  store: FileStore,
  client: CognitoClient,
  rotation = "auto",
  work: (on: SessionWork) => Promise<T>,
): Promise<T> {
  if (ROTATIONS.indexOf(rotation as RotationSetting) < 0) throw new UsageError(`--rotation must be one of ${ROTATIONS.join(", ")}`);
  const manager = sessionManager({
    store,
    client: () => client,
    rotation: rotation as RotationSetting,
    timers: { set: () => undefined, clear: () => undefined },
  });
  const outcome = await work({ manager, book: deviceBook(store), client }).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  // What is (or is not) in the file comes first: a Cognito failure meanwhile matters less than that.
  const unwritten = store.writeFailure();
  if (unwritten) throw await notKept(file.path, unwritten, manager, client);
  if (!outcome.ok) throw atEndpoint(outcome.error, client.config.url);
  return outcome.value;
}

/** The file could not be written. A refresh token that the command got and the file does not hold (a
 *  login's, a rotated one) would live on unseen for its whole lifetime: it is revoked before the command
 *  fails, and the failure says whether that worked. */
async function notKept(file: string, cause: unknown, manager: SessionManager, client: CognitoClient): Promise<Error> {
  const state = manager.state();
  const onlyHere = state.kind === "signedIn" && refreshTokensOnDisk(file).indexOf(state.session.refreshToken) < 0;
  if (state.kind !== "signedIn" || !onlyHere) return notWritten(file, cause);
  return client.revokeToken(state.session.refreshToken).then(
    () => notWritten(file, cause, { revoked: true }),
    (err) => notWritten(file, cause, { revoked: false, failure: printable(failureCode(err), 80) }),
  );
}
