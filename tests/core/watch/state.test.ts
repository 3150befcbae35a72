// The watch UI state machine, transition by transition: what each event does to the state and what it
// asks to send. No document, no socket: reduce() is pure.
import { MAX_CODE_LENGTH, MAX_PASSWORD_LENGTH } from "../../../common/limits";
import { View } from "../../../common/protocol";
import { PAGES } from "../../../core/watch/keyboard";
import { screenOf, titleOf } from "../../../core/watch/present";
import { say } from "../../../devkit/messages";
import { PEEK_MS, TAP_GUARD_MS, UiEvent, UiState, initialState } from "../../../core/watch/state";
import { at, digits, keyboardOf, online, run, runTimed, sent, setClockBack, title, typed, typing, view } from "./drive";

describe("connection", () => {
  test("opening says hello; closing and reopening says hello again", () => {
    const first = run(initialState(), { e: "open" });
    expect(first.state.connected).toBe(true);
    expect(sent(first.effects)).toEqual([{ t: "hello" }]);
    const again = run(first.state, { e: "close" }, { e: "open" });
    expect(sent(again.effects)).toEqual([{ t: "hello" }]);
  });

  test("before the first view the watch waits, and says when the phone is away", () => {
    expect(screenOf(initialState())).toBe("wait");
    expect(title(initialState())).toEqual({ text: "Phone not connected", warn: true });
    expect(title(online())).toEqual({ text: "Cognito Sign-in", warn: false });
  });

  test("each view has its screen", () => {
    const screens: [View, string][] = [
      [{ s: "setup" }, "setup"],
      [{ s: "signedOut" }, "signedOut"],
      [{ s: "password", user: "a" }, "keyboard"],
      [{ s: "busy", label: "checking" }, "busy"],
      [{ s: "newPassword", user: "a" }, "newPassword"],
      [{ s: "code", kind: "totp" }, "code"],
      [{ s: "choose", kind: "mfa", options: ["SMS_MFA"] }, "choose"],
      [{ s: "answer", prompt: "Favourite colour?" }, "answer"],
      [{ s: "answer", prompt: "The digits we sent", digits: true }, "code"],
      [{ s: "signedIn", user: "a", until: 1 }, "signedIn"],
      [{ s: "error", message: { m: "unexpected" }, retry: "hello" }, "error"],
    ];
    for (const [v, screen] of screens) expect(screenOf(at(v))).toBe(screen);
  });
});

