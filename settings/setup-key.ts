// The authenticator app's key while it is being set up during a sign-in (MFA_SETUP): the companion writes
// it under SETUP_KEY (common/settings-keys.ts) and removes it after; the page shows it for the wearer to
// add to the app on this phone.

export interface SetupKey {
  /** otpauth://totp/…: opens the authenticator app on the phone, with the key filled in. */
  uri: string;
  /** The same key, as text, in groups of four to type into the app by hand. */
  secret: string;
}

/** What the companion wrote, or undefined when nothing is being set up (or it is not what it should be:
 *  only an otpauth: URI becomes a link). */
export function readSetupKey(raw: string | null | undefined): SetupKey | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw);
    if (!v || typeof v.uri !== "string" || typeof v.secret !== "string" || v.uri.indexOf("otpauth://") !== 0) return undefined;
    // Grouped here too, whatever the companion sent: base32 is read in fours.
    const secret = v.secret.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
    return { uri: v.uri, secret };
  } catch (_) {
    return undefined;
  }
}
