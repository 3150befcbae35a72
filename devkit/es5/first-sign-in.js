// The driver, run in Duktape after the bundle (devkit/es5/scripts.ts defines it as `deviceBundle`, a
// CommonJS module function, in the file before this one). `firstSignIn()`, called by the last file,
// plays a whole first sign-in the way devkit/watch-system.ts does, then a sign-out, an MFA choice,
// the code pad and the error screen; then issue 13's screens: "Forget this watch", "Forgot password?"
// (the reset code, then the new password), and a passwordless sign-in through a custom challenge's
// question (typed on the keyboard, then digits on the pad) and an authenticator's set-up, by hand: the
// companion's part
// as the messages it would send, the wearer's as taps on the fake document, typing on the on-screen
// keyboard by its key labels. Every step checks what the watch shows and sends; the first failed check
// throws, which duk-run reports. Prints "screen <name>" at each screen reached and "sent <json>" for
// each message the app sent, so the test can check the path and decode each message with the schema.
var wearer = fitbit.wearer;
var phone = fitbit.phone;
var USER = "ann";
var EMAIL = "ann@example.com";
var TEMPORARY_PASSWORD = "Temp-Pass1!";
var NEW_PASSWORD = "New_Pass#2024";
var RESET_PASSWORD = "Reset+Pass 99";
var PET = "Rex the 2nd!";
var MASK = "\u2022";

function check(ok, what) {
  if (!ok) throw new Error("check failed: " + what + " (the watch shows: " + wearer.visibleTexts() + ")");
}

function words(id) {
  return WORDS[id];
}

function expectScreen(name) {
  var shown = wearer.screen();
  check(shown === name, "screen " + name + " expected, " + shown + " is shown");
  print("screen " + name);
}

function expectText(id, text) {
  check(wearer.text(id) === text, "#" + id + " says " + JSON.stringify(wearer.text(id)) + ", not " + JSON.stringify(text));
}

function expectTextStarting(id, start) {
  check(
    wearer.text(id).indexOf(start) === 0,
    "#" + id + " says " + JSON.stringify(wearer.text(id)) + ", not " + JSON.stringify(start) + "..."
  );
}

function expectTitle(text) {
  check(wearer.shown("title") && !wearer.shown("title-warn"), "the title line shows, not a warning");
  expectText("title", text);
}

/** JSON with keys in order, so two messages compare by content whatever order their keys were set in. */
function canonical(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Array) {
    var items = [];
    for (var i = 0; i < value.length; i++) items.push(canonical(value[i]));
    return "[" + items.join(",") + "]";
  }
  var keys = Object.keys(value).sort();
  var parts = [];
  for (var k = 0; k < keys.length; k++) parts.push(JSON.stringify(keys[k]) + ":" + canonical(value[keys[k]]));
  return "{" + parts.join(",") + "}";
}

/** The app sent exactly this one message since the last check (`v` is added here, as on the wire). */
function expectSent(message) {
  var wire = { v: PROTOCOL_VERSION };
  for (var k in message) wire[k] = message[k];
  check(fitbit.sent.length === 1, "one message sent, not " + fitbit.sent.length + ": " + fitbit.sent.join(" "));
  var json = fitbit.sent.shift();
  check(canonical(JSON.parse(json)) === canonical(wire), "sent " + canonical(wire) + ", not " + json);
  print("sent " + json);
}

function expectNothingSent() {
  check(fitbit.sent.length === 0, "nothing sent, but: " + fitbit.sent.join(" "));
}

/** The id of the shown character key that types `c` (the space's key says "spc"), or null. */
function shownKey(c) {
  var label = c === " " ? "spc" : c;
  for (var i = 0; i < wearer.ids.length; i++) {
    var id = wearer.ids[i];
    if (/^keyboard-key-\d+$/.test(id) && wearer.shown(id) && wearer.text(id + "-t") === label) return id;
  }
  return null;
}

/** Types `text` as a wearer would: a character's key on the page shown, else the first page that has it. */
function typeText(text) {
  var pages = [];
  for (var i = 0; i < wearer.ids.length; i++) if (/^keyboard-page-\d+$/.test(wearer.ids[i])) pages.push(wearer.ids[i]);
  check(pages.length > 0, "the keyboard has page keys");
  for (var c = 0; c < text.length; c++) {
    var key = shownKey(text.charAt(c));
    for (var p = 0; key === null && p < pages.length; p++) {
      wearer.tap(pages[p]);
      key = shownKey(text.charAt(c));
    }
    check(key !== null, "character " + c + " of the text is on a keyboard page");
    wearer.tap(key);
  }
}