describe("signing in with the username from settings", () => {
  const start = () => run(at({ s: "signedOut", user: "alice" }), { e: "button", name: "signIn" }).state;

  test("Sign in opens the password keyboard on the first page, masked", () => {
    const e = keyboardOf(start());
    expect(e).toMatchObject({ purpose: "password", text: "", page: 0, shown: false });
    expect(title(start()).text).toBe("Password for alice");
  });

  test("the first character sends prepare, once", () => {
    const r = typed(start(), "ab");
    expect(sent(r.effects)).toEqual([{ t: "prepare" }]);
    const more = run(r.state, { e: "del" }, { e: "del" }, ...typing(r.state, "c"));
    expect(sent(more.effects)).toEqual([]);
  });

  test("each character peeks, and only the newest peek's timer ends it", () => {
    const one = typed(start(), "a");
    const peeks = one.effects.filter((f) => f.fx === "peek");
    expect(peeks).toEqual([{ fx: "peek", tick: expect.any(Number), ms: PEEK_MS }]);
    const two = typed(one.state, "b");
    const [older, newer] = [peeks[0], two.effects.find((f) => f.fx === "peek")!] as { tick: number }[];
    expect(keyboardOf(run(two.state, { e: "peekEnd", tick: older.tick }).state).peek).not.toBe(0);
    expect(keyboardOf(run(two.state, { e: "peekEnd", tick: newer.tick }).state).peek).toBe(0);
  });

  test("OK sends signIn with the password only, and the state keeps no trace of it", () => {
    const pw = "S3cret!pass word~";
    const r = run(typed(start(), pw).state, { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "signIn", pw }]);
    expect(r.state.screen).toEqual({ s: "busy", label: "signingIn" });
    expect(JSON.stringify(r.state)).not.toContain(pw);
  });

  test("every printable ASCII character can be typed into the password", () => {
    const all = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join("");
    expect(keyboardOf(typed(start(), all).state).text).toBe(all);
  });

  test("an empty password is not sent: a note says why", () => {
    const r = run(start(), { e: "ok" });
    expect(sent(r.effects)).toEqual([]);
    expect(title(r.state)).toEqual({ text: "Type a password", warn: true });
    expect(title(typed(r.state, "a").state).warn).toBe(false);
  });

  test("no more than the longest password Cognito takes", () => {
    const full = { ...start(), screen: { ...keyboardOf(start()), text: "a".repeat(MAX_PASSWORD_LENGTH) } };
    const r = typed(full, "b");
    expect(keyboardOf(r.state).text).toHaveLength(MAX_PASSWORD_LENGTH);
    expect(titleOf(r.state)).toEqual({ note: { m: "maxLength", x: String(MAX_PASSWORD_LENGTH) }, warn: true });
    expect(title(r.state)).toEqual({ text: "Maximum length: 256", warn: true });
  });

  test("delete, show/hide, pages; a blank key and an unknown page do nothing", () => {
    let s = typed(start(), "ab").state;
    s = run(s, { e: "del" }).state;
    expect(keyboardOf(s).text).toBe("a");
    s = run(s, { e: "show" }).state;
    expect(keyboardOf(s).shown).toBe(true);
    expect(typed(s, "x").effects.filter((f) => f.fx === "peek")).toEqual([]); // nothing to peek at when shown
    s = run(s, { e: "page", page: 3 }).state;
    expect(keyboardOf(s).page).toBe(3);
    expect(PAGES[3].keys.length).toBeLessThan(28);
    expect(run(s, { e: "key", index: 27 }).state).toBe(s);
    expect(run(s, { e: "page", page: 9 }).state).toBe(s);
  });

  test("offline, OK keeps the password and sends nothing; prepare is not sent either", () => {
    const off = run(start(), { e: "close" }).state;
    const r = run(typed(off, "pw").state, { e: "ok" });
    expect(sent(typed(off, "pw").effects)).toEqual([]);
    expect(sent(r.effects)).toEqual([]);
    expect(keyboardOf(r.state).text).toBe("pw");
    expect(title(r.state)).toEqual({ text: "Phone not connected", warn: true });
  });

  test("the companion's answer replaces the busy screen of a request on its way", () => {
    const s = run(typed(start(), "pw").state, { e: "ok" }).state;
    expect(screenOf(run(s, view({ s: "busy", label: "signingIn" })).state)).toBe("busy");
    const failed = run(s, view({ s: "signedOut", user: "alice", reason: { m: "wrongCredentials" } })).state;
    expect(screenOf(failed)).toBe("signedOut");
    expect(screenOf(run(s, view({ s: "signedIn", user: "alice", until: 2 })).state)).toBe("signedIn");
  });

  test("the same view again keeps the wearer typing; another view ends the typing", () => {
    const s = typed(start(), "half").state;
    const same = run(s, view({ s: "signedOut", user: "alice", reason: { m: "sessionEnded" } })).state;
    expect(keyboardOf(same).text).toBe("half");
    const other = run(s, view({ s: "setup" })).state;
    expect(other.screen).toEqual({ s: "view" });
    expect(JSON.stringify(other)).not.toContain("half");
  });
});

describe("signing in with a username typed on the watch", () => {
  const start = () => run(at({ s: "signedOut" }), { e: "button", name: "signIn" }).state;

  test("username first, unmasked, then the password; signIn carries both", () => {
    let s = start();
    expect(keyboardOf(s).purpose).toBe("username");
    const u = typed(s, "bob@example.com");
    expect(u.effects).toEqual([]); // no peek, no prepare for a username
    s = run(u.state, { e: "ok" }).state;
    expect(keyboardOf(s).purpose).toBe("password");
    expect(title(s).text).toBe("Password for bob@example.com");
    const r = run(typed(s, "pw").state, { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "signIn", user: "bob@example.com", pw: "pw" }]);
  });

  test("an empty username is not accepted", () => {
    expect(title(run(start(), { e: "ok" }).state)).toEqual({ text: "Type a username", warn: true });
  });

  test("back from the password returns to the username, as typed", () => {
    const s = run(typed(start(), "bob").state, { e: "ok" }, { e: "back" }).state;
    expect(keyboardOf(s)).toMatchObject({ purpose: "username", text: "bob" });
  });
});

