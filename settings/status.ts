// The settings page's status line: the companion's current view (written under `status`) in words.
import { View } from "../common/protocol";

export function readStatus(raw: string | null | undefined): View | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw);
    return v && typeof v === "object" && typeof v.s === "string" ? (v as View) : undefined;
  } catch (_) {
    return undefined;
  }
}

export function statusText(view: View | undefined, formatTime: (ms: number) => string): string {
  if (!view) return "Waiting for the companion…";
  switch (view.s) {
    case "setup":
      return "Not set up: enter the user pool ID and app client ID below.";
    case "signedOut":
      return view.reason ? `Signed out: ${view.reason}` : "Signed out.";
    case "password":
      return `Enter the password for ${view.user}.${view.error ? " " + view.error : ""}`;
    case "busy":
      return view.label;
    case "newPassword":
      return `${view.user} must choose a new password.${view.error ? " " + view.error : ""}`;
    case "code": {
      const source =
        view.kind === "totp"
          ? "the code from your authenticator app"
          : view.dest
          ? `the code sent to ${view.dest}`
          : `the code sent by ${view.kind === "sms" ? "SMS" : "email"}`;
      return `Enter ${source}.${view.error ? " " + view.error : ""}`;
    }
    case "choose":
      return view.kind === "mfa" ? "Choose how to get your sign-in code." : "Choose how to sign in.";
    case "signedIn":
      return `Signed in as ${view.user}${view.email ? ` (${view.email})` : ""}; valid until ${formatTime(view.until)}.`;
    case "error":
      return view.message;
  }
}
