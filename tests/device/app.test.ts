// The real watch app (app/main.ts) on the real view (resources/index.view, through the document fake)
// and a fake phone at the other end of the in-memory channel: taps in, screens and messages out.
import { MessageId, ToCompanion, View, decodeToCompanion, encodeToWatch } from "../../common/protocol";
import { MESSAGE_BUDGET } from "../../common/limits";
import { ID, KEY_COUNT, SCREENS, keyId, keyLabelId, optionId, optionLabelId, pageId, screenId } from "../../core/watch";
import { PAGES, keyLabel } from "../../core/watch";
import { PEEK_MS } from "../../core/watch";
import { Channel, createChannel } from "../../devkit/fakes/channel";
import { Watch, startWatch } from "../../devkit/fakes/device/watch";
import { currentPage, submitCode, submitText, typeText } from "../../devkit/fakes/device/wearer";

const NOW = new Date(2026, 10, 26, 12, 0).getTime();

interface Rig extends Watch {
  channel: Channel;
  /** What the phone received, decoded (an undecodable message fails the test). */
  received: ToCompanion[];
  /** The phone sends a view and the watch gets it. */
  show(view: View): Promise<void>;
}

async function rig(opened = true): Promise<Rig> {
  const channel = createChannel();
  const received: ToCompanion[] = [];
  channel.companion.onmessage = (event) => {
    const msg = decodeToCompanion(event.data);
    if (!msg) throw new Error("the watch sent an invalid message");
    received.push(msg);
  };
  const watch = startWatch({ channel, now: () => NOW });
  if (opened) {
    channel.open();
    await channel.idle();
  }
  return {
    ...watch,
    channel,
    received,
    async show(view) {
      channel.companion.send(encodeToWatch({ t: "state", view }, MESSAGE_BUDGET));
      await channel.idle();
    },
  };
}

test("every id the app uses is in the view (a missing one would throw here)", async () => {
  const r = await rig();
  // Rendering every screen touches every id; ids.ts lists the rest.
  for (const id of Object.values(ID)) expect(r.doc.getElementById(id)).not.toBeNull();
  for (const s of SCREENS) expect(r.doc.getElementById(screenId(s))).not.toBeNull();
  for (let i = 0; i < KEY_COUNT; i++) expect(r.doc.getElementById(keyLabelId(i))).not.toBeNull();
});

test("at launch: the waiting screen, then hello when the phone connects, then its view", async () => {
  const r = await rig(false);
  expect(r.screen()).toBe("wait");
  expect(r.doc.visibleTexts()).toContain("Phone not connected");
  r.channel.open();
  await r.channel.idle();
  expect(r.received).toEqual([{ t: "hello" }]);
  expect(r.doc.visibleTexts()).toContain("Cognito Sign-in");
  await r.show({ s: "setup" });
  expect(r.screen()).toBe("setup");
});

test("a first sign-in through NEW_PASSWORD_REQUIRED, by taps alone", async () => {
  const r = await rig();
  await r.show({ s: "signedOut", user: "alice" });
  expect(r.screen()).toBe("signedOut");
  expect(r.doc.visibleTexts()).toEqual(expect.arrayContaining(["Sign in", "alice"]));

  r.doc.tap(ID.signIn);
  expect(r.screen()).toBe("keyboard");
  expect(r.doc.textOf(ID.title)).toBe("Password for alice");
  submitText(r.doc, "Temp0rary!");
  await r.channel.idle();
  expect(r.received.slice(1)).toEqual([{ t: "prepare" }, { t: "signIn", pw: "Temp0rary!" }]);
  expect(r.screen()).toBe("busy");
  expect(r.doc.textOf(ID.busyLabel)).toBe("Signing in\u2026");

  await r.show({ s: "newPassword", user: "alice", policy: "8+ characters: upper, lower, digit, symbol" });
  expect(r.screen()).toBe("newPassword");
  expect(r.doc.textOf(ID.newPasswordText)).toBe("Choose a new password for alice. 8+ characters: upper, lower, digit, symbol");
  r.doc.tap(ID.newPasswordGo);
  submitText(r.doc, "Br4nd-new pass");
  expect(r.doc.textOf(ID.title)).toBe("Repeat new password");
  submitText(r.doc, "Br4nd-new pass");
  await r.channel.idle();
  expect(r.received[r.received.length - 1]).toEqual({ t: "newPassword", pw: "Br4nd-new pass" });

  await r.show({ s: "signedIn", user: "alice", email: "alice@example.com", until: NOW + 3600e3, refreshed: NOW });
  expect(r.screen()).toBe("signedIn");
  expect(r.doc.visibleTexts()).toEqual(
    expect.arrayContaining(["Signed in", "alice", "alice@example.com", "Valid until 13:00", "Refreshed 12:00"]),
  );
  // The password went to the phone and is nowhere on the watch.
  expect(JSON.stringify(r.app.state())).not.toMatch(/Temp0rary|Br4nd/);
  expect(r.doc.root.find((e) => /Temp0rary|Br4nd/.test(e.text))).toEqual([]);
  for (const m of r.channel.log) expect(m.bytes).toBeLessThanOrEqual(MESSAGE_BUDGET);
});