describe("passwordless (USER_AUTH)", () => {
  test("with a username: Sign in sends signIn without a password", () => {
    const r = run(at({ s: "signedOut", user: "alice", passwordless: true }), { e: "button", name: "signIn" });
    expect(sent(r.effects)).toEqual([{ t: "signIn" }]);
  });

  test("without one: the username is typed, then signIn carries it alone", () => {
    const s = run(at({ s: "signedOut", passwordless: true }), { e: "button", name: "signIn" }).state;
    const r = run(typed(s, "carol").state, { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "signIn", user: "carol" }]);
  });

  test("a choice is answered with the option", () => {
    const s = at({ s: "choose", kind: "challenge", options: ["EMAIL_OTP", "PASSWORD_SRP"] });
    expect(sent(run(s, { e: "option", index: 1 }).effects)).toEqual([{ t: "choose", option: "PASSWORD_SRP" }]);
    expect(run(s, { e: "option", index: 2 }).effects).toEqual([]);
  });

  test("the password view opens the keyboard with its error, and is answered with password", () => {
    const s = at({ s: "password", user: "alice", error: { m: "passwordRejected", x: "Incorrect password" } });
    expect(keyboardOf(s)).toMatchObject({ purpose: "password", note: { m: "passwordRejected", x: "Incorrect password" } });
    expect(title(s)).toEqual({ text: "Password rejected. Incorrect password", warn: true });
    const t = typed(s, "pw");
    expect(sent(t.effects)).toEqual([{ t: "prepare" }]);
    expect(sent(run(t.state, { e: "ok" }).effects)).toEqual([{ t: "password", pw: "pw" }]);
  });
});

describe("new password required", () => {
  const intro = () => at({ s: "newPassword", user: "alice", error: { m: "newPasswordRejected", x: "Password not long enough" } });
  const first = () => run(intro(), { e: "button", name: "newPassword" }).state;

  test("the intro screen, then the keyboard for the new password, then for the repeat", () => {
    expect(screenOf(intro())).toBe("newPassword");
    expect(keyboardOf(first()).purpose).toBe("newPassword");
    const s = run(typed(first(), "N3w!pass").state, { e: "ok" }).state;
    expect(keyboardOf(s)).toMatchObject({ purpose: "confirm", text: "" });
    expect(title(s).text).toBe("Repeat new password");
  });

  test("matching twice sends newPassword; the state keeps neither copy", () => {
    const s = run(typed(first(), "N3w!pass").state, { e: "ok" }).state;
    const r = run(typed(s, "N3w!pass").state, { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "newPassword", pw: "N3w!pass" }]);
    expect(JSON.stringify(r.state)).not.toContain("N3w!pass");
  });

  test("a mismatch starts over from the intro, the note in its error line, the title line left to the title", () => {
    const s = run(typed(first(), "one").state, { e: "ok" }).state;
    const r = run(typed(s, "two").state, { e: "ok" });
    expect(sent(r.effects)).toEqual([]);
    expect(screenOf(r.state)).toBe("newPassword");
    expect(r.state.view).toEqual({ s: "newPassword", user: "alice", error: { m: "passwordsDiffer" } });
    expect(title(r.state)).toEqual({ text: "New password needed", warn: false });
    expect(JSON.stringify(r.state)).not.toMatch(/one|two/);
    // Choosing again starts from an empty keyboard whose title says what to type.
    const again = run(r.state, { e: "button", name: "newPassword" }).state;
    expect(keyboardOf(again)).toMatchObject({ purpose: "newPassword", text: "", first: "" });
    expect(title(again)).toEqual({ text: "New password", warn: false });
  });

  test("the policy error for a try brings the intro back, showing it", () => {
    const s = run(typed(run(typed(first(), "x").state, { e: "ok" }).state, "x").state, { e: "ok" }).state;
    const again = run(
      s,
      view({ s: "newPassword", user: "alice", error: { m: "newPasswordRejected", x: "Password must have uppercase characters" } }),
    ).state;
    expect(screenOf(again)).toBe("newPassword");
  });

  test("back: clears, then confirm → new password → intro → cancel", () => {
    let s = run(typed(first(), "abc").state, { e: "ok" }).state; // on confirm
    s = run(typed(s, "ab").state, { e: "back" }).state;
    expect(keyboardOf(s)).toMatchObject({ purpose: "confirm", text: "" });
    s = run(s, { e: "back" }).state;
    expect(keyboardOf(s)).toMatchObject({ purpose: "newPassword", text: "" });
    s = run(s, { e: "back" }).state;
    expect(screenOf(s)).toBe("newPassword");
    const r = run(s, { e: "back" });
    expect(sent(r.effects)).toEqual([{ t: "cancel" }]);
  });
});

