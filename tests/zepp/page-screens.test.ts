// The Zepp watch page driven as the wearer drives it: through the fake @zos/ui's widgets (a tap on a
// button found by its words, the texts on screen), with the test playing the side service over the real
// zml socket. Every screen of core/watch for a view, the keyboard (masked with a peek, Show/Hide, its
// pages), the code pad, the choices, the back key and the swipe back, widgets made once per screen, and
// malformed messages dropped.
import { PROTOCOL_VERSION, View } from "../../common/protocol";
import { KEYS_PER_PAGE, PAGES, keyLabel } from "../../core/watch";
import * as ui from "../../devkit/fakes/zepp/ui";
import { PageRig, SIZES, startPageRig } from "../support/zepp-page";

const ROUND_480 = SIZES[0].size;
const MASK = "\u2022";

function onView(view: View, size = ROUND_480): PageRig {
  const rig = startPageRig(size);
  rig.receive({ t: "state", view });
  return rig;
}

/** The one text widget that says `text`, or that starts with it. */
const shows = (rig: PageRig, text: string) => rig.texts().some((t) => t === text || t.startsWith(text));
/** What the keyboard's field shows: the text beside Del, on its row. */
const field = (_rig: PageRig) => {
  const del = ui.buttons("Del")[0];
  const text = del && ui.widgets().find((w) => w.kind === "text" && w.props.y === del.props.y);
  return text ? (text.props.text === "" ? undefined : text.props.text) : undefined;
};
ui.widgets().find((w) => w.kind === "text" && w.props.w > 100 && /^[^A-Z]*$/.test(String(w.props.text)) && w.props.text !== "")?.props.text;

describe("the page opens and says hello", () => {
  test("hello goes to the phone at once; until it answers, the waiting screen", () => {
    const rig = startPageRig(ROUND_480);
    expect(rig.sent).toEqual([{ t: "hello" }]);
    expect(rig.texts()).toEqual(["Cognito Sign-in", "Waiting for the Zepp app on your phone…"]);
  });

  test("a call the phone refuses closes the socket: the title line says the phone is not connected", async () => {
    ui.reset();
    const rig = startPageRig(ROUND_480, () => Promise.reject(Object.assign(new Error("side service is not running"), { code: 3 })));
    await new Promise((r) => setImmediate(r));
    expect(rig.texts()[0]).toBe("Phone not connected");
    expect(rig.logs).toContain("messaging: not delivered (3)");
  });
});