/** Types a password: the last character peeks, then the timer masks it. */
function typePassword(password) {
  typeText(password);
  var field = wearer.text("keyboard-field");
  check(field.charAt(field.length - 1) === password.charAt(password.length - 1), "the last character peeks");
  fitbit.runTimers();
  var masked = "";
  for (var i = 0; i < password.length; i++) masked += MASK;
  expectText("keyboard-field", masked);
}

/** The whole flow; run.js calls it, so the driver's own code is compiled and measured apart. */
function firstSignIn() {
  var now = Date.now();
  var app = fitbit.run(deviceBundle).app;

  // Launched with the phone out of reach: the waiting screen, with the warning in the title line.
  expectScreen("wait");
  check(wearer.shown("title-warn") && !wearer.shown("title"), "the title line warns");
  expectText("title-warn", words("phoneNotConnected"));
  expectNothingSent();

  // The socket opens: the app says hello and waits for the companion's state.
  phone.open();
  expectSent({ t: "hello" });
  expectScreen("wait");
  expectTitle(words("appName"));

  // Signed out, the username set in the settings.
  phone.send({ t: "state", view: { s: "signedOut", user: USER } });
  expectScreen("signedOut");
  expectTitle(words("signInTitle"));
  expectText("signedOut-user", USER);

  // Sign in: the temporary password, typed on the keyboard. The first character tells the companion to
  // start SRP's costly part.
  wearer.tap("signedOut-signIn");
  expectScreen("keyboard");
  expectTitle(words("passwordFor") + " " + USER);
  typePassword(TEMPORARY_PASSWORD);
  expectSent({ t: "prepare" });
  wearer.tap("keyboard-ok");
  expectSent({ t: "signIn", pw: TEMPORARY_PASSWORD });
  expectScreen("busy");
  expectText("busy-label", words("signingIn"));
  expectText("keyboard-field", ""); // no hidden element keeps the password

  phone.send({ t: "state", view: { s: "busy", label: "signingIn" } });
  expectScreen("busy");

  // Cognito asks for a new password: typed twice.
  phone.send({ t: "state", view: { s: "newPassword", user: USER, policy: "At least 8 characters." } });
  expectScreen("newPassword");
  expectTitle(words("newPasswordNeeded"));
  expectText("newPassword-text", words("newPasswordFor") + " " + USER + ". At least 8 characters.");
  wearer.tap("newPassword-go");
  expectScreen("keyboard");
  expectTitle(words("newPasswordTitle"));
  typePassword(NEW_PASSWORD);
  wearer.tap("keyboard-ok");
  expectScreen("keyboard");
  expectTitle(words("repeatNewPassword"));
  expectText("keyboard-field", "");
  typePassword(NEW_PASSWORD);
  wearer.tap("keyboard-ok");
  expectSent({ t: "newPassword", pw: NEW_PASSWORD });
  expectScreen("busy");
  expectText("busy-label", words("settingPassword"));

  // Signed in: the signedIn screen names the user.
  phone.send({ t: "state", view: { s: "signedIn", user: USER, email: EMAIL, until: now + 3600000 } });
  expectScreen("signedIn");
  expectTitle(words("signedInTitle"));
  expectText("signedIn-user", USER);
  expectText("signedIn-email", EMAIL);
  expectTextStarting("signedIn-until", words("validUntil") + " ");
  expectText("signedIn-checked", "");

  // Who am I: asked of Cognito through the companion.
  wearer.tap("signedIn-whoami");
  expectSent({ t: "whoami" });
  expectScreen("busy");
  expectText("busy-label", words("askingCognito"));
  phone.send({ t: "state", view: { s: "signedIn", user: USER, email: EMAIL, until: now + 3600000, checked: now } });
  expectScreen("signedIn");
  expectTextStarting("signedIn-checked", words("checkedAt") + " ");

  // An authorized call through the app's exported `calls`: answered in two parts, joined; then one the
  // companion cannot make, answered with its note. An invalid state is dropped and logged by type.
  var answers = [];
  check(
    app.calls.request("/me?x=1", function (a) {
      answers.push(a);
    }) === true,
    "the call is sent"
  );
  expectSent({ t: "call", id: 1, path: "/me?x=1" });
  phone.send({ t: "callResult", id: 1, status: 200, part: 0, parts: 2, body: '{"name":' });
  check(answers.length === 0, "no answer before the last part");
  phone.send({ t: "callResult", id: 1, status: 200, part: 1, parts: 2, body: '"ann"}' });
  check(canonical(answers) === canonical([{ ok: true, status: 200, body: '{"name":"ann"}' }]), "the parts joined: " + canonical(answers));
  app.calls.request("/other", function (a) {
    answers.push(a);
  });
  expectSent({ t: "call", id: 2, path: "/other" });
  phone.send({ t: "callError", id: 2, error: { m: "noServiceUrl" } });
  check(canonical(answers[1]) === canonical({ ok: false, error: { m: "noServiceUrl" } }), "the call's error: " + canonical(answers[1]));
  check(fitbit.logs.length === 0, "valid messages are not dropped: " + fitbit.logs.join(" "));
  phone.send({ t: "state", view: { s: "nonsense" } });
  phone.sendRaw({ v: PROTOCOL_VERSION + 1, t: "state", view: { s: "setup" } });
  var dropped = "dropped message v" + PROTOCOL_VERSION + ":state|dropped message v" + (PROTOCOL_VERSION + 1) + ":state";
  check(fitbit.logs.join("|") === dropped, "invalid messages dropped and logged by type: " + fitbit.logs.join("|"));
  expectScreen("signedIn");

  // Sign out from this phone: the confirmation, then the companion's answer with its note. A double tap
  // on "Sign out" does not reach "Everywhere", under the same finger on the confirmation.
  wearer.tap("signedIn-signOut");
  wearer.tap("signOut-everywhere", true);
  expectScreen("signOut");
  expectNothingSent();
  wearer.tap("signOut-here");
  expectSent({ t: "signOut", everywhere: false });
  phone.send({ t: "state", view: { s: "signedOut", user: USER, reason: { m: "signedOutLocally" } } });
  expectScreen("signedOut");
  expectText("signedOut-reason", words("signedOutLocally"));

  // A sign-in with a second step: the choice, then a code on the pad, answered "wrong code" once.
  phone.send({ t: "state", view: { s: "choose", kind: "mfa", options: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] } });
  expectScreen("choose");
  expectTitle(words("secondStep"));
  expectText("choose-0-t", words("SMS_MFA"));
  expectText("choose-1-t", words("SOFTWARE_TOKEN_MFA"));
  check(!wearer.shown("choose-2"), "two options, two buttons");
  wearer.tap("choose-1");
  expectSent({ t: "choose", option: "SOFTWARE_TOKEN_MFA" });
  phone.send({ t: "state", view: { s: "code", kind: "totp" } });
  expectScreen("code");
  expectTitle(words("totpCode"));
  var code = "120456";
  for (var d = 0; d < code.length; d++) wearer.tap("code-" + code.charAt(d));
  wearer.tap("code-del");
  wearer.tap("code-6");
  expectText("code-field", code);
  wearer.tap("code-ok");
  expectSent({ t: "code", code: code });
  phone.send({ t: "state", view: { s: "code", kind: "totp", error: { m: "wrongCode" } } });
  expectScreen("code");
  expectText("code-info", words("wrongCode"));

  // A failure with nothing to retype: the error screen, whose button asks for the state again.
  phone.send({ t: "state", view: { s: "error", message: { m: "noConnection" }, retry: "hello" } });
  expectScreen("error");
  expectText("error-text", words("noConnection"));
  wearer.tap("error-retry");
  expectSent({ t: "hello" });
  phone.send({ t: "state", view: { s: "signedIn", user: USER, email: EMAIL, until: now + 3600000 } });
  expectScreen("signedIn");

  issue13Screens(now);

  // The phone goes out of reach: the signedIn screen stays, the title line says so.
  phone.close();
  expectScreen("signedIn");
  check(wearer.shown("title-warn") && !wearer.shown("title"), "the title line warns");
  expectText("title-warn", words("phoneNotConnected"));

  // The back button on the signedIn screen leaves the app: the system's default is not prevented.
  check(!wearer.press("back"), "back on the signedIn screen leaves the app");
  expectNothingSent();
  print("signed in as " + wearer.text("signedIn-user"));
}

