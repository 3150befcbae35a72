// The settings page and the companion talk through settingsStorage: these are its keys. Configuration
// keys persist; request keys carry one action from the page and are removed by the companion as soon
// as it has read them (a password must never stay in settingsStorage); `status` is written by the
// companion for the page to show, and holds only the watch's View (no token, no secret).

export const SETTING = {
  userPoolId: "userPoolId",
  clientId: "clientId",
  clientSecret: "clientSecret",
  username: "username",
  /** Optional development endpoint (https, or http to localhost). */
  endpoint: "endpoint",
  /** "auto" | "srp" | "password" | "choice" | "custom" | "customSrp" */
  flow: "flow",
  /** "false": do not ask Cognito to remember this watch where the pool leaves it to the user (default: do). */
  rememberDevice: "rememberDevice",
  /** ClientMetadata for the pool's Lambdas: `key=value` pairs separated by commas, or a JSON object. */
  clientMetadata: "clientMetadata",
  /** Base URL of the wearer's own service, for authorized calls from the watch. */
  serviceUrl: "serviceUrl",
  /** "access" | "id": which token authorized calls carry. */
  callToken: "callToken",
} as const;

export const REQUEST = {
  /** Starts a sign-in with this password. */
  password: "signInPassword",
  /** Starts a sign-in without a password (USER_AUTH, custom challenges: the flow asks what it needs). */
  signIn: "signIn",
  /** Answers a `password` view (USER_AUTH asked for the password after the choice). */
  flowPassword: "flowPassword",
  newPassword: "newPassword",
  code: "code",
  choice: "choice",
  /** Answers an `answer` view typed on the keyboard (a custom challenge's question, an email address). */
  answer: "answer",
  /** "Forgot password?": resets the password of the settings' username. */
  forgot: "forgotPassword",
  signOut: "signOut",
  signOutEverywhere: "signOutEverywhere",
  /** Sign out and have Cognito forget this watch (the next sign-in asks for the second step again). */
  signOutForget: "signOutForget",
  cancel: "cancel",
} as const;

export const STATUS_KEY = "status";

/** Written by the companion while an authenticator app is being set up (MFA_SETUP), removed after:
 *  `{ "uri": "otpauth://totp/...", "secret": "ABCD EFGH ..." }` for the page to show. The key is the
 *  user's second factor; it is shown to them on their own phone, and nowhere else. */
export const SETUP_KEY = "mfaSetup";

/**
 * The string a settings value holds. A TextInput stores `{"name":"..."}` as JSON, a Select
 * `{"selected":[i],"values":[{"name":..., "value":...}]}`, a button handler may store plain JSON text
 * or a raw string: all read the same way here.
 */
export function settingText(raw: string | null | undefined): string {
  return settingValue(raw).trim();
}

/** As settingText, but untrimmed: a password may begin or end with a space. */
export function settingValue(raw: string | null | undefined): string {
  if (raw === null || raw === undefined) return "";
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (_) {
    return raw;
  }
  // JSON.parse answers a string, number, boolean, null, array or object: the first three as text.
  if (typeof value !== "object") return String(value);
  if (value) {
    const v = value as { name?: unknown; values?: { value?: unknown; name?: unknown }[] };
    if (typeof v.name === "string") return v.name;
    if (Array.isArray(v.values) && v.values[0]) {
      const first = v.values[0];
      const picked = first.value !== undefined ? first.value : first.name;
      return typeof picked === "string" ? picked : "";
    }
  }
  return "";
}