test("the password field masks, peeks at the last character, and shows on request", async () => {
  const r = await rig();
  await r.show({ s: "signedOut", user: "alice" });
  r.doc.tap(ID.signIn);
  typeText(r.doc, "ab");
  expect(r.doc.textOf(ID.field)).toBe("\u2022b");
  expect(r.timers[r.timers.length - 1].ms).toBe(PEEK_MS);
  r.runTimers();
  expect(r.doc.textOf(ID.field)).toBe("\u2022\u2022");
  r.doc.tap(ID.show);
  expect(r.doc.textOf(ID.field)).toBe("ab");
  expect(r.doc.textOf(ID.showLabel)).toBe("Hide");
  r.doc.tap(ID.del);
  expect(r.doc.textOf(ID.field)).toBe("a");
  typeText(r.doc, "Shown!");
  r.doc.tap(ID.ok);
  // Sent: the field that showed it in clear is emptied, not merely hidden.
  expect(r.screen()).toBe("busy");
  expect(r.doc.root.find((e) => e.text.includes("Shown!"))).toEqual([]);
});

test("the keyboard shows the keys of the page chosen, hides blank ones, highlights the page", async () => {
  const r = await rig();
  await r.show({ s: "signedOut" });
  r.doc.tap(ID.signIn);
  expect(r.doc.isShown(ID.show)).toBe(false); // nothing to hide in a username
  for (let p = 0; p < PAGES.length; p++) {
    r.doc.tap(pageId(p));
    expect(currentPage(r.doc)).toBe(p);
    for (let i = 0; i < KEY_COUNT; i++) {
      const c = PAGES[p].keys.charAt(i);
      expect(r.doc.isShown(keyId(i))).toBe(c !== "");
      if (c) expect(r.doc.textOf(keyLabelId(i))).toBe(keyLabel(c));
    }
  }
  expect(() => r.doc.tap(keyId(27))).toThrow(/not shown/); // a blank key on the last page
});

test("a username typed on the watch, then a code, then a choice", async () => {
  const r = await rig();
  await r.show({ s: "signedOut" });
  expect(r.doc.textOf(ID.signedOutUser)).toBe("No username set");
  r.doc.tap(ID.signIn);
  submitText(r.doc, "bob");
  submitText(r.doc, "pw");
  await r.channel.idle();
  expect(r.received).toContainEqual({ t: "signIn", user: "bob", pw: "pw" });

  await r.show({ s: "choose", kind: "mfa", options: ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "NEW_THING"] });
  expect(r.screen()).toBe("choose");
  expect(r.doc.textOf(ID.title)).toBe("Second step");
  expect([0, 1, 2].map((i) => r.doc.textOf(optionLabelId(i)))).toEqual(["Code by SMS", "Authenticator app", "NEW_THING"]);
  expect(r.doc.isShown(optionId(3))).toBe(false);
  r.doc.tap(optionId(1));
  await r.channel.idle();
  expect(r.received[r.received.length - 1]).toEqual({ t: "choose", option: "SOFTWARE_TOKEN_MFA" });

  await r.show({ s: "code", kind: "sms", dest: "+*******1234" });
  expect(r.screen()).toBe("code");
  expect(r.doc.textOf(ID.title)).toBe("Code from SMS");
  expect(r.doc.textOf(ID.codeInfo)).toBe("Sent to +*******1234");
  submitCode(r.doc, "123456");
  await r.channel.idle();
  expect(r.received[r.received.length - 1]).toEqual({ t: "code", code: "123456" });
  await r.show({ s: "code", kind: "sms", error: { m: "wrongCode" } });
  expect(r.doc.textOf(ID.codeInfo)).toBe("Wrong code. Check it and try again.");
  expect(r.doc.textOf(ID.codeField)).toBe("______");
});

