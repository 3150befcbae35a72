// The preview end to end, in real headless Chromium: the real watch app rendered from resources/, the
// real companion in Node, the real settings page, cognito-local. A wearer signs the demo user in by
// tapping the watch keyboard, through NEW_PASSWORD_REQUIRED, to the signedIn screen and sees a refresh;
// another signs in from the settings page, signs out there and reads a wrong password's note in the
// words of app/i18n/en-US.po. Every screen is saved as a screenshot (tests/support/screenshots.ts).
import { ID, screenId } from "../../core/watch";
import { say } from "../../devkit/messages";
import { cognitoAdmin } from "../../sandbox/cognito-admin";
import { Preview, startPreview } from "../../preview/server/preview";
import { recordCognitoRequests } from "../support/cognito-requests";
import { Browser, launchChromium } from "../support/chromium";
import { Watch } from "../support/preview-watch";
import { snapshot } from "../support/screenshots";

/** Short, so the companion's refresh (due 1.5 s before expiry) shows within the test. */
const TOKEN_SECONDS = 10;
const NEW_PASSWORD = "Wrist2024";

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  [preview, browser] = await Promise.all([
    startPreview({ tokenLifetime: { value: TOKEN_SECONDS, unit: "seconds" }, log: () => undefined }),
    launchChromium(),
  ]);
}, 60000);

afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

