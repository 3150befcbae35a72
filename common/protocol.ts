// The messages between the watch and the companion: one discriminated union per direction, versioned.
// The companion owns the sign-in state; the watch shows the `View` it is sent plus what the wearer is
// typing. The watch is never sent a token, only what it shows: no message type has a field for one.
//
// On the wire every message is a plain object `{ v: PROTOCOL_VERSION, t: <type>, ...fields }` handed to
// `peerSocket.send`. Encode before sending, decode on receipt:
//
//   const wire = encodeToCompanion({ t: "signIn", pw });   // null: too big, do not send
//   const msg = decodeToWatch(event.data);                   // null: drop it, log messageType(data) only
//
// One rule: the receiver validates. The sender's types already give a message its shape and the sender
// clips its text to the limits, so encode checks only what would make the send itself fail (the size)
// and stamps the version; decode checks everything against the schema of its direction. Each side thus
// carries one schema, the one for what it receives, and a message a buggy sender gets wrong is dropped
// (and logged by type) where it arrives.
//
// Conversation:
// - The watch sends `hello` whenever its socket opens (launch, reconnect); the companion answers with
//   `state`. The companion also sends `state` on its own whenever the state changes (refresh, settings).
// - Every request (signIn, password, newPassword, code, answer, forgot, choose, cancel, signOut, whoami) is answered by
//   one or more `state` messages (typically `busy`, then the outcome). A failure the wearer fixes on the
//   same screen travels inside the view (`signedOut.reason`, `password.error`, `newPassword.error`,
//   `code.error`, `answer.error`); `error` is for a failure with nothing to retype.
// - An `error` view is sent once, in reply; it is never the companion's stored state, so `hello` always
//   answers with a view other than `error`.
// - `call` is answered by `callResult` parts (HTTP response, any status) or one `callError`.
import {
  MAX_CALL_ID,
  MAX_CALL_PARTS,
  MAX_BODY_PART_BYTES,
  MAX_CODE_LENGTH,
  MAX_DESTINATION_LENGTH,
  MAX_DETAIL_LENGTH,
  MAX_MESSAGE_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_OPTION_LENGTH,
  MAX_OPTIONS,
  MAX_PASSWORD_LENGTH,
  MAX_PATH_LENGTH,
  MAX_POLICY_LENGTH,
  MAX_PROMPT_LENGTH,
  MAX_ANSWER_LENGTH,
  MAX_USERNAME_LENGTH,
  MIN_CODE_LENGTH,
} from "./limits";
import { FAIL, Parse, boolean, integer, jsonString, list, matching, object, oneOf, optional, printable, text, union } from "./schema";
import { jsonBytes } from "./text";
import { MessageId, Note } from "./messages";

export type { MessageId, Note } from "./messages";

export const PROTOCOL_VERSION = 1;

/** Epoch milliseconds. */
export type Time = number;

// ---------------------------------------------------------------------------------------------------
// watch → companion

export type ToCompanion =
  /** The watch opened or reconnected: send me the current state. */
  | { t: "hello" }
  /** The wearer started typing a password: a chance to precompute SRP's A. No reply needed. */
  | { t: "prepare" }
  /**
   * Start signing in. `user` only when the wearer typed it on the watch (no username in settings);
   * otherwise the companion uses its own. `pw` is absent when the `signedOut` view said `passwordless`
   * (USER_AUTH: the companion then answers with `choose`, `code` or `password`).
   */
  | { t: "signIn"; user?: string; pw?: string }
  /** The answer to a `password` view (the flow asked for the password after it started). */
  | { t: "password"; pw: string }
  /** The answer to a `newPassword` view (NEW_PASSWORD_REQUIRED), already confirmed on the watch. */
  | { t: "newPassword"; pw: string }
  /** The answer to a `code` view, or to an `answer` view that asks for `digits`: digits only. */
  | { t: "code"; code: string }
  /** The answer to an `answer` view typed on the keyboard (a custom challenge's, an email address). */
  | { t: "answer"; text: string }
  /** "Forgot password?": reset the password of `user` (typed on the watch) or of the settings' username. */
  | { t: "forgot"; user?: string }
  /** The answer to a `choose` view: one of its `options`. */
  | { t: "choose"; option: string }
  /** Abandon the flow in progress (challenge, busy request); answered with the resting state. */
  | { t: "cancel" }
  /** Sign out: RevokeToken, or GlobalSignOut when `everywhere`; with `forget`, ForgetDevice first (the
   *  next sign-in on this watch is a new device's: MFA again). */
  | { t: "signOut"; everywhere: boolean; forget?: boolean }
  /** Ask Cognito who the signed-in user is (GetUser); answered with `signedIn` (with `checked`) or `error`. */
  | { t: "whoami" }
  /** An authorized GET of `path` below the service URL set in settings; `id` pairs it with its answer. */
  | { t: "call"; id: number; path: string };

