// Where a command's requests go and with what client: the connection options every command shares
// (--endpoint, --fips, --timeout, --client-secret, --client-metadata) and login's pool and user.
import * as os from "os";
import { CognitoClient, CognitoConfigError, cognitoClient, validateUsername } from "../core/cognito";
import { StoredSession } from "../core/session";
import { ParsedArgs, UsageError, required } from "./args";
import { CLIENT_METADATA_FLAG, clientMetadataOf } from "./client-metadata";
import { SessionOrigin } from "./session-file";

/** A request gets at least a millisecond, and never hangs the command for more than ten minutes. */
const MAX_TIMEOUT_MS = 10 * 60 * 1000;

/** What Cognito lists this machine as among the user's devices (and names the authenticator app set up here). */
export const DEVICE_NAME = `fitbit-cognito CLI on ${os.hostname()}`.slice(0, 128);

/** Where the command's requests go: an explicit --endpoint or --fips wins; else where the session file's
 *  sessions were signed in; else AWS's regional endpoint. */
export function originOf(args: ParsedArgs, fromFile?: SessionOrigin): SessionOrigin {
  if (args.values.endpoint) return { endpoint: args.values.endpoint };
  if (args.switches.indexOf("fips") >= 0) return { fips: true };
  return fromFile || {};
}

export function makeClient(args: ParsedArgs, origin: SessionOrigin, stored?: StoredSession): CognitoClient {
  const raw = args.values.timeout;
  const timeout = raw !== undefined ? Number(raw) : undefined;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS)) {
    throw new UsageError(`--timeout must be a whole number of ms from 1 to ${MAX_TIMEOUT_MS} (10 minutes)`);
  }
  return cognitoClient({
    userPoolId: stored ? stored.userPoolId : required(args, "user-pool-id"),
    clientId: stored ? stored.clientId : required(args, "client-id"),
    clientSecret: args.values["client-secret"],
    endpoint: origin.endpoint,
    fips: origin.fips,
    timeoutMs: timeout,
    clientMetadata: clientMetadataOf(args.lists[CLIENT_METADATA_FLAG]),
    deviceName: DEVICE_NAME,
  });
}

/** The username as Cognito would take it, checked before the password is asked for it. */
export function checkedUsername(args: ParsedArgs): string {
  try {
    return validateUsername(required(args, "username"));
  } catch (err) {
    throw err instanceof CognitoConfigError ? new UsageError(`--username ${err.problem}`) : err;
  }
}
