// The watch UI as a pure state machine: reduce(state, event, now) → { state, effects }. The companion's
// latest `View` is the truth about signing in; the watch adds only local screens: what the wearer is
// typing (keyboard, code pad), a sign-out confirmation, and its own busy screen until the companion
// answers a request. A screen's `s` is its name (core/watch/ids.ts), as the views' are.
// Nothing here touches the document, the socket or a clock: effects say what to send and when to end a
// peek, and the platform hands in the time of each event.
// Nor does it hold words: what the wearer is told is a message ID (a `Note`), put in words by render.ts.
import { MAX_ANSWER_LENGTH, MAX_CODE_LENGTH, MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, MIN_CODE_LENGTH } from "../../common/limits";
import { MessageId, Note, ToCompanion, View } from "../../common/protocol";
import { keyAt, PAGES } from "./keyboard";
import { isSecret, screenOf } from "./present";

/** How long the last typed character of a masked password stays readable. */
export const PEEK_MS = 1000;

/**
 * How long a new screen ignores taps, in ms of the platform's clock. Fitbit sends `click` when the
 * finger lifts, so the screen changes with the finger already up: the second tap of a double tap, or
 * the rest of a burst of taps on a button that seemed slow, is a whole new tap on the new screen, where
 * it lands on whatever is under the finger ("Sign out" → "Everywhere", "Sign in" → a key). Re-arming a
 * button when the finger lifts cannot tell those apart; only time can. 300 ms: the taps of a double
 * tap come less than that apart (Android reads two taps within 300 ms as one double tap), while a wearer
 * who means to tap a screen that just appeared must first see it — a visual reaction alone takes about
 * 250 ms, before the finger moves to a target. Each ignored tap starts the guard again, so a burst of
 * any length goes unread until the finger pauses: 15 quick taps on "Sign in" type nothing, where a
 * fixed window would type the taps after it, unseen in a masked field.
 */
export const TAP_GUARD_MS = 300;

/** What the keyboard is typing: a username to sign in, or ("resetUser") to reset its password; a password,
 *  a new one and its repeat; the answer to an `answer` view. Only the passwords are masked (isSecret). */
export type Purpose = "username" | "resetUser" | "password" | "newPassword" | "confirm" | "answer";

export interface Keyboard {
  s: "keyboard";
  purpose: Purpose;
  text: string;
  page: number;
  /** The wearer chose to see the password in clear. */
  shown: boolean;
  /** Non-zero while the last character is shown: the tick of the timer that ends the peek. */
  peek: number;
  /** A warning in the title line ("typePassword"); cleared by the next tap. */
  note: Note | null;
  /** `confirm` only: the new password typed the first time. */
  first: string;
  /** `prepare` was sent for this password. */
  prepared: boolean;
}

export interface CodePad {
  s: "code";
  code: string;
  note: Note | null;
}

export type Screen =
  /** The companion's view as it is (or the waiting screen before the first one). */
  | { s: "view" }
  | Keyboard
  | CodePad
  /** Sign out from this phone or everywhere (or forget this watch, when Cognito remembers it)? */
  | { s: "signOut" }
  /** A request is on its way; the companion's next view replaces this screen. The busy view's screen,
   *  with the watch's own label. */
  | { s: "busy"; label: MessageId };

export interface UiState {
  /** The socket to the companion is open. */
  connected: boolean;
  /** The companion's latest view; null until the first arrives. */
  view: View | null;
  screen: Screen;
  /** The username typed on the watch for this sign-in ("" when the companion has one). */
  user: string;
  /** Numbers peek timers, so a stale timer cannot end a newer peek. */
  tick: number;
  /** Taps count from this time on (the platform's clock, ms): see TAP_GUARD_MS. */
  tapsFrom: number;
}

export type Button =
  "signIn" | "forgotPassword" | "newPassword" | "answer" | "whoami" | "signOut" | "here" | "everywhere" | "forgetWatch" | "retry";

/** What a finger on the screen does (the physical back button is not a tap). */
export type TapEvent =
  /** A character key of the keyboard, by index on the page shown. */
  | { e: "key"; index: number }
  | { e: "page"; page: number }
  | { e: "digit"; digit: number }
  /** Delete the last character (keyboard and code pad). */
  | { e: "del" }
  /** Submit what was typed (keyboard and code pad). */
  | { e: "ok" }
  /** Show or hide the password. */
  | { e: "show" }
  | { e: "option"; index: number }
  | { e: "button"; name: Button };

export type UiEvent =
  | TapEvent
  | { e: "open" }
  | { e: "close" }
  | { e: "view"; view: View }
  /** The physical back button. */
  | { e: "back" }
  | { e: "peekEnd"; tick: number }
  /** The socket refused a message of type `t` we meant to send. */
  | { e: "sendFailed"; t: ToCompanion["t"] };