// ---------------------------------------------------------------------------------------------------
// companion → watch

/** Whose code: an authenticator app's ("totp"; "setup": the first one, while the app is being set up with
 *  the key the phone's settings show), or one sent by SMS or email (for a sign-in, or "reset": a password
 *  reset's). */
export type CodeKind = "totp" | "sms" | "email" | "setup" | "reset";
/** SELECT_MFA_TYPE ("mfa"), SELECT_CHALLENGE ("challenge"), MFA_SETUP's methods ("setup"). */
export type ChoiceKind = "mfa" | "challenge" | "setup";
/** What the button of an `error` view sends: "hello" (OK: show me the state) or "whoami" (try again). */
export type Retry = "hello" | "whoami";

/** What the watch shows: the companion's sign-in state, reduced to what is displayed. Words travel as
 *  message IDs (`Note`, `MessageId`: see ./messages.ts); names, destinations and Cognito's own words as text. */
export type View =
  /** No user pool or app client configured, or `problem`: which setting to check (the settings page says
   *  why). Either way the wearer must open the settings on the phone. */
  | { s: "setup"; problem?: Note }
  /**
   * Signed out. `user`: the username from settings (absent: the watch asks for one). `reason`: why
   * (session expired, wrong password, ...). `passwordless`: the client signs in with USER_AUTH, so
   * `signIn` is sent without a password.
   */
  | { s: "signedOut"; user?: string; reason?: Note; passwordless?: boolean }
  /** The flow needs the password now (USER_AUTH chose PASSWORD or PASSWORD_SRP): answer `password`. */
  | { s: "password"; user: string; error?: Note }
  /** The companion is working on a request; `label` says on what ("signingIn"). */
  | { s: "busy"; label: MessageId }
  /** NEW_PASSWORD_REQUIRED: answer `newPassword`. `error`: Cognito's policy error for the last try. */
  | { s: "newPassword"; user: string; error?: Note; policy?: string }
  /** A one-time code is needed: answer `code`. `dest`: where it was sent, as Cognito masks it. */
  | { s: "code"; kind: CodeKind; dest?: string; error?: Note }
  /** SELECT_MFA_TYPE ("mfa"), SELECT_CHALLENGE ("challenge") or MFA_SETUP ("setup"): answer `choose`. */
  | { s: "choose"; kind: ChoiceKind; options: string[] }
  /**
   * A question to answer: a custom authentication Lambda's `prompt` (its own words), or ours (`ask`: the
   * email address for codes by email). `digits`: answer `code` on the code pad; otherwise `answer` typed on
   * the keyboard. `error`: why the last answer was not taken.
   */
  | { s: "answer"; prompt?: string; ask?: MessageId; digits?: boolean; error?: Note }
  /** Signed in. `until`: the session's tokens are valid until then; `checked`: last successful whoami.
   *  `device`: this watch is a device Cognito remembers, which sign-out can forget. */
  | { s: "signedIn"; user: string; email?: string; until: Time; refreshed?: Time; checked?: Time; device?: boolean }
  /** A failure with nothing to retype; its button sends `retry`. */
  | { s: "error"; message: Note; retry: Retry };

export type ToWatch =
  | { t: "state"; view: View }
  /**
   * Part `part` (0-based) of `parts` of the HTTP response to `call` `id`, whatever its status. The body
   * is text, cut with `splitForMessages(body, MAX_BODY_PART_BYTES)`; parts are sent in order.
   */
  | { t: "callResult"; id: number; status: number; part: number; parts: number; body: string }
  /** `call` `id` got no HTTP response: not signed in, no service URL, network, too large, ... */
  | { t: "callError"; id: number; error: Note };

export type ViewName = View["s"];

// ---------------------------------------------------------------------------------------------------
// schemas: what decode accepts, written beside the types above (keep them in step: the tests round-trip
// a maximal instance of every variant). Only the receiving side's decode uses each, so a bundle keeps
// just the one it needs.

const displayName = text(1, MAX_NAME_LENGTH);
const messageId = matching(new RegExp("^[a-z][A-Za-z]{0," + (MAX_MESSAGE_ID_LENGTH - 1) + "}$"));
// An ID the watch does not know is still shown: gettext falls back to the ID itself.
const message = object({ m: messageId, x: optional(text(1, MAX_DETAIL_LENGTH)) });
const password = printable(1, MAX_PASSWORD_LENGTH);
const time = integer(0, 8.64e15);
const option = matching(new RegExp("^[A-Za-z0-9_]{1," + MAX_OPTION_LENGTH + "}$"));

