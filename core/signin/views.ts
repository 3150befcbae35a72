// Display text as the View the watch (and the settings page) shows carries it: clipped to the protocol's
// limits. A challenge's screen is in challenges.ts.
import { MAX_NAME_LENGTH } from "../../common/limits";
import { clip } from "../../common/text";

/** A name or an email address as the watch shows it (clipped); none for none. */
export function name(s: string): string;
export function name(s: string | undefined): string | undefined;
export function name(s: string | undefined): string | undefined {
  return s && clip(s, MAX_NAME_LENGTH);
}