describe("one-time code", () => {
  const pad = () => at({ s: "code", kind: "totp" });

  test("digits, delete, OK sends the code", () => {
    const s = run(pad(), ...digits("1234567"), { e: "del" }).state;
    expect(s.screen).toMatchObject({ s: "code", code: "123456" });
    expect(sent(run(s, { e: "ok" }).effects)).toEqual([{ t: "code", code: "123456" }]);
  });

  test("too short is not sent; too long is not typed", () => {
    const short = run(pad(), ...digits("123"), { e: "ok" });
    expect(sent(short.effects)).toEqual([]);
    expect(title(short.state)).toEqual({ text: "Type the whole code", warn: true });
    const long = run(pad(), ...digits("9".repeat(MAX_CODE_LENGTH + 3))).state;
    expect(long.screen).toMatchObject({ code: "9".repeat(MAX_CODE_LENGTH) });
  });

  test("a wrong code comes back as the code view with its error, the pad cleared", () => {
    const s = run(pad(), ...digits("000000"), { e: "ok" }).state;
    const again = run(s, view({ s: "code", kind: "totp", error: { m: "wrongCode" } })).state;
    expect(again.screen).toEqual({ s: "code", code: "", note: null });
  });

  test("back clears the digits, then cancels the sign-in", () => {
    const s = run(pad(), ...digits("12"), { e: "back" }).state;
    expect(s.screen).toMatchObject({ code: "" });
    expect(sent(run(s, { e: "back" }).effects)).toEqual([{ t: "cancel" }]);
  });
});

describe("signed in", () => {
  const signedIn = () => at({ s: "signedIn", user: "alice", email: "a@example.com", until: 2e12 });

  test("who am I", () => {
    const r = run(signedIn(), { e: "button", name: "whoami" });
    expect(sent(r.effects)).toEqual([{ t: "whoami" }]);
    expect(screenOf(r.state)).toBe("busy");
  });

  test("sign out asks where, then sends it", () => {
    const s = run(signedIn(), { e: "button", name: "signOut" }).state;
    expect(screenOf(s)).toBe("signOut");
    expect(sent(run(s, { e: "button", name: "here" }).effects)).toEqual([{ t: "signOut", everywhere: false }]);
    expect(sent(run(s, { e: "button", name: "everywhere" }).effects)).toEqual([{ t: "signOut", everywhere: true }]);
    expect(screenOf(run(s, { e: "back" }).state)).toBe("signedIn");
  });

  test("a refresh while confirming keeps the confirmation", () => {
    const s = run(signedIn(), { e: "button", name: "signOut" }).state;
    expect(screenOf(run(s, view({ s: "signedIn", user: "alice", until: 3e12 })).state)).toBe("signOut");
  });

  test("buttons of other screens do nothing here", () => {
    const s = signedIn();
    for (const name of ["signIn", "newPassword", "here", "everywhere", "retry"] as const)
      expect(run(s, { e: "button", name }).state).toBe(s);
  });
});

