// The real watch app (app/main.ts) on the real view, through the screens of issue 13: a question answered
// on the keyboard or with digits, codes for an authenticator being set up and for a password reset, the
// method to set up, "Forgot password?", and "Forget this watch". Views come from a fake phone at the
// other end of the in-memory channel, as the companion would send them; taps go in, screens, words and
// messages come out.
import { MESSAGE_BUDGET } from "../../common/limits";
import { ToCompanion, View, decodeToCompanion, encodeToWatch } from "../../common/protocol";
import { ID, optionLabelId } from "../../core/watch";
import { Channel, createChannel } from "../../devkit/fakes/channel";
import { Watch, startWatch } from "../../devkit/fakes/device/watch";
import { submitCode, submitText, typeText } from "../../devkit/fakes/device/wearer";

const NOW = new Date(2026, 10, 26, 12, 0).getTime();

interface Rig extends Watch {
  channel: Channel;
  received: ToCompanion[];
  show(view: View): Promise<void>;
  /** What the watch sent since the last call, once the channel is idle. */
  sentNow(): Promise<ToCompanion[]>;
}

async function rig(): Promise<Rig> {
  const channel = createChannel();
  const received: ToCompanion[] = [];
  channel.companion.onmessage = (event) => {
    const msg = decodeToCompanion(event.data);
    if (!msg) throw new Error("the watch sent an invalid message");
    received.push(msg);
  };
  const watch = startWatch({ channel, now: () => NOW });
  channel.open();
  await channel.idle();
  let read = received.length;
  return {
    ...watch,
    channel,
    received,
    async show(view) {
      const wire = encodeToWatch({ t: "state", view }, MESSAGE_BUDGET);
      if (!wire) throw new Error("view too large");
      channel.companion.send(wire);
      await channel.idle();
    },
    async sentNow() {
      await channel.idle();
      const out = received.slice(read);
      read = received.length;
      return out;
    },
  };
}

const PROMPT = "What is the name of your first pet? (your answer to the custom challenge of the pool's Lambda)";

test("a question typed on the keyboard: the prompt, the keyboard in clear, the answer sent, an error shown", async () => {
  const r = await rig();
  await r.show({ s: "answer", prompt: PROMPT });
  expect(r.screen()).toBe("answer");
  expect(r.doc.textOf(ID.title)).toBe("Answer needed");
  expect(r.doc.textOf(ID.answerText)).toBe(PROMPT);
  expect(r.doc.textOf(ID.answerError)).toBe("");
  r.doc.tap(ID.answerGo);
  expect(r.screen()).toBe("keyboard");
  expect(r.doc.textOf(ID.title)).toBe("Your answer");
  expect(r.doc.isShown(ID.show)).toBe(false); // nothing hidden, nothing to show
  typeText(r.doc, "Rex 2");
  expect(r.doc.textOf(ID.field)).toBe("Rex 2");
  expect(r.timers).toEqual([]); // no peek
  r.doc.tap(ID.ok);
  expect(r.screen()).toBe("busy");
  expect(r.doc.textOf(ID.busyLabel)).toBe("Checking\u2026");
  expect(r.doc.textOf(ID.field)).toBe("");
  expect(await r.sentNow()).toEqual([{ t: "answer", text: "Rex 2" }]);

  await r.show({ s: "answer", prompt: PROMPT, error: { m: "badAnswer" } });
  expect(r.screen()).toBe("answer");
  expect(r.doc.textOf(ID.answerError)).toBe("Unexpected answer from the sign-in server. Check the endpoint in settings.");
  // Back from the question abandons the sign-in.
  expect(r.doc.press("back").defaultPrevented).toBe(true);
  expect(await r.sentNow()).toEqual([{ t: "cancel" }]);
});

test("a question without words of its own: ours by ID, or the generic question", async () => {
  const r = await rig();
  await r.show({ s: "answer", ask: "usernameFirst" });
  expect(r.doc.textOf(ID.answerText)).toBe("Enter your username first.");
  await r.show({ s: "answer" });
  expect(r.doc.textOf(ID.answerText)).toBe("The sign-in asks for an answer.");
});

test("a question answered with digits: the code pad, its info line the prompt, the digits sent as a code", async () => {
  const r = await rig();
  await r.show({ s: "answer", prompt: "Type the 6 digits from the letter", digits: true });
  expect(r.screen()).toBe("code");
  expect(r.doc.textOf(ID.title)).toBe("Answer needed");
  expect(r.doc.textOf(ID.codeInfo)).toBe("Type the 6 digits from the letter");
  submitCode(r.doc, "482913");
  expect(await r.sentNow()).toEqual([{ t: "code", code: "482913" }]);
  await r.show({ s: "answer", prompt: "Type the 6 digits from the letter", digits: true, error: { m: "wrongCode" } });
  expect(r.doc.textOf(ID.codeInfo)).toBe("Wrong code. Check it and try again.");
  expect(r.doc.textOf(ID.codeField)).toBe("______");
});