export type Effect =
  | { fx: "send"; msg: ToCompanion }
  /** Call back with `peekEnd` and this tick after `ms`. */
  | { fx: "peek"; tick: number; ms: number }
  /** Let the back button do what the system does: leave the app. */
  | { fx: "exit" };

export interface Result {
  state: UiState;
  effects: Effect[];
}

export function initialState(): UiState {
  return { connected: false, view: null, screen: { s: "view" }, user: "", tick: 0, tapsFrom: 0 };
}

/** The events the guard holds back: every TapEvent (the compiler checks), and nothing else. `in` finds
 *  them; no other event is named like a property of Object.prototype. */
const TAPS: { [e in TapEvent["e"]]: 1 } = { key: 1, page: 1, digit: 1, del: 1, ok: 1, show: 1, option: 1, button: 1 };

/**
 * The next state and what to do, for `event` arriving at `now` (the platform's clock, ms: handed in, so
 * this stays pure and platform-free). A tap on a screen shown less than TAP_GUARD_MS ago is ignored;
 * it, or a new screen, starts the guard (again). Taps on a screen that stays are never held back.
 */
export function reduce(state: UiState, event: UiEvent, now: number): Result {
  const held = event.e in TAPS && now < state.tapsFrom;
  const result = held ? same(state) : step(state, event);
  if (held || face(result.state) !== face(state)) result.state = update(result.state, { tapsFrom: now + TAP_GUARD_MS });
  return result;
}

/**
 * The screen the wearer sees, as far as the guard goes: the screen group shown, and what the keyboard
 * is for. The keyboard stays one screen through its pages, peeks and notes, so typing fast never slows
 * down, but is a new one for another purpose (username, then password: OK stays where it was); a
 * companion's view stays one screen through updates of its data (a refresh on the signedIn screen).
 */
function face(state: UiState): string {
  const sc = state.screen;
  return screenOf(state) + (sc.s === "keyboard" ? sc.purpose : "");
}

function step(state: UiState, event: UiEvent): Result {
  switch (event.e) {
    case "open":
      return { state: withConnected(state, true), effects: [{ fx: "send", msg: { t: "hello" } }] };
    case "close":
      return same(withConnected(state, false));
    case "view":
      return same(onView(state, event.view));
    case "back":
      return onBack(state);
    case "sendFailed":
      // A lost `prepare` only costs the companion a head start: not worth interrupting the typing.
      if (event.t === "prepare") return same(state);
      return same(
        update(state, {
          view: { s: "error", message: { m: "phoneRefused" }, retry: "hello" },
          screen: { s: "view" },
        }),
      );
    case "peekEnd": {
      const sc = state.screen;
      return same(sc.s === "keyboard" && sc.peek === event.tick ? withScreen(state, keyboard(sc, { peek: 0 })) : state);
    }
    case "button":
      return onButton(state, event.name);
    case "option": {
      const v = state.view;
      if (state.screen.s !== "view" || !v || v.s !== "choose" || !v.options[event.index]) return same(state);
      return send(state, { t: "choose", option: v.options[event.index] }, "pleaseWait");
    }
  }
  const sc = state.screen;
  if (sc.s === "keyboard") return onKeyboard(state, sc, event);
  if (sc.s === "code") return onCode(state, sc, event);
  return same(state);
}

// ---------------------------------------------------------------------------------------------------
// the companion's views

function onView(state: UiState, view: View): UiState {
  const was = state.view;
  // A view of the kind already shown, on the same screen, updates its data but keeps what the wearer is
  // doing there (typing, confirming); any other view (an answer that now asks for digits, say), an error,
  // or the answer to a request in flight replaces the screen.
  const screen = screenFor(view);
  const keep = was !== null && was.s === view.s && screenFor(was).s === screen.s && view.s !== "error" && state.screen.s !== "busy";
  return update(state, { view, screen: keep ? state.screen : screen });
}

function screenFor(view: View): Screen {
  if (view.s === "password") return newKeyboard("password", view.error || null);
  if (view.s === "code" || (view.s === "answer" && view.digits)) return { s: "code", code: "", note: null };
  return { s: "view" };
}

// ---------------------------------------------------------------------------------------------------
// buttons