describe("errors", () => {
  test("retry sends what the error says", () => {
    const r = run(at({ s: "error", message: { m: "noConnection" }, retry: "whoami" }), { e: "button", name: "retry" });
    expect(sent(r.effects)).toEqual([{ t: "whoami" }]);
  });

  test("back dismisses an error by asking for the state", () => {
    const r = run(at({ s: "error", message: { m: "unexpected" }, retry: "whoami" }), { e: "back" });
    expect(sent(r.effects)).toEqual([{ t: "hello" }]);
  });

  test("an error replaces even the screen being typed on", () => {
    const s = run(at({ s: "signedOut", user: "a" }), { e: "button", name: "signIn" }).state;
    expect(screenOf(run(typed(s, "x").state, view({ s: "error", message: { m: "unexpected" }, retry: "hello" })).state)).toBe("error");
  });

  test("a message the socket refused shows an error", () => {
    const s = run(at({ s: "signedIn", user: "a", until: 1 }), { e: "button", name: "whoami" }, { e: "sendFailed", t: "whoami" }).state;
    expect(screenOf(s)).toBe("error");
    expect(s.view).toEqual({ s: "error", message: { m: "phoneRefused" }, retry: "hello" });
  });

  test("a lost prepare does not interrupt the typing", () => {
    const s = typed(run(at({ s: "signedOut", user: "a" }), { e: "button", name: "signIn" }).state, "x").state;
    expect(run(s, { e: "sendFailed", t: "prepare" }).state).toBe(s);
  });
});

describe("the back button", () => {
  const exits = (state: UiState) => run(state, { e: "back" }).effects.some((f) => f.fx === "exit");

  test("leaves the app from the root screens", () => {
    expect(exits(initialState())).toBe(true);
    expect(exits(at({ s: "setup" }))).toBe(true);
    expect(exits(at({ s: "signedOut" }))).toBe(true);
    expect(exits(at({ s: "signedIn", user: "a", until: 1 }))).toBe(true);
  });

  test("goes back from the keyboard to the screen that opened it", () => {
    const s = run(at({ s: "signedOut", user: "a" }), { e: "button", name: "signIn" }).state;
    const cleared = run(typed(s, "abc").state, { e: "back" });
    expect(keyboardOf(cleared.state).text).toBe("");
    expect(cleared.effects).toEqual([]);
    expect(screenOf(run(cleared.state, { e: "back" }).state)).toBe("signedOut");
  });

  test("cancels flows the companion is running, and requests in flight", () => {
    for (const v of [
      { s: "busy", label: "checking" },
      { s: "choose", kind: "mfa", options: ["SMS_MFA"] },
      { s: "newPassword", user: "a" },
      { s: "password", user: "a" },
    ] as View[])
      expect(sent(run(at(v), { e: "back" }).effects)).toEqual([{ t: "cancel" }]);
    const sending = run(at({ s: "signedIn", user: "a", until: 1 }), { e: "button", name: "whoami" }).state;
    expect(sent(run(sending, { e: "back" }).effects)).toEqual([{ t: "cancel" }]);
  });

  test("offline, what would need the phone leaves the app instead", () => {
    for (const v of [
      { s: "busy", label: "checking" },
      { s: "error", message: { m: "unexpected" }, retry: "hello" },
    ] as View[]) {
      const off = run(at(v), { e: "close" }).state;
      expect(exits(off)).toBe(true);
    }
  });
});