describe("each screen of a view", () => {
  test("setup: what to do on the phone, and which setting to check", () => {
    const rig = onView({ s: "setup", problem: { m: "checkPoolId" } });
    expect(rig.texts()[0]).toBe(getWords("setUpOnPhone"));
    expect(shows(rig, "In the Zepp app on your phone")).toBe(true);
    expect(rig.texts()).toContain(getWords("checkPoolId"));
  });

  test("signedOut: the user, why, Sign in and Forgot password? (none when passwordless)", () => {
    const rig = onView({ s: "signedOut", user: "demo", reason: { m: "wrongCredentials" } });
    expect(rig.texts()).toEqual(["Sign in", "demo", getWords("wrongCredentials"), "Sign in", "Forgot password?"]);
    rig.receive({ t: "state", view: { s: "signedOut", user: "demo", passwordless: true } });
    expect(ui.buttons("Forgot password?")).toHaveLength(0);
  });

  test("busy: the companion's label", () => {
    const rig = onView({ s: "busy", label: "signingIn" });
    expect(rig.texts()).toEqual(["Please wait", getWords("signingIn")]);
  });

  test("newPassword: for whom, the policy, Cognito's error, and the button to choose one", () => {
    const rig = onView({ s: "newPassword", user: "demo", policy: "8+ characters", error: { m: "newPasswordRejected", x: "Too short" } });
    expect(rig.texts()).toEqual([
      "New password needed",
      "Choose a new password for demo. 8+ characters",
      getWords("newPasswordRejected") + " Too short",
      "Choose password",
    ]);
  });

  test("code: whose code, where it went; the pad's twelve keys", () => {
    const rig = onView({ s: "code", kind: "sms", dest: "+*******1234" });
    expect(rig.texts().slice(0, 3)).toEqual(["Code from SMS", "______", "Sent to +*******1234"]);
    for (const key of ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "Del", "OK"]) expect(ui.buttons(key)).toHaveLength(1);
  });

  test("choose: one button per option, in Cognito's names' words", () => {
    const rig = onView({ s: "choose", kind: "mfa", options: ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"] });
    expect(rig.texts()).toEqual(["Second step", "Authenticator app", "Code by SMS", "Code by email"]);
  });

  test("answer: the sign-in's question, the error, and the button to type the answer", () => {
    const rig = onView({ s: "answer", prompt: "Your first pet?", error: { m: "badAnswer" } });
    expect(rig.texts()).toEqual(["Answer needed", "Your first pet?", getWords("badAnswer"), "Type answer"]);
  });

  test("signedIn: who, until when, refreshed and checked; Who am I and Sign out", () => {
    const rig = startPageRig(ROUND_480);
    const now = rig.clock.now;
    rig.receive({
      t: "state",
      view: { s: "signedIn", user: "demo", email: "demo@example.com", until: now + 3600_000, refreshed: now - 60_000, checked: now },
    });
    expect(rig.texts()).toEqual([
      "Signed in",
      "demo",
      "demo@example.com",
      expect.stringMatching(/^Valid until \d\d:\d\d$/),
      expect.stringMatching(/^Refreshed \d\d:\d\d$/),
      expect.stringMatching(/^Checked with Cognito \d\d:\d\d$/),
      "Who am I",
      "Sign out",
    ]);
  });

  test("signOut: here, everywhere, and forget this watch only for a remembered one", () => {
    const rig = onView({ s: "signedIn", user: "demo", until: Date.now() + 3600_000 });
    rig.tap("Sign out");
    expect(rig.texts()).toEqual(["Sign out?", getWords("zeppSignOutHow"), "This phone", "Everywhere"]);
    rig.receive({ t: "state", view: { s: "signedIn", user: "demo", until: Date.now() + 3600_000, device: true } });
    expect(ui.buttons("Forget this watch")).toHaveLength(1);
    rig.tap("Everywhere");
    expect(rig.sent.pop()).toEqual({ t: "signOut", everywhere: true });
    expect(rig.texts()).toEqual(["Please wait", "Signing out…"]);
  });

  test("error: what went wrong; its button retries (whoami) or says OK (hello)", () => {
    const rig = onView({ s: "error", message: { m: "serviceTimeout" }, retry: "whoami" });
    expect(rig.texts()).toEqual(["Something went wrong", getWords("serviceTimeout"), "Retry"]);
    rig.tap("Retry");
    expect(rig.sent.pop()).toEqual({ t: "whoami" });
  });
});

describe("a screen that stays", () => {
  test("a refresh on the signedIn screen rewrites its times in place: no widget made", () => {
    const rig = startPageRig(ROUND_480);
    const now = rig.clock.now;
    rig.receive({ t: "state", view: { s: "signedIn", user: "demo", until: now + 60_000 } });
    const made = ui.madeCount();
    expect(rig.texts()).not.toContainEqual(expect.stringMatching(/^Refreshed/));
    rig.receive({ t: "state", view: { s: "signedIn", user: "demo", until: now + 120_000, refreshed: now } });
    expect(rig.texts()).toContainEqual(expect.stringMatching(/^Refreshed \d\d:\d\d$/));
    expect(ui.madeCount()).toBe(made);
  });

  test("a tap on a screen shown a moment ago is ignored (core/watch's tap guard, on the page's clock)", () => {
    const rig = onView({ s: "signedIn", user: "demo", until: Date.now() + 3600_000 });
    rig.tap("Sign out");
    rig.clock.now += 80; // the second tap of a double tap
    ui.tap("Everywhere");
    expect(rig.sent.pop()).toEqual({ t: "hello" });
    rig.tap("This phone");
    expect(rig.sent.pop()).toEqual({ t: "signOut", everywhere: false });
  });
});

describe("the keyboard", () => {
  function onPassword(): PageRig {
    const rig = onView({ s: "signedOut", user: "demo" });
    rig.tap("Sign in");
    return rig;
  }

  test("a password is masked, its last character readable for a peek; Show shows it, Hide masks it", () => {
    const rig = onPassword();
    expect(rig.texts()[0]).toBe("Password for demo");
    rig.tap("s");
    expect(rig.sent).toEqual([{ t: "hello" }, { t: "prepare" }]);
    expect(field(rig)).toBe("s");
    rig.tap("e");
    expect(field(rig)).toBe(MASK + "e");
    rig.runTimers(1000);
    expect(field(rig)).toBe(MASK + MASK);
    rig.tap("Show");
    expect(field(rig)).toBe("se");
    expect(ui.buttons("Hide")).toHaveLength(1);
    rig.tap("Hide");
    expect(field(rig)).toBe(MASK + MASK);
  });

  test("every page's keys are on screen, blank keys are not buttons, and the page keys switch pages", () => {
    const rig = onPassword();
    for (let p = 0; p < PAGES.length; p++) {
      rig.tap(PAGES[p].label);
      const keys = PAGES[p].keys.split("").map(keyLabel);
      for (const key of keys) expect(ui.buttons(key).length).toBeGreaterThanOrEqual(1);
      // the keys, the page keys, Show, Del and OK
      expect(ui.widgets().filter((w) => w.kind === "button")).toHaveLength(keys.length + PAGES.length + 3);
      expect(keys.length).toBeLessThanOrEqual(KEYS_PER_PAGE);
    }
  });

  test("typing on several pages, Del, then OK signs in with the password typed", () => {
    const rig = onPassword();
    for (const k of ["P", "a", "1", "!", "x"]) {
      if (/[A-Z]/.test(k)) rig.tap("ABC");
      else if (/[0-9!]/.test(k)) rig.tap("123");
      else rig.tap("abc");
      rig.tap(k);
    }
    rig.tap("Del");
    rig.tap("OK");
    expect(rig.sent.pop()).toEqual({ t: "signIn", pw: "Pa1!" });
    expect(rig.texts()).toEqual(["Please wait", "Signing in…"]);
  });

  test("every printable ASCII character is typed by taps alone (an answer, shown as typed)", () => {
    const rig = onView({ s: "answer", prompt: "Type everything" });
    rig.tap("Type answer");
    const all = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("");
    rig.type(all);
    expect(field(rig)).toBe("\u2026" + all.slice(all.length - 13));
    rig.tap("OK");
    expect(rig.sent.pop()).toEqual({ t: "answer", text: all });
  });

  test("the username is typed in clear, without Show; then the password", () => {
    const rig = onView({ s: "signedOut" });
    rig.tap("Sign in");
    expect(rig.texts()[0]).toBe("Username");
    expect(ui.buttons("Show")).toHaveLength(0);
    rig.tap("d");
    rig.tap("e");
    expect(field(rig)).toBe("de");
    rig.tap("OK");
    expect(rig.texts()[0]).toBe("Password for de");
  });

  test("a screen that stays makes no widgets: a key writes the field only", () => {
    const rig = onPassword();
    const made = ui.madeCount();
    rig.tap("a");
    rig.tap("b");
    expect(ui.madeCount()).toBe(made);
  });

  test("a new screen deletes every widget of the one before", () => {
    const rig = onPassword();
    const before = ui.widgets();
    rig.tap("a");
    rig.tap("OK");
    expect(before.every((w) => w.deleted)).toBe(true);
    expect(ui.widgets()).toHaveLength(2);
  });
});

describe("the code pad", () => {
  test("digits, Del, a short code refused with a note, then OK sends the code", () => {
    const rig = onView({ s: "code", kind: "totp" });
    for (const d of ["1", "2", "3"]) rig.tap(d);
    rig.tap("OK");
    expect(rig.texts()[0]).toBe("Type the whole code");
    rig.tap("Del");
    for (const d of ["3", "4", "5", "6"]) rig.tap(d);
    expect(rig.texts()).toContain("123456");
    rig.tap("OK");
    expect(rig.sent.pop()).toEqual({ t: "code", code: "123456" });
  });
});

describe("choices", () => {
  test("an option without words shows as Cognito's name for it, and a tap sends it", () => {
    const rig = onView({ s: "choose", kind: "challenge", options: ["PASSWORD_SRP", "NEW_METHOD"] });
    rig.tap("NEW_METHOD");
    expect(rig.sent.pop()).toEqual({ t: "choose", option: "NEW_METHOD" });
  });

  test("a tap on an option sends it", () => {
    const rig = onView({ s: "choose", kind: "challenge", options: ["PASSWORD_SRP", "EMAIL_OTP"] });
    rig.tap("Code by email");
    expect(rig.sent.pop()).toEqual({ t: "choose", option: "EMAIL_OTP" });
  });
});

describe("the back key and the swipe back", () => {
  // imported here, as the page module imports them: the fakes keep the callbacks the page registered
  const interaction = require("../../devkit/fakes/zepp/interaction");

  test("clear the typed text, then go back a screen, then leave the app (the key)", () => {
    const rig = onView({ s: "signedOut", user: "demo" });
    rig.tap("Sign in");
    rig.tap("x");
    expect(rig.page.back()).toBe(true);
    expect(field(rig)).toBeUndefined();
    expect(rig.texts()[0]).toBe("Password for demo");
    expect(rig.page.back()).toBe(true);
    expect(rig.texts()[0]).toBe("Sign in");
    expect(rig.exits).toBe(0);
    expect(rig.page.back()).toBe(false);
    expect(rig.exits).toBe(1);
    expect(interaction.listening()).toEqual({ key: false, gesture: false }); // the rig has no zml page: ./page-entry tests those
  });

  test("back on a challenge cancels the flow (the phone answers with its resting state)", () => {
    const rig = onView({ s: "code", kind: "totp" });
    rig.tap("1");
    rig.page.back();
    expect(rig.texts()).toContain("______");
    rig.page.back();
    expect(rig.sent.pop()).toEqual({ t: "cancel" });
    expect(rig.texts()).toEqual(["Please wait", "Cancelling…"]);
  });
});

describe("malformed messages from the side service are dropped", () => {
  test("an unknown view, a state without one, garbage, a foreign zml call: nothing changes, the type is logged", () => {
    const rig = onView({ s: "signedOut", user: "demo" });
    const before = rig.texts();
    const v = PROTOCOL_VERSION;
    rig.receiveRaw({ v, t: "state", view: { s: "bogus" } });
    rig.receiveRaw({ v, t: "state" });
    rig.receiveRaw({ v, t: "state", view: { s: "signedOut", user: 42 } });
    rig.receiveRaw({ v: v + 1, t: "state", view: { s: "signedOut", user: "demo" } });
    rig.receiveRaw("not json");
    rig.link.receive({ method: "someone.else", params: { v, t: "state", view: { s: "signedOut", user: "mallory" } } });
    rig.receiveRaw({ v, t: "state", view: { s: "signedOut", user: "m".repeat(1000) } });
    expect(rig.texts()).toEqual(before);
    expect(rig.logs.filter((l) => l.startsWith("dropped message"))).toHaveLength(7);
    expect(rig.logs.join("\n")).not.toContain("mallory");
  });
});

function getWords(id: string): string {
  return require("../../devkit/fakes/zepp/i18n").getText(id);
}
