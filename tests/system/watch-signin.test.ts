// The whole system, as a wearer uses it: taps on the real watch app (its real view, through the
// document fake) → the paired in-memory messaging channel → the real companion → cognito-local → the
// signedIn screen. First sign-in through NEW_PASSWORD_REQUIRED by keyboard taps alone, the username
// typed on the watch, with SRP (the app client allows it, as a console-made one does; the sandbox serves
// it in front of the emulator); then whoami, a lost connection, and sign-out.
import { MESSAGE_BUDGET } from "../../common/limits";
import { ID } from "../../core/watch";
import { submitText } from "../../devkit/fakes/device/wearer";
import { recordCognitoRequests } from "../support/cognito-requests";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { firstSignInByTaps, poolSettings, startWatchSystem } from "../../devkit/watch-system";

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool({ srp: true });
});
afterAll(() => pool && pool.stop());

afterEach(() => jest.restoreAllMocks());

test("first sign-in on the watch alone: username and passwords typed on the keyboard, through NEW_PASSWORD_REQUIRED", async () => {
  const user = await pool.newUser("erin");
  const cognito = recordCognitoRequests();
  // No username in settings: the watch asks for one.
  const s = startWatchSystem(poolSettings(pool));
  const taps = await firstSignInByTaps(s, user, "Erin#2026x");
  // The default flow ("auto") proved the temporary password with SRP: it never went on the wire.
  expect(cognito.actions()).toEqual(["InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge", "RespondToAuthChallenge"]);
  expect(cognito.bodies()).not.toContain(user.temporaryPassword);
  expect(s.watch.doc.textOf(ID.signedInUser)).toContain("erin");
  expect(s.watch.doc.textOf(ID.signedInEmail)).toContain("erin@example.com");
  expect(s.watch.doc.textOf(ID.signedInUntil)).toMatch(/\d\d:\d\d/);

  // What crossed the channel: no message over the limit, no token, no password after the sign-in.
  const sizes = s.channel.log.map((m) => m.bytes);
  expect(Math.max(...sizes)).toBeLessThanOrEqual(MESSAGE_BUDGET);
  expect(s.channel.oversized).toHaveLength(0);
  const toWatch = JSON.stringify(s.channel.log.filter((m) => m.from === "companion"));
  expect(toWatch).not.toMatch(/eyJ|Erin#2026x|Temp/);
  // Nothing the companion logged carries a secret.
  expect(s.logs.join("\n")).not.toMatch(/eyJ|Erin#2026x|Temp\d/);
  // The watch keeps no password once it is sent.
  expect(JSON.stringify(s.watch.app.state())).not.toMatch(/Erin#2026x|Temp\d/);
  expect(taps).toBeGreaterThan(20);

  // Who am I: GetUser through the companion, shown on the signedIn screen.
  s.watch.doc.tap(ID.whoami);
  await s.reach("signedIn");
  await s.settle(
    () => /\d/.test(s.watch.doc.textOf(ID.signedInChecked)),
    () => "whoami not shown",
  );
  expect(s.watch.doc.textOf(ID.signedInChecked)).toMatch(/\d\d:\d\d/);

  // The phone goes out of reach and comes back: the watch says so, then is brought up to date.
  s.channel.close();
  expect(s.watch.doc.visibleTexts().join(" ")).toMatch(/[Pp]hone not connected/);
  s.channel.open();
  await s.reach("signedIn");
  expect(s.watch.doc.visibleTexts().join(" ")).not.toMatch(/[Pp]hone not connected/);

  // Sign out from the watch: back to the signedOut screen, tokens gone from the phone.
  s.watch.doc.tap(ID.signOut);
  await s.reach("signOut");
  s.watch.doc.tap(ID.here);
  await s.reach("signedOut");
  expect(JSON.stringify(s.localStorage.snapshot())).not.toMatch(/eyJ/);
  s.companion.session.dispose();
});

test("a wrong password typed on the watch: the signedOut screen says so, nothing is kept", async () => {
  const user = await pool.confirmedUser();
  const s = startWatchSystem(poolSettings(pool, user.username));
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, "Wrong9pass");
  await s.reach("signedOut");
  expect(s.watch.doc.textOf(ID.signedOutReason)).toMatch(/Password rejected|Wrong username or password/);
  expect(JSON.stringify(s.localStorage.snapshot())).toBe("{}");
  s.companion.session.dispose();
});

test("a request sent just before the phone went out of reach is answered when it comes back", async () => {
  const user = await pool.confirmedUser();
  const s = startWatchSystem(poolSettings(pool, user.username));
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, user.password);
  await s.channel.idle(); // the sign-in request reached the companion...
  s.channel.close(); // ...and the phone went away while Cognito answered
  await s.settle(
    () => s.companion.session.state().kind === "signedIn",
    () => "never signed in",
  );
  s.channel.open();
  await s.reach("signedIn");
  s.companion.session.dispose();
});