async function openPreview(phone: string) {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(`${preview.url}?phone=${phone}`);
  return { page, watch: new Watch(page), errors };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Nothing the phone keeps, and no log line, holds any of `secrets`. */
function expectNowhere(phoneId: string, secrets: string[]): void {
  const phone = preview.phone(phoneId);
  const kept = JSON.stringify([phone.settings.snapshot(), phone.localStorage.snapshot(), preview.log]);
  for (const secret of secrets) expect(kept).not.toContain(secret);
}

test("first sign-in on the watch keyboard: temporary password, new password, signedIn screen, a refresh", async () => {
  const { page, watch, errors } = await openPreview("keyboard");
  const { username, temporaryPassword } = preview.demo;
  const cognito = recordCognitoRequests();

  await watch.waitForScreen("signedOut");
  expect(await watch.title()).toBe("Sign in");
  expect(await watch.text(ID.signedOutUser)).toBe(username);
  await snapshot(watch.screen, "watch-1-signed-out");

  // The back button clears what was typed, then leaves the keyboard.
  await watch.tap(ID.signIn);
  await watch.waitForScreen("keyboard");
  expect(await watch.title()).toBe(`Password for ${username}`);
  await watch.type("x");
  expect(await watch.text(ID.field)).toMatch(/^[x\u2022]$/);
  await watch.pressBack();
  expect(await watch.text(ID.field)).toBe("");
  await watch.pressBack();
  await watch.waitForScreen("signedOut");

  await watch.tap(ID.signIn);
  await watch.waitForScreen("keyboard");
  await watch.type(temporaryPassword);
  // masked, the last character may still be peeking
  expect(await watch.text(ID.field)).toMatch(new RegExp(`^\u2022{${temporaryPassword.length - 1}}[\u2022${temporaryPassword.slice(-1)}]$`));
  await snapshot(watch.screen, "watch-2-password");
  await watch.tap(ID.ok);

  await watch.waitForScreen("newPassword");
  expect(await watch.title()).toBe("New password needed");
  expect(await watch.text(ID.newPasswordText)).toContain(username);
  await snapshot(watch.screen, "watch-3-new-password-needed");

  await watch.tap(ID.newPasswordGo);
  await watch.waitForScreen("keyboard");
  expect(await watch.title()).toBe("New password");
  await watch.type(NEW_PASSWORD);
  await watch.tap(ID.show); // shown in clear, as a wearer may check it
  expect(await watch.text(ID.field)).toBe(NEW_PASSWORD);
  await snapshot(watch.screen, "watch-4-new-password");
  await watch.tap(ID.ok);

  expect(await watch.title()).toBe("Repeat new password");
  await watch.type(NEW_PASSWORD);
  await snapshot(watch.screen, "watch-5-repeat-new-password");
  await watch.tap(ID.ok);

  await watch.waitForScreen("signedIn", 20000);
  expect(await watch.title()).toBe("Signed in");
  // The demo app client allows SRP, as a console-made one does: the companion's default flow used it.
  expect(cognito.actions().slice(0, 3)).toEqual(["InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge", "RespondToAuthChallenge"]);
  expect(cognito.bodies()).not.toContain(temporaryPassword);
  expect(await watch.text(ID.signedInUser)).toBe(username);
  expect(await watch.text(ID.signedInEmail)).toBe("demo@example.com");
  expect(await watch.text(ID.signedInUntil)).toMatch(/^Valid until \d\d:\d\d$/);
  expect(await watch.text(ID.signedInRefreshed)).toBe("");
  await snapshot(watch.screen, "watch-6-signed-in");

  await watch.waitForText(ID.signedInRefreshed, /^Refreshed \d\d:\d\d$/, TOKEN_SECONDS * 1000 + 10000);
  await snapshot(watch.screen, "watch-7-refreshed");
  expectNowhere("keyboard", [temporaryPassword, NEW_PASSWORD]);

  // On the signedIn screen the back button leaves the app; the phone keeps the session for the next launch.
  await watch.pressBack();
  await watch.frame.locator("#closed").waitFor({ state: "visible" });
  await watch.frame.locator("#open-again").click();
  await watch.waitForScreen("signedIn");
  expect(await watch.text(ID.signedInUser)).toBe(username);
  expect(errors).toEqual([]);
  await page.close();
}, 60000);

test("first sign-in from the settings page; the watch follows; phone out of reach; sign-out and a wrong password in words", async () => {
  const username = "panel";
  const temporaryPassword = "Panel1234";
  const newPassword = "Phone2024";
  await cognitoAdmin(preview.demo.endpoint).adminCreateUser({
    userPoolId: preview.demo.userPoolId,
    username,
    temporaryPassword,
    attributes: { email: "panel@example.com", email_verified: "true" },
  });
  const { page, watch, errors } = await openPreview("settings");
  const settings = page.frameLocator("#settings");
  const field = (key: string) => settings.locator(`input[data-settings-key="${key}"]`);
  const status = settings.locator(".section-body p.text").first();

  await watch.waitForScreen("signedOut");
  await status.filter({ hasText: /^Signed out\.$/ }).waitFor();

  // A setting changed on the phone reaches the watch.
  await field("username").fill(username);
  await field("username").press("Enter");
  await watch.waitForText(ID.signedOutUser, new RegExp(`^${username}$`));

  await field("signInPassword").fill(temporaryPassword);
  await field("signInPassword").press("Enter");
  await status.filter({ hasText: `${username} must choose a new password.` }).waitFor({ timeout: 15000 });
  await watch.waitForScreen("newPassword");
  expect(await field("signInPassword").count()).toBe(0);
  await snapshot(page.locator("#settings"), "settings-1-new-password");

  await field("newPassword").fill(newPassword);
  await field("newPassword").press("Enter");
  await status
    .filter({ hasText: new RegExp(`^Signed in as ${username} \\(panel@example\\.com\\); valid until \\d\\d:\\d\\d\\.$`) })
    .waitFor({ timeout: 15000 });
  await watch.waitForScreen("signedIn");
  expect(await watch.text(ID.signedInUser)).toBe(username);
  await snapshot(page.locator("#settings"), "settings-2-signed-in");
  await snapshot(page.locator("body"), "preview");
  expect(preview.phone("settings").settings.getItem("signInPassword")).toBeNull();
  expect(preview.phone("settings").settings.getItem("newPassword")).toBeNull();
  expectNowhere("settings", [temporaryPassword, newPassword]);

  // Out of reach, the watch says so; back in reach, it shows the state again.
  await page.locator("#reach").uncheck();
  await watch.waitForText(ID.titleWarn, /^Phone not connected$/);
  await snapshot(watch.screen, "watch-8-phone-not-connected");
  await page.locator("#reach").check();
  await watch.waitForText("title", /^Signed in$/);

  // Signed out from the page, then a wrong password: the companion's notes reach the page as message
  // IDs, and the page's "i18n" (the preview's, made from app/i18n/en-US.po) gives their words.
  await settings.getByRole("button", { name: "Sign out", exact: true }).click();
  await status.filter({ hasText: new RegExp(`^${escape(say({ m: "signedOut" }))}$`) }).waitFor({ timeout: 15000 });
  await watch.waitForScreen("signedOut");
  await field("signInPassword").fill("Wrong1234");
  await field("signInPassword").press("Enter");
  // Cognito answers NotAuthorizedException; cognito-local InvalidPasswordException, whose own words
  // follow ours.
  const rejected = new RegExp(`^(${escape(say({ m: "wrongCredentials" }))}|${escape(say({ m: "passwordRejected" }))} .+)$`);
  await status.filter({ hasText: rejected }).waitFor({ timeout: 15000 });
  expectNowhere("settings", ["Wrong1234"]);
  expect(errors).toEqual([]);
  await page.close();
}, 60000);

test("double taps do nothing unintended: a burst on Sign in types nothing, two taps on Sign out do not sign out everywhere", async () => {
  const username = "twice";
  const password = "Twice1234";
  const { userPoolId, endpoint } = preview.demo;
  await cognitoAdmin(endpoint).adminCreateUser({ userPoolId, username, temporaryPassword: "Temp1234", attributes: {} });
  await cognitoAdmin(endpoint).adminSetUserPassword({ userPoolId, username, password, permanent: true });
  const { page, watch, errors } = await openPreview("double");
  const field = (key: string) => page.frameLocator("#settings").locator(`input[data-settings-key="${key}"]`);
  await watch.waitForScreen("signedOut");
  await field("username").fill(username);
  await field("username").press("Enter");
  await watch.waitForText(ID.signedOutUser, new RegExp(`^${username}$`));

  // 15 quick taps where "Sign in" is: the keyboard opens under the finger, and its key there types nothing.
  await watch.tapQuickly(ID.signIn, 15);
  await watch.waitForScreen("keyboard");
  expect(await watch.text(ID.field)).toBe("");
  await watch.type("x"); // a tap once the keyboard has been looked at is taken
  expect(await watch.text(ID.field)).toMatch(/^[x\u2022]$/);
  await watch.pressBack();
  await watch.pressBack();
  await watch.waitForScreen("signedOut");

  await field("signInPassword").fill(password);
  await field("signInPassword").press("Enter");
  await watch.waitForScreen("signedIn");

  // Two quick taps on "Sign out": the second lands where "Everywhere" now is, and is ignored.
  const cognito = recordCognitoRequests();
  await watch.tapQuickly(ID.signOut, 2);
  expect(await watch.el(screenId("signOut")).isVisible()).toBe(true);
  await watch.tap(ID.here);
  await watch.waitForText(ID.signedOutReason, new RegExp(`^${escape(say({ m: "signedOut" }))}$`));
  expect(cognito.actions()).toContain("RevokeToken");
  expect(cognito.actions()).not.toContain("GlobalSignOut");
  expect(errors).toEqual([]);
  await page.close();
}, 60000);
