// The settings page as the phone renders it: what it shows for each companion state, its validation
// of the IDs, and the requests its controls write for the companion.
import { REQUEST, SETTING, STATUS_KEY } from "../../common/settings-keys";
import { View } from "../../common/protocol";
import { say } from "../../devkit/messages";
import { LiveStorage } from "../../devkit/phone-storage";
import { button, inputFor, loadSettingsPage, texts } from "../../devkit/fakes/settings/page";

const render = loadSettingsPage();

function page(settings: { [key: string]: string }, view?: View) {
  const storage = new LiveStorage();
  const all: { [key: string]: string } = { ...settings };
  if (view) all[STATUS_KEY] = JSON.stringify(view);
  return { tree: render({ settings: all, settingsStorage: storage }), storage };
}

const input = (v: string) => JSON.stringify({ name: v });

test("a malformed pool ID or client ID is explained before anything is sent", () => {
  const bad = page({ [SETTING.userPoolId]: input("eu-west-1AbC"), [SETTING.clientId]: input("abc") });
  expect(texts(bad.tree).join("\n")).toMatch(/Check the user pool ID: it must look like "eu-west-1_AbC123"/);
  const badClient = page({ [SETTING.userPoolId]: input("eu-west-1_AbC"), [SETTING.clientId]: input("has space") });
  expect(texts(badClient.tree).join("\n")).toMatch(/Check the app client ID/);
  const plainHttp = page({
    [SETTING.userPoolId]: input("eu-west-1_AbC"),
    [SETTING.clientId]: input("abc"),
    [SETTING.endpoint]: input("http://example.com"),
  });
  expect(texts(plainHttp.tree).join("\n")).toMatch(/plain http only for localhost/);
  const good = page({ [SETTING.userPoolId]: input("eu-west-1_AbC"), [SETTING.clientId]: input("abc") });
  expect(texts(good.tree).join("\n")).not.toMatch(/Check the/);
});

test('the top line says which ID is wrong and why, not "Not set up", while the companion cannot use them', () => {
  const badPool = { [SETTING.userPoolId]: input("eu-west-1AbC"), [SETTING.clientId]: input("abc") };
  const badClient = { [SETTING.userPoolId]: input("eu-west-1_AbC"), [SETTING.clientId]: input("has space") };
  expect(texts(page(badPool, { s: "setup", problem: { m: "checkPoolId" } }).tree)[0]).toBe(
    'Check the user pool ID: it must look like "eu-west-1_AbC123".',
  );
  expect(texts(page(badClient, { s: "setup" }).tree)[0]).toBe("Check the app client ID: it must be letters and digits (1-128).");
  // Before the companion has written a status, too.
  expect(texts(page(badPool).tree)[0]).toMatch(/^Check the user pool ID/);
  // Nothing entered yet: what to enter.
  expect(texts(page({}, { s: "setup" }).tree)[0]).toBe("Not set up: enter the user pool ID and app client ID below.");
});

test("the password fields' buttons say what they do: Sign in, not Save", () => {
  const signedOut = page({}, { s: "signedOut", user: "ann" }).tree;
  expect(inputFor(signedOut, REQUEST.password)!.props.action).toBe("Sign in");
  const asked = page({}, { s: "password", user: "ann" }).tree;
  expect(inputFor(asked, REQUEST.flowPassword)!.props.action).toBe("Sign in");
  const newPassword = page({}, { s: "newPassword", user: "ann" }).tree;
  expect(inputFor(newPassword, REQUEST.newPassword)!.props.action).toBe("Set password");
});

test("every configuration field is there", () => {
  const { tree } = page({});
  for (const key of Object.values(SETTING)) expect(inputFor(tree, key)).toBeDefined();
  expect(inputFor(tree, SETTING.clientSecret)!.props.type).toBe("password");
});

test("signed out: the reason in the words of app/i18n/en-US.po, and a password field that signs in", () => {
  const { tree } = page({}, { s: "signedOut", user: "ann", reason: { m: "wrongCredentials" } });
  expect(texts(tree)[0]).toBe("Wrong username or password. Check both and try again.");
  const field = inputFor(tree, REQUEST.password)!;
  expect(field.props.type).toBe("password");
  expect(texts(page({}, { s: "signedOut" }).tree)[0]).toBe("Signed out.");
});

test("the companion's notes and busy labels read as the watch reads them, Cognito's words after ours", () => {
  const failed = page({}, { s: "error", message: { m: "unsupportedStep", x: "CUSTOM_CHALLENGE" }, retry: "hello" });
  expect(texts(failed.tree)[0]).toBe("Cognito asked for a step this app does not support: CUSTOM_CHALLENGE");
  const busy = page({}, { s: "busy", label: "signingOutEverywhere" });
  expect(texts(busy.tree)[0]).toBe(say({ m: "signingOutEverywhere" }));
  expect(texts(busy.tree)[0]).not.toBe("signingOutEverywhere");
  const wrongCode = page({}, { s: "code", kind: "totp", error: { m: "wrongCode" } });
  expect(texts(wrongCode.tree)[0]).toBe(`Enter the code from your authenticator app. ${say({ m: "wrongCode" })}`);
  const password = page({}, { s: "password", user: "ann", error: { m: "passwordRejected", x: "Too short" } });
  expect(texts(password.tree)[0]).toBe("Enter the password for ann. Password rejected. Too short");
});

test("each challenge shows its own field; choices are buttons that write the choice", () => {
  const np = page({}, { s: "newPassword", user: "ann", error: { m: "newPasswordRejected", x: "Password must have uppercase characters" } });
  expect(texts(np.tree)[0]).toBe("ann must choose a new password. New password rejected. Password must have uppercase characters");
  expect(inputFor(np.tree, REQUEST.newPassword)!.props.type).toBe("password");
  expect(button(np.tree, "Cancel")).toBeDefined();

  const code = page({}, { s: "code", kind: "sms", dest: "+*******1234" });
  expect(texts(code.tree)[0]).toBe("Enter the code sent to +*******1234.");
  expect(inputFor(code.tree, REQUEST.code)).toBeDefined();

  const choose = page({}, { s: "choose", kind: "mfa", options: ["SOFTWARE_TOKEN_MFA", "SMS_MFA"] });
  button(choose.tree, "SMS_MFA")!.props.onClick();
  expect(JSON.parse(choose.storage.getItem(REQUEST.choice)!)).toBe("SMS_MFA");
});

test("signed in: who and until when, and the two sign-out buttons write their requests", () => {
  const until = new Date(2026, 10, 26, 14, 5).getTime();
  const { tree, storage } = page({}, { s: "signedIn", user: "ann", email: "ann@example.com", until });
  expect(texts(tree)[0]).toBe("Signed in as ann (ann@example.com); valid until 14:05.");
  expect(inputFor(tree, REQUEST.password)).toBeUndefined();
  button(tree, "Sign out")!.props.onClick();
  expect(storage.getItem(REQUEST.signOut)).not.toBeNull();
  button(tree, "Sign out everywhere")!.props.onClick();
  expect(storage.getItem(REQUEST.signOutEverywhere)).not.toBeNull();
});

test("before the companion has written a status", () => {
  const { tree } = page({});
  expect(texts(tree)[0]).toBe("Waiting for the companion…");
});
