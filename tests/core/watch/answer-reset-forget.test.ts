// The state machine's screens of issue 13, transition by transition: a question answered on the keyboard
// or with digits, a code for an authenticator being set up or for a password reset, the method to set
// up, "Forgot password?" on the signedOut screen, and "Forget this watch" on the sign-out confirmation;
// with the back button and the tap guard on each.
import { MAX_ANSWER_LENGTH, MAX_CODE_LENGTH } from "../../../common/limits";
import { View } from "../../../common/protocol";
import { screenOf } from "../../../core/watch/present";
import { say } from "../../../devkit/messages";
import { TAP_GUARD_MS, UiEvent, UiState } from "../../../core/watch/state";
import { at, digits, keyboardOf, run, runTimed, sent, title, typed, view } from "./drive";

const QUICK = 80; // ms between the taps of a double tap
const exits = (state: UiState) => run(state, { e: "back" }).effects.some((f) => f.fx === "exit");
const busyLabel = (state: UiState) => {
  if (state.screen.s !== "busy") throw new Error("not busy: " + state.screen.s);
  return say({ m: state.screen.label });
};
const button = (name: "answer" | "forgotPassword" | "forgetWatch" | "signIn" | "signOut" | "newPassword"): UiEvent => ({
  e: "button",
  name,
});
const ALL_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join("");

describe("a question answered on the keyboard", () => {
  const PROMPT = "What is the name of your first pet?";
  const question = () => at({ s: "answer", prompt: PROMPT });
  const onKeyboard = () => run(question(), button("answer")).state;

  test("its own screen and title; its button opens the keyboard for the answer, titled so", () => {
    expect(screenOf(question())).toBe("answer");
    expect(title(question())).toEqual({ text: "Answer needed", warn: false });
    expect(keyboardOf(onKeyboard())).toMatchObject({ purpose: "answer", text: "", page: 0 });
    expect(title(onKeyboard())).toEqual({ text: "Your answer", warn: false });
  });

  test("the answer is typed in clear: no peek, no prepare, nothing to show or hide", () => {
    const r = typed(onKeyboard(), "Rex 2");
    expect(r.effects).toEqual([]);
    expect(keyboardOf(run(r.state, { e: "show" }).state).shown).toBe(false);
  });

  test("OK sends the answer; the busy screen says the answer is being checked", () => {
    const r = run(typed(onKeyboard(), "Rex the 2nd!").state, { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "answer", text: "Rex the 2nd!" }]);
    expect(busyLabel(r.state)).toBe("Checking…");
  });

  test("every printable ASCII character can be typed; no more than MAX_ANSWER_LENGTH of them", () => {
    expect(keyboardOf(typed(onKeyboard(), ALL_ASCII.slice(0, MAX_ANSWER_LENGTH)).state).text).toBe(ALL_ASCII.slice(0, MAX_ANSWER_LENGTH));
    const full = { ...onKeyboard(), screen: { ...keyboardOf(onKeyboard()), text: "a".repeat(MAX_ANSWER_LENGTH) } };
    const r = typed(full, "b");
    expect(keyboardOf(r.state).text).toHaveLength(MAX_ANSWER_LENGTH);
    expect(title(r.state)).toEqual({ text: "Maximum length: " + MAX_ANSWER_LENGTH, warn: true });
  });

  test("an empty answer is not sent: a note says why", () => {
    const r = run(onKeyboard(), { e: "ok" });
    expect(sent(r.effects)).toEqual([]);
    expect(title(r.state)).toEqual({ text: "Type an answer", warn: true });
  });

  test("an answer not taken comes back as the question with its error, on the question's screen", () => {
    const s = run(typed(onKeyboard(), "Tom").state, { e: "ok" }).state;
    const again = run(s, view({ s: "answer", prompt: PROMPT, error: { m: "badAnswer" } })).state;
    expect(again.screen).toEqual({ s: "view" });
    expect(screenOf(again)).toBe("answer");
    expect(again.view).toEqual({ s: "answer", prompt: PROMPT, error: { m: "badAnswer" } });
  });

  test("the same question again keeps the wearer typing; one that now asks for digits brings the pad", () => {
    const s = typed(onKeyboard(), "Re").state;
    expect(keyboardOf(run(s, view({ s: "answer", prompt: "Another question?" })).state).text).toBe("Re");
    expect(run(s, view({ s: "answer", prompt: PROMPT, digits: true })).state.screen).toEqual({ s: "code", code: "", note: null });
  });

  test("back: clears the answer, then returns to the question, then cancels the sign-in", () => {
    let s = run(typed(onKeyboard(), "Rex").state, { e: "back" }).state;
    expect(keyboardOf(s)).toMatchObject({ purpose: "answer", text: "" });
    s = run(s, { e: "back" }).state;
    expect(screenOf(s)).toBe("answer");
    const r = run(s, { e: "back" });
    expect(sent(r.effects)).toEqual([{ t: "cancel" }]);
    expect(busyLabel(r.state)).toBe("Cancelling…");
    expect(exits(run(question(), { e: "close" }).state)).toBe(true); // offline: leave the app
  });

  test("offline, OK keeps the answer and sends nothing", () => {
    const r = run(typed(run(onKeyboard(), { e: "close" }).state, "Rex").state, { e: "ok" });
    expect(sent(r.effects)).toEqual([]);
    expect(keyboardOf(r.state).text).toBe("Rex");
  });

  test("the question's button does nothing elsewhere, nor do other screens' buttons here", () => {
    const pad = at({ s: "answer", prompt: PROMPT, digits: true });
    expect(run(pad, button("answer")).state).toBe(pad);
    const signedOut = at({ s: "signedOut", user: "a" });
    expect(run(signedOut, button("answer")).state).toBe(signedOut);
    const q = question();
    for (const name of ["signIn", "forgotPassword", "newPassword", "forgetWatch"] as const) expect(run(q, button(name)).state).toBe(q);
  });

  test("a double tap on its button does not type on the keyboard under it; a look first, then a key", () => {
    const r = runTimed(question(), [TAP_GUARD_MS, button("answer")], [QUICK, { e: "key", index: 24 }]);
    expect(keyboardOf(r.state).text).toBe("");
    expect(keyboardOf(runTimed(r.state, [TAP_GUARD_MS, { e: "key", index: 24 }]).state).text).toBe("y");
  });
});