test("the back button: kept by the app inside a flow, left to the system at the root", async () => {
  const r = await rig();
  await r.show({ s: "signedOut", user: "alice" });
  r.doc.tap(ID.signIn);
  typeText(r.doc, "x");
  expect(r.doc.press("back").defaultPrevented).toBe(true); // clears
  expect(r.doc.textOf(ID.field)).toBe("");
  expect(r.doc.press("back").defaultPrevented).toBe(true); // back to the signedOut screen
  expect(r.screen()).toBe("signedOut");
  expect(r.doc.press("back").defaultPrevented).toBe(false); // the system closes the app
  expect(r.doc.press("up").defaultPrevented).toBe(false); // other buttons are not ours
});

test("phone out of reach: said in the title line, sign-in waits with the password kept, hello on return", async () => {
  const r = await rig();
  await r.show({ s: "signedIn", user: "alice", until: NOW + 60e3 });
  r.channel.close();
  expect(r.doc.isShown(ID.titleWarn)).toBe(true);
  expect(r.doc.textOf(ID.titleWarn)).toBe("Phone not connected");
  expect(r.doc.isShown(ID.title)).toBe(false);
  r.doc.tap(ID.whoami); // nothing can be sent
  expect(r.screen()).toBe("signedIn");
  const before = r.received.length;
  r.channel.open();
  await r.channel.idle();
  expect(r.received.slice(before)).toEqual([{ t: "hello" }]);
  expect(r.doc.isShown(ID.title)).toBe(true);
});

test("sign out and who am I from the signedIn screen", async () => {
  const r = await rig();
  await r.show({ s: "signedIn", user: "alice", until: NOW - 1, checked: NOW - 86400e3 });
  expect(r.doc.textOf(ID.signedInUntil)).toBe("Expired at 11:59");
  expect(r.doc.textOf(ID.signedInChecked)).toBe("Checked with Cognito Nov 25, 12:00");
  r.doc.tap(ID.whoami);
  await r.show({ s: "error", message: { m: "noConnection" }, retry: "whoami" });
  expect(r.doc.textOf(ID.errorText)).toBe("No connection to Cognito. Check the phone's internet, then try again.");
  expect(r.doc.textOf(ID.retryLabel)).toBe("Retry");
  r.doc.tap(ID.retry);
  await r.show({ s: "signedIn", user: "alice", until: NOW + 1 });
  r.doc.tap(ID.signOut);
  expect(r.screen()).toBe("signOut");
  r.doc.tap(ID.everywhere);
  await r.channel.idle();
  expect(r.received.slice(-3)).toEqual([{ t: "whoami" }, { t: "whoami" }, { t: "signOut", everywhere: true }]);
});

test("invalid messages from the phone are dropped and logged by type only", async () => {
  const r = await rig();
  await r.show({ s: "signedOut", user: "alice" });
  r.channel.companion.send({ v: 1, t: "state", view: { s: "signedIn", user: "alice" }, secret: "hunter2" });
  r.channel.companion.send({ v: 1, t: "hunter2 is the password" });
  await r.channel.idle();
  expect(r.screen()).toBe("signedOut");
  expect(r.logs).toEqual(["dropped message v1:state", "dropped message v1:?"]);
  expect(r.logs.join()).not.toContain("hunter2");
});

