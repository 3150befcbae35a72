// The settings page as the phone renders it: what it shows for each companion state, its validation
// of the IDs, and the requests its controls write for the companion.
import { REQUEST, SETTING, SETUP_KEY, STATUS_KEY } from "../../common/settings-keys";
import { View } from "../../common/protocol";
import { say } from "../../devkit/messages";
import { LiveStorage } from "../../devkit/phone-storage";
import { Node, button, findAll, inputFor, loadSettingsPage, texts } from "../../devkit/fakes/settings/page";

const render = loadSettingsPage();

function page(settings: { [key: string]: string }, view?: View) {
  const storage = new LiveStorage();
  const all: { [key: string]: string } = { ...settings };
  if (view) all[STATUS_KEY] = JSON.stringify(view);
  return { tree: render({ settings: all, settingsStorage: storage }), storage };
}

const input = (v: string) => JSON.stringify({ name: v });

/** The field, select or toggle that stores `settingsKey`. */
const control = (tree: Node, settingsKey: string) =>
  findAll(tree, (n) => ["TextInput", "Select", "Toggle"].indexOf(n.type) >= 0 && n.props.settingsKey === settingsKey)[0];

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
  for (const key of Object.values(SETTING)) expect(control(tree, key)).toBeDefined();
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

// ---- issue 13: sign-in methods, remember this watch, client metadata, authenticator set-up, reset ----

const POOL = { [SETTING.userPoolId]: input("eu-west-1_AbC"), [SETTING.clientId]: input("abc") };

test("the sign-in method offers custom challenges, alone or after SRP, by the values the companion reads", () => {
  const select = control(page({}).tree, SETTING.flow)!;
  const values = select.props.options.map((o: { value: string }) => o.value);
  expect(values).toEqual(["auto", "srp", "password", "choice", "custom", "customSrp"]);
  const names = select.props.options.map((o: { name: string }) => o.name);
  expect(names).toContain("Custom challenges (Lambda)");
  expect(names).toContain("Password (SRP), then custom challenges");
});

test('"Remember this watch" is a Toggle on the setting the companion reads', () => {
  const toggle = control(page({}).tree, SETTING.rememberDevice)!;
  expect(toggle.type).toBe("Toggle");
  expect(toggle.props.label).toBe("Remember this watch");
});

test("client metadata: a field, a line with its format, and the problem line names what is wrong with it", () => {
  const { tree } = page({});
  expect(control(tree, SETTING.clientMetadata)!.type).toBe("TextInput");
  expect(texts(tree).join("\n")).toMatch(/key=value pairs separated by commas, or a JSON object/);

  const problem = (metadata: string) => texts(page({ ...POOL, [SETTING.clientMetadata]: input(metadata) }, { s: "setup" }).tree)[0];
  expect(problem("tenant=acme, app=watch")).toBe("Not set up: enter the user pool ID and app client ID below.");
  expect(problem('{"tenant":"acme"}')).toBe("Not set up: enter the user pool ID and app client ID below.");
  expect(problem("tenant")).toBe('Check the client metadata: it must be key=value pairs, e.g. "tenant=acme, app=watch".');
  expect(problem('{"tenant":')).toBe("Check the client metadata: it is not valid JSON.");
  // The client's limits, as the companion applies them (core/cognito validateClientMetadata).
  expect(problem('{"tenant":1}')).toMatch(/^Check the client metadata: it must have text values of at most 256 characters\.$/);
  expect(problem("a=" + "x".repeat(257))).toMatch(/^Check the client metadata: it must have text values/);
  expect(problem("a b=1")).toMatch(/^Check the client metadata: it must have keys of 1-64 characters without spaces\.$/);
  const seventeen = Array.from({ length: 17 }, (_, i) => `k${i}=v`).join(", ");
  expect(problem(seventeen)).toBe("Check the client metadata: it may have at most 16 entries.");
  expect(problem(seventeen.replace(/, k16=v$/, ""))).not.toMatch(/Check the/);
  // Under the fields too, where the wearer types it.
  const under = texts(page({ ...POOL, [SETTING.clientMetadata]: input("tenant") }, { s: "signedOut" }).tree);
  expect(under).toContain('Check the client metadata: it must be key=value pairs, e.g. "tenant=acme, app=watch".');
});

const KEY = { uri: "otpauth://totp/Watch:ann?secret=JBSWY3DPEHPK3PXPJBSW&issuer=Watch", secret: "JBSW Y3DP EHPK 3PXP JBSW" };

