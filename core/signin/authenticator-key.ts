// An authenticator app's key, as the phone's settings page shows it while the app is set up during
// sign-in (MFA_SETUP): a link the phone's authenticator app opens, and the secret in groups of four for
// typing it in by hand. Key URI format: otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>.

export interface AuthenticatorKey {
  readonly uri: string;
  /** The Base32 secret, in groups of four characters. */
  readonly secret: string;
}

export function authenticatorKey(secret: string, account: string, issuer: string): AuthenticatorKey {
  const label = encodeURIComponent(issuer) + ":" + encodeURIComponent(account);
  return {
    uri: "otpauth://totp/" + label + "?secret=" + encodeURIComponent(secret) + "&issuer=" + encodeURIComponent(issuer),
    secret: (secret.match(/.{1,4}/g) || []).join(" "),
  };
}