describe("a question answered with digits", () => {
  const PROMPT = "Type the 6 digits from the letter";
  const pad = () => at({ s: "answer", prompt: PROMPT, digits: true });

  test("the code pad, titled as a question; OK sends the digits as a code", () => {
    expect(screenOf(pad())).toBe("code");
    expect(title(pad())).toEqual({ text: "Answer needed", warn: false });
    const r = run(pad(), ...digits("123456"), { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "code", code: "123456" }]);
    expect(busyLabel(r.state)).toBe("Checking code…");
  });

  test("too short is not sent; too long is not typed", () => {
    const short = run(pad(), ...digits("12"), { e: "ok" });
    expect(sent(short.effects)).toEqual([]);
    expect(title(short.state)).toEqual({ text: "Type the whole code", warn: true });
    expect(run(pad(), ...digits("1".repeat(MAX_CODE_LENGTH + 2))).state.screen).toMatchObject({ code: "1".repeat(MAX_CODE_LENGTH) });
  });

  test("a wrong answer comes back on a cleared pad; back clears the digits, then cancels", () => {
    const s = run(pad(), ...digits("0000"), { e: "ok" }).state;
    expect(run(s, view({ s: "answer", prompt: PROMPT, digits: true, error: { m: "wrongCode" } })).state.screen).toEqual({
      s: "code",
      code: "",
      note: null,
    });
    const typedSome = run(pad(), ...digits("12"), { e: "back" }).state;
    expect(typedSome.screen).toMatchObject({ s: "code", code: "" });
    expect(sent(run(typedSome, { e: "back" }).effects)).toEqual([{ t: "cancel" }]);
  });

  test("the pad that comes after a typed answer ignores a tap right after it appears", () => {
    const busy = run(typed(run(at({ s: "answer" }), button("answer")).state, "x").state, { e: "ok" }).state;
    const r = runTimed(busy, [TAP_GUARD_MS, view({ s: "answer", digits: true })], [QUICK, { e: "digit", digit: 5 }]);
    expect(r.state.screen).toEqual({ s: "code", code: "", note: null });
  });

  test("without a prompt of its own: ours, or the generic question (the title is the same)", () => {
    expect(title(at({ s: "answer", ask: "typeEmail" })).text).toBe("Answer needed");
    expect(title(at({ s: "answer" })).text).toBe("Answer needed");
  });
});