describe("what the watch says", () => {
  const label = (r: { state: UiState }) => {
    if (r.state.screen.s !== "busy") throw new Error("not busy: " + r.state.screen.s);
    return say({ m: r.state.screen.label });
  };
  const signedIn = () => at({ s: "signedIn", user: "a", until: 1 });

  test("while a request is on its way, the busy screen says what it is", () => {
    const newPw = run(at({ s: "newPassword", user: "a" }), { e: "button", name: "newPassword" }).state;
    const confirm = run(typed(newPw, "pw").state, { e: "ok" }).state;
    const code = run(at({ s: "code", kind: "sms" }), ...[1, 2, 3, 4].map((digit): UiEvent => ({ e: "digit", digit })));
    expect([
      label(run(at({ s: "signedOut", user: "a", passwordless: true }), { e: "button", name: "signIn" })),
      label(run(signedIn(), { e: "button", name: "whoami" })),
      label(run(signedIn(), { e: "button", name: "signOut" }, { e: "button", name: "everywhere" })),
      label(run(typed(confirm, "pw").state, { e: "ok" })),
      label(run(code.state, { e: "ok" })),
      label(run(at({ s: "choose", kind: "mfa", options: ["SMS_MFA"] }), { e: "option", index: 0 })),
      label(run(at({ s: "error", message: { m: "unexpected" }, retry: "whoami" }), { e: "button", name: "retry" })),
      label(run(at({ s: "busy", label: "checking" }), { e: "back" })),
    ]).toEqual([
      "Signing in…",
      "Asking Cognito…",
      "Signing out…",
      "Setting password…",
      "Checking code…",
      "Please wait…",
      "Please wait…",
      "Cancelling…",
    ]);
  });

  test("the title of each screen", () => {
    const titles = [
      at({ s: "setup" }),
      at({ s: "signedOut" }),
      run(at({ s: "signedOut" }), { e: "button", name: "signIn" }).state,
      run(at({ s: "signedOut" }), { e: "button", name: "signIn" }, ...typing(online(), "bob"), { e: "ok" }).state,
      at({ s: "password", user: "alice" }),
      at({ s: "busy", label: "checking" }),
      at({ s: "newPassword", user: "a" }),
      run(at({ s: "newPassword", user: "a" }), { e: "button", name: "newPassword" }).state,
      at({ s: "code", kind: "totp" }),
      at({ s: "code", kind: "sms" }),
      at({ s: "code", kind: "email" }),
      at({ s: "choose", kind: "mfa", options: ["SMS_MFA"] }),
      at({ s: "choose", kind: "challenge", options: ["PASSWORD"] }),
      signedIn(),
      run(signedIn(), { e: "button", name: "signOut" }).state,
      at({ s: "error", message: { m: "unexpected" }, retry: "hello" }),
    ].map((s) => title(s).text);
    expect(titles).toEqual([
      "Set up on phone",
      "Sign in",
      "Username",
      "Password for bob",
      "Password for alice",
      "Please wait",
      "New password needed",
      "New password",
      "Authenticator code",
      "Code from SMS",
      "Code from email",
      "Second step",
      "Sign in with",
      "Signed in",
      "Sign out?",
      "Something went wrong",
    ]);
  });
});

