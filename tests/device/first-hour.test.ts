// What the watch says in a wearer's first hour, on the real view through the document fake, in the words
// of app/i18n/en-US.po: which setting to check when the phone cannot use them, a sign-out said plainly
// (a failure in the warning colour), and passwords that do not match said where the title stays.
import { MESSAGE_BUDGET } from "../../common/limits";
import { TEXT, TEXT_WARN } from "../../app/ui/colors";
import { ID } from "../../core/watch";
import { View, encodeToWatch } from "../../common/protocol";
import { createChannel } from "../../devkit/fakes/channel";
import { startWatch } from "../../devkit/fakes/device/watch";
import { submitText } from "../../devkit/fakes/device/wearer";

async function watchShowing(view: View) {
  const channel = createChannel();
  const watch = startWatch({ channel });
  channel.open();
  await channel.idle();
  const show = async (v: View) => {
    channel.companion.send(encodeToWatch({ t: "state", view: v }, MESSAGE_BUDGET));
    await channel.idle();
  };
  await show(view);
  return { ...watch, channel, show };
}

test("set-up: which setting to check on the phone, under the title that says to set up", async () => {
  const w = await watchShowing({ s: "setup", problem: { m: "checkPoolId" } });
  expect(w.screen()).toBe("setup");
  expect(w.doc.textOf(ID.title)).toBe("Set up on phone");
  expect(w.doc.visibleTexts()).toContain("Check the user pool ID on the phone.");
  // Settings fixed but another one wrong, then nothing wrong, only missing: the line follows.
  await w.show({ s: "setup", problem: { m: "checkClientId" } });
  expect(w.doc.textOf(ID.setupProblem)).toBe("Check the app client ID on the phone.");
  await w.show({ s: "setup" });
  expect(w.doc.textOf(ID.setupProblem)).toBe("");
});

test("a sign-out the wearer asked for is said plainly; a failure stays a warning", async () => {
  const w = await watchShowing({ s: "signedOut", user: "ann", reason: { m: "signedOut" } });
  expect(w.doc.textOf(ID.signedOutReason)).toBe("Signed out.");
  expect(w.doc.element(ID.signedOutReason).style.fill).toBe(TEXT);
  await w.show({ s: "signedOut", user: "ann", reason: { m: "signedOutLocally" } });
  expect(w.doc.element(ID.signedOutReason).style.fill).toBe(TEXT);
  await w.show({ s: "signedOut", user: "ann", reason: { m: "wrongCredentials" } });
  expect(w.doc.element(ID.signedOutReason).style.fill).toBe(TEXT_WARN);
  await w.show({ s: "signedOut", user: "ann", reason: { m: "signOutRefused", x: "NotAuthorizedException" } });
  expect(w.doc.element(ID.signedOutReason).style.fill).toBe(TEXT_WARN);
});

test("new passwords that differ: back to the intro, which says so, its title kept", async () => {
  const w = await watchShowing({ s: "newPassword", user: "ann" });
  w.doc.tap(ID.newPasswordGo);
  expect(w.doc.textOf(ID.title)).toBe("New password");
  submitText(w.doc, "Abcdefg1");
  expect(w.doc.textOf(ID.title)).toBe("Repeat new password");
  submitText(w.doc, "Abcdefg2");
  expect(w.screen()).toBe("newPassword");
  expect(w.doc.isShown(ID.titleWarn)).toBe(false);
  expect(w.doc.textOf(ID.title)).toBe("New password needed");
  expect(w.doc.textOf(ID.newPasswordError)).toBe("Passwords do not match");
});