function onButton(state: UiState, name: Button): Result {
  const v = state.view;
  const sc = state.screen;
  if (!v) return same(state);
  if (sc.s === "view" && v.s === "signedOut" && name === "signIn") {
    if (!v.user) return same(withScreen(state, newKeyboard("username", null, state.user)));
    if (v.passwordless) return send(state, { t: "signIn" }, "signingIn");
    return same(withScreen(state, newKeyboard("password", null)));
  }
  // "Forgot password?" (no such button when the sign-in is passwordless): for the username from settings,
  // or the one typed on the watch this time, or one typed now.
  if (sc.s === "view" && v.s === "signedOut" && name === "forgotPassword" && !v.passwordless) {
    if (v.user) return send(state, { t: "forgot" }, "sendingCode");
    if (state.user) return send(state, { t: "forgot", user: state.user }, "sendingCode");
    return same(withScreen(state, newKeyboard("resetUser", null)));
  }
  if (sc.s === "view" && v.s === "newPassword" && name === "newPassword") return same(withScreen(state, newKeyboard("newPassword", null)));
  if (sc.s === "view" && v.s === "answer" && name === "answer") return same(withScreen(state, newKeyboard("answer", null)));
  if (sc.s === "view" && v.s === "signedIn" && name === "whoami") return send(state, { t: "whoami" }, "askingCognito");
  if (sc.s === "view" && v.s === "signedIn" && name === "signOut") return same(withScreen(state, { s: "signOut" }));
  if (sc.s === "signOut" && (name === "here" || name === "everywhere"))
    return send(state, { t: "signOut", everywhere: name === "everywhere" }, "signingOut");
  if (sc.s === "signOut" && v.s === "signedIn" && v.device && name === "forgetWatch")
    return send(state, { t: "signOut", everywhere: false, forget: true }, "signingOut");
  if (sc.s === "view" && v.s === "error" && name === "retry") return send(state, { t: v.retry }, "pleaseWait");
  return same(state);
}

// ---------------------------------------------------------------------------------------------------
// the keyboard

function onKeyboard(state: UiState, sc: Keyboard, event: UiEvent): Result {
  switch (event.e) {
    case "key": {
      const c = keyAt(sc.page, event.index);
      if (c === "") return same(state);
      const max = isUsername(sc) ? MAX_USERNAME_LENGTH : sc.purpose === "answer" ? MAX_ANSWER_LENGTH : MAX_PASSWORD_LENGTH;
      if (sc.text.length >= max) return same(withScreen(state, keyboard(sc, { note: { m: "maxLength", x: "" + max } })));
      const effects: Effect[] = [];
      let prepared = sc.prepared;
      // The first character of a sign-in password: the companion can start SRP's costly part now.
      if (sc.purpose === "password" && !prepared && state.connected) {
        effects.push({ fx: "send", msg: { t: "prepare" } });
        prepared = true;
      }
      let tick = state.tick;
      let peek = 0;
      if (isSecret(sc.purpose) && !sc.shown) {
        tick++;
        peek = tick;
        effects.push({ fx: "peek", tick, ms: PEEK_MS });
      }
      const next = keyboard(sc, { text: sc.text + c, note: null, peek, prepared });
      return { state: update(state, { screen: next, tick }), effects };
    }
    case "page":
      return same(event.page >= 0 && event.page < PAGES.length ? withScreen(state, keyboard(sc, { page: event.page, note: null })) : state);
    case "del":
      return same(withScreen(state, keyboard(sc, { text: sc.text.substring(0, sc.text.length - 1), peek: 0, note: null })));
    case "show":
      return same(isSecret(sc.purpose) ? withScreen(state, keyboard(sc, { shown: !sc.shown, peek: 0 })) : state);
    case "ok":
      return submitKeyboard(state, sc);
  }
  return same(state);
}

function submitKeyboard(state: UiState, sc: Keyboard): Result {
  const v = state.view;
  if (sc.text === "")
    return same(
      withScreen(
        state,
        keyboard(sc, { note: { m: isUsername(sc) ? "typeUsername" : sc.purpose === "answer" ? "typeAnswer" : "typePassword" } }),
      ),
    );
  switch (sc.purpose) {
    case "resetUser":
      return send(update(state, { user: sc.text }), { t: "forgot", user: sc.text }, "sendingCode");
    case "answer":
      return send(state, { t: "answer", text: sc.text }, "checking");
    case "username":
      if (v && v.s === "signedOut" && v.passwordless)
        return send(update(state, { user: sc.text }), { t: "signIn", user: sc.text }, "signingIn");
      return same(update(state, { user: sc.text, screen: newKeyboard("password", null) }));
    case "password":
      if (v && v.s === "password") return send(state, { t: "password", pw: sc.text }, "signingIn");
      return send(state, state.user ? { t: "signIn", user: state.user, pw: sc.text } : { t: "signIn", pw: sc.text }, "signingIn");
    case "newPassword":
      return same(withScreen(state, keyboard(newKeyboard("confirm", null), { first: sc.text })));
    case "confirm":
      // A mismatch goes back to the screen that introduces the new password (the view is newPassword while
      // the keyboard is open for it: another view replaces the screen), the note in its error line: in the
      // keyboard's title line it would take the place of what to type.
      if (sc.text !== sc.first)
        return same(update(state, { view: copy(v!, { error: { m: "passwordsDiffer" } }) as View, screen: { s: "view" } }));
      return send(state, { t: "newPassword", pw: sc.text }, "settingPassword");
  }
}