const toCompanion: Parse = union("t", {
  hello: {},
  prepare: {},
  signIn: { user: optional(text(1, MAX_USERNAME_LENGTH)), pw: optional(password) },
  password: { pw: password },
  newPassword: { pw: password },
  code: { code: matching(new RegExp("^[0-9]{" + MIN_CODE_LENGTH + "," + MAX_CODE_LENGTH + "}$")) },
  answer: { text: printable(1, MAX_ANSWER_LENGTH) },
  forgot: { user: optional(text(1, MAX_USERNAME_LENGTH)) },
  choose: { option: option },
  cancel: {},
  signOut: { everywhere: boolean, forget: optional(boolean) },
  whoami: {},
  // A URL path and query: printable ASCII without space, quote or backslash, starting with "/".
  call: { id: integer(0, MAX_CALL_ID), path: matching(new RegExp("^/[!#-\\[\\]-~]{0," + (MAX_PATH_LENGTH - 1) + "}$")) },
});

const view: Parse = union("s", {
  setup: { problem: optional(message) },
  signedOut: { user: optional(displayName), reason: optional(message), passwordless: optional(boolean) },
  password: { user: displayName, error: optional(message) },
  busy: { label: messageId },
  newPassword: { user: displayName, error: optional(message), policy: optional(text(1, MAX_POLICY_LENGTH)) },
  code: {
    kind: oneOf(["totp", "sms", "email", "setup", "reset"]),
    dest: optional(text(1, MAX_DESTINATION_LENGTH)),
    error: optional(message),
  },
  choose: { kind: oneOf(["mfa", "challenge", "setup"]), options: list(option, 1, MAX_OPTIONS) },
  answer: { prompt: optional(text(1, MAX_PROMPT_LENGTH)), ask: optional(messageId), digits: optional(boolean), error: optional(message) },
  signedIn: {
    user: displayName,
    email: optional(displayName),
    until: time,
    refreshed: optional(time),
    checked: optional(time),
    device: optional(boolean),
  },
  error: { message: message, retry: oneOf(["hello", "whoami"]) },
});

const callId = integer(0, MAX_CALL_ID);
const toWatch: Parse = union("t", {
  state: { view: view },
  callResult: {
    id: callId,
    status: integer(100, 599),
    part: integer(0, MAX_CALL_PARTS - 1),
    parts: integer(1, MAX_CALL_PARTS),
    body: jsonString(MAX_BODY_PART_BYTES),
  },
  callError: { id: callId, error: message },
});

// ---------------------------------------------------------------------------------------------------
// encode / decode

/** The wire form of a message for the watch, or null when it is over `maxBytes` (the socket's
 *  MAX_MESSAGE_SIZE: a parameter of the platform). Not validated: the watch's decode is. */
export const encodeToWatch: (msg: ToWatch, maxBytes: number) => object | null = encode;

/** The message in `data` received by the watch, or null when it is not a valid message. */
export function decodeToWatch(data: unknown): ToWatch | null {
  const msg = decode(toWatch, data);
  return msg && msg.t === "callResult" && msg.part >= msg.parts ? null : msg;
}

/** The wire form of a message for the companion, or null when it is over `maxBytes` (the socket's
 *  MAX_MESSAGE_SIZE). Not validated: the companion's decode is. */
export const encodeToCompanion: (msg: ToCompanion, maxBytes: number) => object | null = encode;

/** The message in `data` received by the companion, or null when it is not a valid message. */
export function decodeToCompanion(data: unknown): ToCompanion | null {
  return decode(toCompanion, data);
}

/**
 * What may be logged about a message, valid or not: its version and type when they look like ones,
 * never its content (it may hold a password or a code).
 */
export function messageType(data: unknown): string {
  const d = data as { v?: unknown; t?: unknown } | null;
  if (d === null || typeof d !== "object") return typeof data;
  const t = typeof d.t === "string" && /^[A-Za-z]{1,16}$/.test(d.t) ? d.t : "?";
  return "v" + (typeof d.v === "number" ? d.v : "?") + ":" + t;
}

function encode(msg: ToWatch | ToCompanion, maxBytes: number): object | null {
  const wire: any = { v: PROTOCOL_VERSION };
  for (const key in msg) wire[key] = (msg as any)[key];
  return jsonBytes(wire) <= maxBytes ? wire : null;
}

function decode(parse: Parse, data: unknown): any {
  if (data === null || typeof data !== "object" || (data as { v?: unknown }).v !== PROTOCOL_VERSION) return null;
  const msg = parse(data);
  return msg === FAIL ? null : msg;
}