test("while an authenticator app is set up: a link to add it, the key in groups, and where its first code goes", () => {
  const withKey = page({ [SETUP_KEY]: JSON.stringify(KEY) }, { s: "code", kind: "setup" }).tree;
  const link = findAll(withKey, (n) => n.type === "Link")[0];
  expect(link.props.source).toBe(KEY.uri);
  const all = texts(withKey);
  expect(all[0]).toMatch(/^Enter the first code your authenticator app shows/);
  expect(all).toContain("Set up your authenticator app");
  expect(all).toContain("JBSW Y3DP EHPK 3PXP JBSW");
  expect(all.join("\n")).toMatch(/first code the app shows, on the watch or in the code field above/);
  expect(inputFor(withKey, REQUEST.code)).toBeDefined();

  // The key in fours even when it arrives ungrouped.
  const raw = page({ [SETUP_KEY]: JSON.stringify({ uri: KEY.uri, secret: "JBSWY3DPEHPK3PXPJBSW" }) }).tree;
  expect(texts(raw)).toContain("JBSW Y3DP EHPK 3PXP JBSW");

  // Nothing being set up, or something that is not an authenticator's URI: no section, no link.
  for (const setup of [undefined, "", "{", JSON.stringify({ uri: "https://example.com/", secret: "JBSW" })]) {
    const tree = page(setup === undefined ? {} : { [SETUP_KEY]: setup }).tree;
    expect(findAll(tree, (n) => n.type === "Link")).toHaveLength(0);
    expect(texts(tree)).not.toContain("Set up your authenticator app");
  }
});

test("a question to answer: typed as an answer, or on the code field when it wants digits", () => {
  const typed = page({}, { s: "answer", prompt: "What is the name of your first watch?", error: { m: "answerRefused" } });
  expect(texts(typed.tree)[0]).toBe(`What is the name of your first watch? ${say({ m: "answerRefused" })}`);
  expect(inputFor(typed.tree, REQUEST.answer)).toBeDefined();
  expect(inputFor(typed.tree, REQUEST.code)).toBeUndefined();
  expect(button(typed.tree, "Cancel")).toBeDefined();

  const digits = page({}, { s: "answer", prompt: "The code we sent", digits: true });
  expect(inputFor(digits.tree, REQUEST.code)).toBeDefined();
  expect(inputFor(digits.tree, REQUEST.answer)).toBeUndefined();

  // Ours: the words of the message ID, as the watch shows them.
  expect(texts(page({}, { s: "answer", ask: "typeEmail" }).tree)[0]).toBe(say({ m: "typeEmail" }));
  expect(texts(page({}, { s: "answer" }).tree)[0]).toBe(say({ m: "answerAsk" }));
});

test("the status line says which code and which choice: set-up and reset", () => {
  expect(texts(page({}, { s: "code", kind: "reset", dest: "a***@e***" }).tree)[0]).toBe("Enter the password reset code sent to a***@e***.");
  expect(texts(page({}, { s: "code", kind: "reset", error: { m: "wrongCode" } }).tree)[0]).toBe(
    `Enter the password reset code. ${say({ m: "wrongCode" })}`,
  );
  const choose = page({}, { s: "choose", kind: "setup", options: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] });
  expect(texts(choose.tree)[0]).toBe("Choose a second sign-in step to set up.");
  button(choose.tree, "EMAIL_OTP")!.props.onClick();
  expect(JSON.parse(choose.storage.getItem(REQUEST.choice)!)).toBe("EMAIL_OTP");
});

test('signed out with a username: "Forgot password?" writes its request; without one, the watch asks for it', () => {
  const named = page({}, { s: "signedOut", user: "ann" });
  button(named.tree, "Forgot password?")!.props.onClick();
  expect(named.storage.getItem(REQUEST.forgot)).not.toBeNull();
  expect(button(page({}, { s: "signedOut" }).tree, "Forgot password?")).toBeUndefined();
  expect(button(page({}, { s: "signedIn", user: "ann", until: 0 }).tree, "Forgot password?")).toBeUndefined();
});

test('signed in on a remembered watch: "Sign out and forget this watch" too', () => {
  const remembered = page({}, { s: "signedIn", user: "ann", until: 0, device: true });
  expect(texts(remembered.tree)[0]).toMatch(/ Cognito remembers this watch\.$/);
  button(remembered.tree, "Sign out and forget this watch")!.props.onClick();
  expect(remembered.storage.getItem(REQUEST.signOutForget)).not.toBeNull();
  const plain = page({}, { s: "signedIn", user: "ann", until: 0 }).tree;
  expect(button(plain, "Sign out and forget this watch")).toBeUndefined();
  expect(texts(plain)[0]).not.toMatch(/remembers/);
});