describe("codes being set up and for a password reset", () => {
  test("an authenticator being set up: its own title, the pad, OK sends the code, back cancels", () => {
    const s = at({ s: "code", kind: "setup" });
    expect(screenOf(s)).toBe("code");
    expect(title(s)).toEqual({ text: "New authenticator code", warn: false });
    expect(sent(run(s, ...digits("654321"), { e: "ok" }).effects)).toEqual([{ t: "code", code: "654321" }]);
    const back = run(s, ...digits("65"), { e: "back" }, { e: "back" });
    expect(sent(back.effects)).toEqual([{ t: "cancel" }]);
  });

  test("a password reset: the code, then the new password twice, sent as newPassword", () => {
    const s = at({ s: "code", kind: "reset", dest: "a***@e***" });
    expect(title(s)).toEqual({ text: "Password reset code", warn: false });
    const code = run(s, ...digits("112233"), { e: "ok" });
    expect(sent(code.effects)).toEqual([{ t: "code", code: "112233" }]);
    const intro = run(code.state, view({ s: "newPassword", user: "alice" })).state;
    expect(screenOf(intro)).toBe("newPassword");
    const first = run(typed(run(intro, button("newPassword")).state, "N3w!pass").state, { e: "ok" }).state;
    const r = run(typed(first, "N3w!pass").state, { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "newPassword", pw: "N3w!pass" }]);
    expect(sent(run(s, { e: "back" }).effects)).toEqual([{ t: "cancel" }]); // back from the reset code: leave
  });

  test("the method to set up: titled so, answered with the option chosen", () => {
    const s = at({ s: "choose", kind: "setup", options: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] });
    expect(screenOf(s)).toBe("choose");
    expect(title(s)).toEqual({ text: "Set up a second step", warn: false });
    expect(sent(run(s, { e: "option", index: 1 }).effects)).toEqual([{ t: "choose", option: "EMAIL_OTP" }]);
    expect(sent(run(s, { e: "back" }).effects)).toEqual([{ t: "cancel" }]);
  });
});