/** Issue 13's screens, from the signedIn screen of a watch Cognito remembers back to it. */
function issue13Screens(now) {
  // Forget this watch: the third choice of the sign-out confirmation, for a remembered watch only.
  wearer.tap("signedIn-signOut");
  expectScreen("signOut");
  check(!wearer.shown("signOut-forget"), "no Forget this watch for a watch Cognito does not remember");
  check(wearer.press("back"), "back from the confirmation is the app's");
  expectScreen("signedIn");
  phone.send({ t: "state", view: { s: "signedIn", user: USER, email: EMAIL, until: now + 3600000, device: true } });
  wearer.tap("signedIn-signOut");
  expectScreen("signOut");
  check(wearer.shown("signOut-forget"), "Forget this watch is offered");
  wearer.tap("signOut-forget");
  expectSent({ t: "signOut", everywhere: false, forget: true });
  expectScreen("busy");
  expectText("busy-label", words("signingOut"));
  phone.send({ t: "state", view: { s: "signedOut", user: USER, reason: { m: "signedOut" } } });
  expectScreen("signedOut");

  // Forgot password?: the reset code, sent by email, then the new password typed twice.
  check(wearer.shown("signedOut-forgot"), "Forgot password? is offered");
  wearer.tap("signedOut-forgot");
  expectSent({ t: "forgot" });
  expectScreen("busy");
  expectText("busy-label", words("sendingCode"));
  phone.send({ t: "state", view: { s: "code", kind: "reset", dest: "a***@e***" } });
  expectScreen("code");
  expectTitle(words("resetCode"));
  expectText("code-info", words("sentTo") + " a***@e***");
  tapCode("246810");
  expectSent({ t: "code", code: "246810" });
  phone.send({ t: "state", view: { s: "newPassword", user: USER } });
  expectScreen("newPassword");
  wearer.tap("newPassword-go");
  expectScreen("keyboard");
  typePassword(RESET_PASSWORD);
  wearer.tap("keyboard-ok");
  typePassword(RESET_PASSWORD);
  wearer.tap("keyboard-ok");
  expectSent({ t: "newPassword", pw: RESET_PASSWORD });
  expectScreen("busy");
  phone.send({ t: "state", view: { s: "signedIn", user: USER, email: EMAIL, until: now + 3600000 } });
  expectScreen("signedIn");

  // The settings change to a passwordless sign-in: no Forgot password? then.
  phone.send({ t: "state", view: { s: "signedOut", user: USER, passwordless: true } });
  expectScreen("signedOut");
  check(!wearer.shown("signedOut-forgot") && !wearer.shown("signedOut-forgot-t"), "no Forgot password? when passwordless");
  wearer.tap("signedOut-signIn");
  expectSent({ t: "signIn" });

  // A custom challenge's question, typed on the keyboard in clear.
  var question = "What is the name of your first pet?";
  phone.send({ t: "state", view: { s: "answer", prompt: question } });
  expectScreen("answer");
  expectTitle(words("answerNeeded"));
  expectText("answer-text", question);
  wearer.tap("answer-go");
  expectScreen("keyboard");
  expectTitle(words("answerTitle"));
  check(!wearer.shown("keyboard-show"), "nothing to show or hide in an answer");
  typeText(PET);
  expectText("keyboard-field", PET); // in clear, no peek to end
  check(fitbit.runTimers() === undefined && wearer.text("keyboard-field") === PET, "no timer masks an answer");
  wearer.tap("keyboard-ok");
  expectSent({ t: "answer", text: PET });
  expectScreen("busy");
  expectText("busy-label", words("checking"));

  // Its next question, answered with digits on the pad, whose info line shows it.
  phone.send({ t: "state", view: { s: "answer", prompt: "The 6 digits from the letter", digits: true } });
  expectScreen("code");
  expectTitle(words("answerNeeded"));
  expectText("code-info", "The 6 digits from the letter");
  tapCode("135790");
  expectSent({ t: "code", code: "135790" });

  // MFA set-up: the method, then the authenticator's first code.
  phone.send({ t: "state", view: { s: "choose", kind: "setup", options: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] } });
  expectScreen("choose");
  expectTitle(words("setUpSecondStep"));
  wearer.tap("choose-0");
  expectSent({ t: "choose", option: "SOFTWARE_TOKEN_MFA" });
  phone.send({ t: "state", view: { s: "code", kind: "setup" } });
  expectScreen("code");
  expectTitle(words("setupCode"));
  expectText("code-info", words("addKeyFromPhone"));
  tapCode("975310");
  expectSent({ t: "code", code: "975310" });
  phone.send({ t: "state", view: { s: "signedIn", user: USER, email: EMAIL, until: now + 3600000, device: true } });
  expectScreen("signedIn");
}

/** Taps `code` on the pad and OK. */
function tapCode(code) {
  for (var d = 0; d < code.length; d++) wearer.tap("code-" + code.charAt(d));
  expectText("code-field", code);
  wearer.tap("code-ok");
}