describe("taps meant for the screen that just went away", () => {
  const tap = (name: "signIn" | "signOut" | "here" | "everywhere" | "whoami" | "newPassword"): UiEvent => ({ e: "button", name });
  /** The key under the "Sign in" button (resources/index.view: key-24 covers its middle). */
  const KEY_UNDER_SIGN_IN: UiEvent = { e: "key", index: 24 };
  const QUICK = 80; // ms between the taps of a double tap or a burst
  const signedIn = () => at({ s: "signedIn", user: "alice", until: 2e12 });

  test("two quick taps on Sign out: the second, on Everywhere, is ignored; a tap after the guard is taken", () => {
    const r = runTimed(signedIn(), [TAP_GUARD_MS, tap("signOut")], [QUICK, tap("everywhere")]);
    expect(screenOf(r.state)).toBe("signOut");
    expect(sent(r.effects)).toEqual([]);
    const later = runTimed(r.state, [TAP_GUARD_MS, tap("here")]);
    expect(sent(later.effects)).toEqual([{ t: "signOut", everywhere: false }]);
  });

  test("15 quick taps on Sign in: the password gets nothing, however long the burst; then typing works", () => {
    const start = at({ s: "signedOut", user: "alice" });
    const burst: [number, UiEvent][] = [[TAP_GUARD_MS, tap("signIn")]];
    for (let i = 1; i < 15; i++) burst.push([QUICK, KEY_UNDER_SIGN_IN]);
    expect(14 * QUICK).toBeGreaterThan(TAP_GUARD_MS); // longer than one guard: each ignored tap extends it
    const r = runTimed(start, ...burst);
    expect(keyboardOf(r.state).text).toBe("");
    expect(sent(r.effects)).toEqual([]); // not even prepare
    // The finger pauses: one tap just short of the guard is still ignored (and extends it), the next is taken.
    const after = runTimed(r.state, [TAP_GUARD_MS - 1, KEY_UNDER_SIGN_IN], [TAP_GUARD_MS, KEY_UNDER_SIGN_IN]);
    expect(keyboardOf(after.state).text).toBe("y");
    expect(sent(after.effects)).toEqual([{ t: "prepare" }]);
  });

  test("typing fast on the same screen is never held back: keys, pages, peeks, notes", () => {
    const fast = (state: UiState, ...events: UiEvent[]) => runTimed(state, ...events.map((e): [number, UiEvent] => [10, e]));
    // Once the keyboard has been up for the guard, every tap 10 ms after the one before is taken.
    let s = runTimed(run(at({ s: "signedOut", user: "alice" }), tap("signIn")).state, [TAP_GUARD_MS, { e: "ok" }]).state;
    expect(title(s).text).toBe("Type a password");
    s = fast(s, ...typing(s, "aB1")).state; // three pages
    s = fast(s, { e: "peekEnd", tick: s.tick }, { e: "del" }, { e: "show" }).state;
    s = fast(s, ...typing(s, "x")).state;
    expect(keyboardOf(s)).toMatchObject({ text: "aBx", shown: true });
    const pad = runTimed(at({ s: "code", kind: "totp" }), [TAP_GUARD_MS, { e: "digit", digit: 1 }]).state;
    expect(fast(pad, { e: "digit", digit: 2 }, { e: "del" }, { e: "digit", digit: 3 }).state.screen).toMatchObject({ code: "13" });
  });

  test("the keyboard for another purpose is a new screen: a double tap on OK does not reach it", () => {
    const user = typed(run(at({ s: "signedOut" }), tap("signIn")).state, "bob").state;
    const r = runTimed(user, [TAP_GUARD_MS, { e: "ok" }], [QUICK, { e: "ok" }]);
    expect(keyboardOf(r.state).purpose).toBe("password");
    expect(title(r.state)).toEqual({ text: "Password for bob", warn: false }); // not "Type a password"
    const newPw = typed(run(at({ s: "newPassword", user: "a" }), tap("newPassword")).state, "N3w!pass").state;
    const repeat = runTimed(newPw, [TAP_GUARD_MS, { e: "ok" }], [QUICK, { e: "ok" }]);
    expect(title(repeat.state)).toEqual({ text: "Repeat new password", warn: false });
  });

  test("a screen the companion brings is guarded too; an update of the screen shown is not", () => {
    // Who am I: the busy screen, then the companion's answer; a tap right after it is not taken.
    const busy = runTimed(at({ s: "signedIn", user: "a", until: 1 }), [TAP_GUARD_MS, tap("whoami")]).state;
    const answered = runTimed(busy, [TAP_GUARD_MS, view({ s: "signedIn", user: "a", until: 2 })], [QUICK, tap("signOut")]);
    expect(screenOf(answered.state)).toBe("signedIn");
    // A refresh of the signedIn screen shown for a while: the tap right after it is taken.
    const refreshed = runTimed(answered.state, [TAP_GUARD_MS, view({ s: "signedIn", user: "a", until: 3 })], [QUICK, tap("signOut")]);
    expect(screenOf(refreshed.state)).toBe("signOut");
  });

  test("the back button is no tap: never held back", () => {
    const r = runTimed(at({ s: "signedOut", user: "a" }), [TAP_GUARD_MS, tap("signIn")], [QUICK, { e: "back" }]);
    expect(screenOf(r.state)).toBe("signedOut");
  });

  test("a clock set back while a screen is new costs one tap, not the time it went back", () => {
    const s = runTimed(signedIn(), [TAP_GUARD_MS, tap("signOut")]).state;
    setClockBack(3600e3);
    const r = runTimed(s, [0, tap("here")], [TAP_GUARD_MS, tap("here")]);
    expect(sent(r.effects)).toEqual([{ t: "signOut", everywhere: false }]);
  });
});