describe("Forgot password?", () => {
  test("with the username from settings: forgot for it, the busy screen saying a code is on its way", () => {
    const r = run(at({ s: "signedOut", user: "alice" }), button("forgotPassword"));
    expect(sent(r.effects)).toEqual([{ t: "forgot" }]);
    expect(busyLabel(r.state)).toBe("Sending a code…");
  });

  test("with the username typed on the watch this time: forgot for that one", () => {
    // A sign-in with a typed username that failed: the watch remembers the username.
    const signIn = run(at({ s: "signedOut" }), button("signIn")).state;
    const pw = run(typed(signIn, "bob").state, { e: "ok" }).state;
    const failed = run(run(typed(pw, "wrong").state, { e: "ok" }).state, view({ s: "signedOut", reason: { m: "wrongCredentials" } })).state;
    expect(sent(run(failed, button("forgotPassword")).effects)).toEqual([{ t: "forgot", user: "bob" }]);
  });

  test("without any username: the username keyboard first, whose OK sends forgot (no password asked)", () => {
    const s = run(at({ s: "signedOut" }), button("forgotPassword")).state;
    expect(keyboardOf(s)).toMatchObject({ purpose: "resetUser", text: "" });
    expect(title(s)).toEqual({ text: "Username", warn: false });
    expect(title(run(s, { e: "ok" }).state)).toEqual({ text: "Type a username", warn: true });
    const t = typed(s, "carol@example.com");
    expect(t.effects).toEqual([]); // typed in clear: no peek, no prepare
    const r = run(t.state, { e: "ok" });
    expect(sent(r.effects)).toEqual([{ t: "forgot", user: "carol@example.com" }]);
    expect(busyLabel(r.state)).toBe("Sending a code…");
    expect(r.state.user).toBe("carol@example.com"); // the sign-in after the reset, or a second try, knows it
  });

  test("back from that keyboard: clears, then returns to the signedOut screen", () => {
    let s = typed(run(at({ s: "signedOut" }), button("forgotPassword")).state, "ca").state;
    s = run(s, { e: "back" }).state;
    expect(keyboardOf(s).text).toBe("");
    s = run(s, { e: "back" }).state;
    expect(screenOf(s)).toBe("signedOut");
    expect(exits(s)).toBe(true);
  });

  test("not when the sign-in is passwordless, nor from another screen, nor offline", () => {
    const passwordless = at({ s: "signedOut", user: "alice", passwordless: true });
    expect(run(passwordless, button("forgotPassword")).state).toBe(passwordless);
    const signedIn = at({ s: "signedIn", user: "alice", until: 1 });
    expect(run(signedIn, button("forgotPassword")).state).toBe(signedIn);
    const off = run(at({ s: "signedOut", user: "alice" }), { e: "close" }).state;
    expect(run(off, button("forgotPassword")).effects).toEqual([]);
  });

  test("a double tap on it does not type on the username keyboard", () => {
    const r = runTimed(at({ s: "signedOut" }), [TAP_GUARD_MS, button("forgotPassword")], [QUICK, { e: "key", index: 24 }]);
    expect(keyboardOf(r.state).text).toBe("");
  });
});

describe("Forget this watch", () => {
  const remembered = (): View => ({ s: "signedIn", user: "alice", until: 2e12, device: true });
  const confirm = (v: View) => run(at(v), button("signOut")).state;

  test("for a watch Cognito remembers: sign out here and forget it", () => {
    const r = run(confirm(remembered()), button("forgetWatch"));
    expect(sent(r.effects)).toEqual([{ t: "signOut", everywhere: false, forget: true }]);
    expect(busyLabel(r.state)).toBe("Signing out…");
  });

  test("the other two choices are as before", () => {
    expect(sent(run(confirm(remembered()), { e: "button", name: "here" }).effects)).toEqual([{ t: "signOut", everywhere: false }]);
    expect(sent(run(confirm(remembered()), { e: "button", name: "everywhere" }).effects)).toEqual([{ t: "signOut", everywhere: true }]);
  });

  test("not for a watch Cognito does not remember, nor from the signedIn screen itself", () => {
    const s = confirm({ s: "signedIn", user: "alice", until: 2e12 });
    expect(run(s, button("forgetWatch")).state).toBe(s);
    const signedIn = at(remembered());
    expect(run(signedIn, button("forgetWatch")).state).toBe(signedIn);
  });

  test("a double tap on Sign out does not reach it; back returns to the signedIn screen", () => {
    const r = runTimed(at(remembered()), [TAP_GUARD_MS, button("signOut")], [QUICK, button("forgetWatch")]);
    expect(screenOf(r.state)).toBe("signOut");
    expect(sent(r.effects)).toEqual([]);
    expect(screenOf(run(r.state, { e: "back" }).state)).toBe("signedIn");
  });
});