function isUsername(sc: Keyboard): boolean {
  return sc.purpose === "username" || sc.purpose === "resetUser";
}

// ---------------------------------------------------------------------------------------------------
// the code pad

function onCode(state: UiState, sc: CodePad, event: UiEvent): Result {
  switch (event.e) {
    case "digit":
      if (sc.code.length >= MAX_CODE_LENGTH || event.digit < 0 || event.digit > 9) return same(state);
      return same(withScreen(state, { s: "code", code: sc.code + event.digit, note: null }));
    case "del":
      return same(withScreen(state, { s: "code", code: sc.code.substring(0, sc.code.length - 1), note: null }));
    case "ok":
      if (sc.code.length < MIN_CODE_LENGTH) return same(withScreen(state, { s: "code", code: sc.code, note: { m: "typeWholeCode" } }));
      return send(state, { t: "code", code: sc.code }, "checkingCode");
  }
  return same(state);
}

// ---------------------------------------------------------------------------------------------------
// the back button: clear what was typed, else go back one screen, else leave the app

function onBack(state: UiState): Result {
  const sc = state.screen;
  const v = state.view;
  switch (sc.s) {
    case "keyboard":
      if (sc.text !== "") return same(withScreen(state, keyboard(sc, { text: "", peek: 0, note: null })));
      if (sc.purpose === "confirm") return same(withScreen(state, newKeyboard("newPassword", null)));
      if (sc.purpose === "password" && state.user !== "" && (!v || v.s === "signedOut"))
        return same(withScreen(state, newKeyboard("username", null, state.user)));
      // leaving the keyboard for the screen it was opened from, or the flow that asked for it
      if (v && v.s === "password") return leave(state);
      return same(withScreen(state, { s: "view" }));
    case "code":
      if (sc.code !== "") return same(withScreen(state, { s: "code", code: "", note: null }));
      return leave(state);
    case "signOut":
      return same(withScreen(state, { s: "view" }));
    case "busy":
      return leave(state);
  }
  if (!v || v.s === "setup" || v.s === "signedOut" || v.s === "signedIn") return { state, effects: [{ fx: "exit" }] };
  if (v.s === "error") return state.connected ? send(state, { t: "hello" }, "pleaseWait") : { state, effects: [{ fx: "exit" }] };
  return leave(state);
}

/** Abandon the flow in progress; the companion answers with its resting state. Offline: leave the app. */
function leave(state: UiState): Result {
  if (!state.connected) return { state, effects: [{ fx: "exit" }] };
  return send(state, { t: "cancel" }, "cancelling");
}

// ---------------------------------------------------------------------------------------------------
// helpers

/**
 * Sends `msg` and shows `label` until the companion answers. The new state holds no copy of what was
 * typed: the keyboard is replaced, so the message in the effect is the only reference left to a password.
 * Offline, nothing is sent and nothing changes: the title line already says the phone is not connected.
 */
function send(state: UiState, msg: ToCompanion, label: MessageId): Result {
  if (!state.connected) return same(state);
  return { state: withScreen(state, { s: "busy", label }), effects: [{ fx: "send", msg }] };
}

function newKeyboard(purpose: Purpose, note: Note | null, text?: string): Keyboard {
  return { s: "keyboard", purpose, text: text || "", page: 0, shown: false, peek: 0, note, first: "", prepared: false };
}

function keyboard(sc: Keyboard, change: Partial<Keyboard>): Keyboard {
  return copy(sc, change) as Keyboard;
}

function withScreen(state: UiState, screen: Screen): UiState {
  return update(state, { screen });
}

function withConnected(state: UiState, connected: boolean): UiState {
  return update(state, { connected });
}

function update(state: UiState, change: Partial<UiState>): UiState {
  return copy(state, change) as UiState;
}

function same(state: UiState): Result {
  return { state, effects: [] };
}

/** A shallow copy of `base` with `change` applied (ES5 has no Object.assign). */
function copy(base: object, change: object): object {
  const out: any = {};
  for (const k in base) out[k] = (base as any)[k];
  for (const k in change) out[k] = (change as any)[k];
  return out;
}