test("MFA set-up: the method to set up, then the authenticator's first code, the key being on the phone", async () => {
  const r = await rig();
  await r.show({ s: "choose", kind: "setup", options: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] });
  expect(r.screen()).toBe("choose");
  expect(r.doc.textOf(ID.title)).toBe("Set up a second step");
  expect([0, 1].map((i) => r.doc.textOf(optionLabelId(i)))).toEqual(["Authenticator app", "Code by email"]);
  r.doc.tap("choose-0");
  expect(await r.sentNow()).toEqual([{ t: "choose", option: "SOFTWARE_TOKEN_MFA" }]);
  await r.show({ s: "code", kind: "setup" });
  expect(r.screen()).toBe("code");
  expect(r.doc.textOf(ID.title)).toBe("New authenticator code");
  expect(r.doc.textOf(ID.codeInfo)).toBe("Add the key from the phone to your authenticator app");
  submitCode(r.doc, "123456");
  expect(await r.sentNow()).toEqual([{ t: "code", code: "123456" }]);
});

test("Forgot password? with the username from settings: the reset code, then the new password twice", async () => {
  const r = await rig();
  await r.show({ s: "signedOut", user: "alice" });
  expect(r.doc.isShown(ID.forgot)).toBe(true);
  expect(r.doc.textOf(ID.forgotLabel)).toBe("Forgot password?");
  r.doc.tap(ID.forgot);
  expect(r.screen()).toBe("busy");
  expect(r.doc.textOf(ID.busyLabel)).toBe("Sending a code\u2026");
  expect(await r.sentNow()).toEqual([{ t: "forgot" }]);

  await r.show({ s: "code", kind: "reset", dest: "a***@e***" });
  expect(r.doc.textOf(ID.title)).toBe("Password reset code");
  expect(r.doc.textOf(ID.codeInfo)).toBe("Sent to a***@e***");
  submitCode(r.doc, "556677");
  expect(await r.sentNow()).toEqual([{ t: "code", code: "556677" }]);

  await r.show({ s: "newPassword", user: "alice" });
  r.doc.tap(ID.newPasswordGo);
  submitText(r.doc, "Br4nd-new pass");
  submitText(r.doc, "Br4nd-new pass");
  expect(await r.sentNow()).toEqual([{ t: "newPassword", pw: "Br4nd-new pass" }]);
  await r.show({ s: "signedIn", user: "alice", until: NOW + 3600e3 });
  expect(r.screen()).toBe("signedIn");
  expect(r.doc.root.find((e) => e.text.includes("Br4nd"))).toEqual([]);
});

test("Forgot password? without a username: the username keyboard, in clear, whose OK sends forgot with it", async () => {
  const r = await rig();
  await r.show({ s: "signedOut" });
  r.doc.tap(ID.forgot);
  expect(r.screen()).toBe("keyboard");
  expect(r.doc.textOf(ID.title)).toBe("Username");
  expect(r.doc.isShown(ID.show)).toBe(false);
  submitText(r.doc, "bob@example.com");
  expect(await r.sentNow()).toEqual([{ t: "forgot", user: "bob@example.com" }]);
  // The reset failed: the watch remembers the username typed, and asks for no other the next time.
  await r.show({ s: "signedOut", reason: { m: "slowDown" } });
  r.doc.tap(ID.forgot);
  expect(await r.sentNow()).toEqual([{ t: "forgot", user: "bob@example.com" }]);
});

test("no Forgot password? when the sign-in is passwordless", async () => {
  const r = await rig();
  await r.show({ s: "signedOut", user: "alice", passwordless: true });
  expect(r.doc.isShown(ID.forgot)).toBe(false);
  expect(r.doc.isShown(ID.forgotLabel)).toBe(false);
  expect(() => r.doc.tap(ID.forgot)).toThrow(/not shown/);
  await r.show({ s: "signedOut", user: "alice" });
  expect(r.doc.isShown(ID.forgotLabel)).toBe(true);
});

test("Forget this watch: offered on the sign-out confirmation of a remembered watch only", async () => {
  const r = await rig();
  await r.show({ s: "signedIn", user: "alice", until: NOW + 3600e3 });
  r.doc.tap(ID.signOut);
  expect(r.screen()).toBe("signOut");
  expect(r.doc.isShown(ID.forget)).toBe(false);
  expect(r.doc.isShown(ID.forgetLabel)).toBe(false);
  r.doc.press("back");

  await r.show({ s: "signedIn", user: "alice", until: NOW + 3600e3, device: true });
  r.doc.tap(ID.signOut);
  expect(r.doc.isShown(ID.forget)).toBe(true);
  expect(r.doc.textOf(ID.forgetLabel)).toBe("Forget this watch");
  r.doc.tap(ID.forget);
  expect(r.screen()).toBe("busy");
  expect(r.doc.textOf(ID.busyLabel)).toBe("Signing out\u2026");
  expect(await r.sentNow()).toEqual([{ t: "signOut", everywhere: false, forget: true }]);
});

test("a double tap on Sign out does not reach Forget this watch under the same finger", async () => {
  const r = await rig();
  await r.show({ s: "signedIn", user: "alice", until: NOW + 3600e3, device: true });
  r.doc.tap(ID.signOut);
  r.doc.tap(ID.forget, true);
  expect(r.screen()).toBe("signOut");
  expect(await r.sentNow()).toEqual([]);
});
