// --client-metadata key=value, repeatable: the ClientMetadata the pool's Lambda triggers receive. Refused
// before any request when a pair is malformed or the whole is over Cognito's limits (the client's own
// check, CLIENT_METADATA_LIMITS), naming the pair or the limit, so a typo never reaches a Lambda.
import { ClientMetadata, CognitoConfigError, validateClientMetadata } from "../core/cognito";
import { printable } from "../devkit/printable";
import { UsageError } from "./args";

export const CLIENT_METADATA_FLAG = "client-metadata";

/** The metadata of the --client-metadata pairs, or undefined when none was given. A value may contain
 *  "=": the key ends at the first one. */
export function clientMetadataOf(pairs: ReadonlyArray<string> | undefined): ClientMetadata | undefined {
  if (!pairs || pairs.length === 0) return undefined;
  const metadata: { [key: string]: string } = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--${CLIENT_METADATA_FLAG} "${printable(pair, 80)}" is not key=value`);
    const key = pair.slice(0, eq);
    if (Object.prototype.hasOwnProperty.call(metadata, key)) {
      throw new UsageError(`--${CLIENT_METADATA_FLAG} gives the key "${printable(key, 80)}" twice`);
    }
    metadata[key] = pair.slice(eq + 1);
  }
  try {
    return validateClientMetadata(metadata);
  } catch (err) {
    if (!(err instanceof CognitoConfigError)) throw err;
    throw new UsageError(`--${CLIENT_METADATA_FLAG}: ${err.problem}${offender(metadata)}`);
  }
}

/** The first pair over a limit, so the message says which one (the client's message names only the rule). */
function offender(metadata: { [key: string]: string }): string {
  const bad = Object.keys(metadata).filter((key) => !validPair(key, metadata[key]))[0];
  return bad === undefined ? "" : ` (key "${printable(bad, 80)}")`;
}

function validPair(key: string, value: string): boolean {
  try {
    validateClientMetadata({ [key]: value });
    return true;
  } catch (_) {
    return false;
  }
}