test("a call's answer is put together from its parts", async () => {
  const r = await rig();
  const answers: unknown[] = [];
  expect(r.app.calls.request("/me", (a) => answers.push(a))).toBe(true);
  await r.channel.idle();
  const call = r.received[r.received.length - 1];
  expect(call).toEqual({ t: "call", id: expect.any(Number), path: "/me" });
  const id = (call as { id: number }).id;
  r.channel.companion.send(encodeToWatch({ t: "callResult", id, status: 200, part: 1, parts: 2, body: "lo" }, MESSAGE_BUDGET));
  r.channel.companion.send(encodeToWatch({ t: "callResult", id, status: 200, part: 0, parts: 2, body: "hel" }, MESSAGE_BUDGET));
  await r.channel.idle();
  expect(answers).toEqual([{ ok: true, status: 200, body: "hello" }]);
});

test("the companion's notes and labels are shown in the words of the .po, Cognito's own words after them", async () => {
  const r = await rig();
  const long = "E".repeat(80);
  await r.show({ s: "signedOut", user: "alice", reason: { m: "badParameter", x: long } });
  expect(r.doc.textOf(ID.signedOutReason)).toBe("Sign-in is not set up right: " + long);
  await r.show({ s: "busy", label: "signingOutEverywhere" });
  expect(r.doc.textOf(ID.busyLabel)).toBe("Signing out everywhere\u2026");
  await r.show({ s: "newPassword", user: "alice", error: { m: "newPasswordRejected", x: "Password not long enough" } });
  expect(r.doc.textOf(ID.newPasswordText)).toBe("Choose a new password for alice.");
  expect(r.doc.textOf(ID.newPasswordError)).toBe("New password rejected. Password not long enough");
  // A message this watch has no words for (from a newer companion) shows as its ID, as Fitbit's gettext answers.
  await r.show({ s: "error", message: { m: "somethingNewer" as MessageId }, retry: "hello" });
  expect(r.doc.textOf(ID.errorText)).toBe("somethingNewer");
  expect(r.doc.textOf(ID.retryLabel)).toBe("OK");
});

test("the watch's own notes in the title line, cut to fit it", async () => {
  const r = await rig();
  await r.show({ s: "signedOut" });
  r.doc.tap(ID.signIn);
  r.doc.tap(ID.ok);
  expect(r.doc.textOf(ID.titleWarn)).toBe("Type a username");
  submitText(r.doc, "someone.with.a.long.name@example.com");
  expect(r.doc.textOf(ID.title)).toBe("Password for someone.with\u2026");
  r.doc.tap(ID.ok);
  expect(r.doc.textOf(ID.titleWarn)).toBe("Type a password");
});

test("a message the phone does not take: the watch's own error screen", async () => {
  const r = await rig();
  await r.show({ s: "signedIn", user: "alice", until: NOW + 60e3 });
  r.channel.device.send = () => {
    throw new Error("BUFFER_FULL");
  };
  r.doc.tap(ID.whoami);
  expect(r.screen()).toBe("error");
  expect(r.doc.textOf(ID.errorText)).toBe("The phone did not take the message. Try again.");
  expect(r.doc.textOf(ID.retryLabel)).toBe("OK");
});

test("a tap meant for the screen that just went away does nothing: double taps, a burst on Sign in", async () => {
  const r = await rig();
  await r.show({ s: "signedIn", user: "alice", until: NOW + 60e3 });
  // "Sign out" and "Everywhere" lie under the same finger (resources/index.view).
  r.doc.tap(ID.signOut);
  r.doc.tap(ID.everywhere, true);
  await r.channel.idle();
  expect(r.screen()).toBe("signOut");
  expect(r.received).toEqual([{ t: "hello" }]);
  r.doc.tap(ID.here); // a wearer's tap, after a look at the screen
  await r.channel.idle();
  expect(r.received.slice(1)).toEqual([{ t: "signOut", everywhere: false }]);

  await r.show({ s: "signedOut", user: "alice" });
  r.doc.tap(ID.signIn);
  for (let i = 1; i < 15; i++) r.doc.tap(keyId(24), true); // the key under "Sign in"
  await r.channel.idle();
  expect(r.screen()).toBe("keyboard");
  expect(r.doc.textOf(ID.field)).toBe("");
  expect(r.received.slice(2)).toEqual([]); // not even prepare
  typeText(r.doc, "ok");
  expect(r.doc.textOf(ID.field)).toBe("\u2022k");
});
