// MFA_SETUP in the terminal: the pool requires MFA and the user has none yet. With an authenticator app:
// AssociateSoftwareToken, the secret shown (in groups of four, for typing) with its otpauth:// URI (for a
// QR code tool or a password manager), the app's first code verified, then the set-up answered. With codes
// by email: the address asked, and an EMAIL_OTP challenge follows. The secret is the point of the set-up:
// it goes to stderr, beside the prompts, never to stdout where --json output goes.
import { CognitoClient, MfaSetupMethod, PendingChallenge, SignInStep } from "../core/cognito";
import { printable } from "../devkit/printable";
import type { AskIo, Choose } from "./challenges";

/** The authenticator app's label for the account: which service the code is for. */
export const TOTP_ISSUER = "fitbit-cognito";

export async function setUpMfa(pending: PendingChallenge<"MFA_SETUP">, io: AskIo, choose: Choose): Promise<SignInStep> {
  const options = pending.challenge.options;
  // One method on offer needs no question; none is the chooser's refusal.
  const method: MfaSetupMethod = options.length === 1 ? options[0] : await choose("MFA method to set up", options, io.lines);
  if (method === "EMAIL_OTP") {
    const email = await io.lines.read("Email address for sign-in codes: ");
    return io.client.respond(pending, { name: "MFA_SETUP", email: email.trim() });
  }
  return setUpAuthenticatorApp(pending, io);
}

async function setUpAuthenticatorApp(pending: PendingChallenge<"MFA_SETUP">, io: AskIo): Promise<SignInStep> {
  const client: CognitoClient = io.client;
  // Each step answers a new Session: the next one carries it.
  const associated = await client.associateSoftwareToken(pending);
  const secret = printable(associated.secretCode, 200);
  io.say("Set up your authenticator app with this key:");
  io.say(`  ${groupsOfFour(secret)}`);
  io.say(`  or this URI: ${otpauthUri(TOTP_ISSUER, io.user, associated.secretCode)}`);
  const code = await io.lines.read("First code from your authenticator app: ");
  const verified = await client.verifySoftwareToken(associated.pending, code.trim());
  return client.respond(verified, { name: "MFA_SETUP" });
}

/** "JBSWY3DPEHPK3PXP" as "JBSW Y3DP EHPK 3PXP". */
export function groupsOfFour(secret: string): string {
  return (secret.match(/.{1,4}/g) || []).join(" ");
}

/** The Key URI Format authenticator apps read: otpauth://totp/<issuer>:<account>?secret=…&issuer=…, each
 *  part URI-encoded (a username may hold "@", ":" or spaces that would break it). */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const enc = encodeURIComponent;
  return `otpauth://totp/${enc(issuer)}:${enc(account)}?secret=${enc(secret)}&issuer=${enc(issuer)}`;
}
