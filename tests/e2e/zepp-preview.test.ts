// The Zepp watch of the preview end to end, in real headless Chromium: the real Zepp page (zepp/page)
// on the preview's @zos stand-ins, the real side service (zepp/app-side) in Node on its own Zepp phone, the
// real Settings App page (zepp/setting), cognito-local. The demo user signs in on the Zepp watch by
// clicking its keyboard, through NEW_PASSWORD_REQUIRED, to the signedIn screen and sees a refresh; every
// screen of the page is saved as a screenshot (zepp-*.png, tests/support/screenshots.ts). Screens only a
// pool of another kind shows (choose, code, answer) come from a scripted Cognito
// (support/misbehaving-server.ts), as the phone would see them from such a pool.
import { SETTING } from "../../common/settings-keys";
import { getText } from "../../devkit/fakes/zepp/i18n";
import { Preview, startPreview } from "../../preview/server/preview";
import { recordCognitoRequests } from "../support/cognito-requests";
import { Browser, launchChromium } from "../support/chromium";
import { MisbehavingServer, startMisbehavingServer } from "../support/misbehaving-server";
import { snapshot } from "../support/screenshots";
import { ZeppWatch } from "../support/zepp-preview-watch";

/** Short, so the side service's refresh shows within the test. */
const TOKEN_SECONDS = 10;
const NEW_PASSWORD = "Zepp2026ok";
/** The words of a message ID as the Zepp page reads them (app/i18n/en-US.po + zepp/i18n/page-words.po). */
const w = (id: string) => {
  const words = getText(id);
  if (!words) throw new Error(`no words for ${id}`);
  return words;
};

let preview: Preview;
let browser: Browser;
let scripted: MisbehavingServer;

beforeAll(async () => {
  [preview, browser, scripted] = await Promise.all([
    startPreview({ tokenLifetime: { value: TOKEN_SECONDS, unit: "seconds" }, log: () => undefined }),
    launchChromium(),
    startMisbehavingServer(),
  ]);
}, 60000);

afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  await browser?.close();
  await scripted?.close();
  await preview?.stop();
});

async function openPreview(phone: string) {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(`${preview.url}?phone=${phone}`);
  return { page, watch: new ZeppWatch(page), errors };
}

/** Nothing the Settings App page can see, and no log line, holds any of `secrets`. The Zepp phone's
 *  private keys do hold tokens, never a password. */
function expectNowhere(phoneId: string, secrets: string[]): void {
  const zepp = preview.zepp(phoneId);
  const kept = JSON.stringify([zepp.settings.toObject(), zepp.settings.history, preview.log]);
  for (const secret of secrets) expect(kept).not.toContain(secret);
}

test("first sign-in on the Zepp watch by clicks: temporary password, new password, signedIn, a refresh; sign-out screen, an error, back", async () => {
  const { page, watch, errors } = await openPreview("zepp-keyboard");
  const { username, temporaryPassword } = preview.demo;
  const cognito = recordCognitoRequests();

  await watch.waitForButton(w("zeppSignIn"));
  expect(await watch.title()).toBe(w("signInTitle"));
  expect(await watch.texts()).toContain(username);
  await snapshot(watch.screen, "zepp-1-signed-out");

  // The back key clears what was typed, then leaves the keyboard.
  await watch.tap(w("zeppSignIn"));
  await watch.waitForText(`Password for ${username}`);
  await watch.type("x");
  await watch.pressBack();
  await watch.pressBack();
  await watch.waitForButton(w("zeppSignIn"));

  await watch.tap(w("zeppSignIn"));
  await watch.waitForText(`Password for ${username}`);
  await watch.type(temporaryPassword);
  await snapshot(watch.screen, "zepp-2-keyboard-password");
  await watch.tap(w("ok"));

  await watch.waitForButton(w("zeppChoosePassword"), 20000);
  expect((await watch.texts()).join("\n")).toContain(username);
  await snapshot(watch.screen, "zepp-3-new-password-needed");

  await watch.tap(w("zeppChoosePassword"));
  await watch.waitForText("New password");
  await watch.type(NEW_PASSWORD);
  await watch.tap(w("show")); // shown in clear, as a wearer may check it
  await watch.waitForText(NEW_PASSWORD);
  await snapshot(watch.screen, "zepp-4-keyboard-new-password");
  await watch.tap(w("ok"));
  await watch.waitForText("Repeat new password");
  await watch.type(NEW_PASSWORD);
  await watch.tap(w("ok"));

  await watch.waitForText("Signed in", 20000);
  // SRP, as "auto" chooses where the side service has crypto.getRandomValues
  expect(cognito.actions().slice(0, 3)).toEqual(["InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge", "RespondToAuthChallenge"]);
  expect(cognito.bodies()).not.toContain(temporaryPassword);
  const shown = await watch.texts();
  expect(shown).toContain(username);
  expect(shown).toContain("demo@example.com");
  expect(shown.some((t) => /^Valid until \d\d:\d\d$/.test(t))).toBe(true);
  await snapshot(watch.screen, "zepp-5-signed-in");

  await watch.waitForText(/^Refreshed \d\d:\d\d$/, TOKEN_SECONDS * 1000 + 10000);
  await snapshot(watch.screen, "zepp-6-refreshed");
  expectNowhere("zepp-keyboard", [temporaryPassword, NEW_PASSWORD]);

  // The sign-out question, and back from it.
  await watch.tap(w("zeppSignOut"));
  await watch.waitForButton(w("zeppHere"));
  await snapshot(watch.screen, "zepp-7-sign-out");
  await watch.pressBack();
  await watch.waitForButton(w("zeppWhoami"));

  // A call that fails on the phone's network: the error screen, and Retry once the network is back.
  const realFetch = globalThis.fetch;
  const offline = jest.spyOn(globalThis, "fetch").mockImplementation((url, init) => {
    const target = new Headers(init && init.headers).get("x-amz-target");
    return target && /GetUser$/.test(target) ? Promise.reject(new TypeError("fetch failed")) : realFetch(url, init);
  });
  await watch.tap(w("zeppWhoami"));
  await watch.waitForButton(w("retry"));
  await snapshot(watch.screen, "zepp-8-error");
  offline.mockRestore();
  await watch.tap(w("retry"));
  await watch.waitForText(new RegExp(`^${w("checkedAt")}`));

  // On the signedIn screen the back key leaves the app; the phone keeps the session for the next launch.
  await watch.pressBack();
  await watch.frame.locator("#closed").waitFor({ state: "visible" });
  await watch.frame.locator("#open-again").click();
  await watch.waitForText("Signed in");
  expect(errors).toEqual([]);
  await page.close();
}, 90000);

test("out of reach, then a pool to set up in the Settings App page; the username typed on the watch; a wrong password's reason", async () => {
  const id = "zepp-setup";
  const zepp = preview.zepp(id);
  zepp.settings.removeItem(SETTING.userPoolId);
  zepp.settings.removeItem(SETTING.username);
  zepp.watch.setInReach(false);
  const { page, watch, errors } = await openPreview(id);

  // Nothing from the phone yet: the page waits, and its title says the phone is not there.
  await watch.waitForText(w("zeppWaiting"));
  await watch.waitForText(w("phoneNotConnected"));
  await snapshot(watch.screen, "zepp-9-wait");

  await page.locator("#zepp-reach").check();
  await watch.waitForText(w("zeppSetUp"));
  await snapshot(watch.screen, "zepp-10-setup");

  const settings = page.frameLocator("#zepp-settings");
  const pool = settings.locator('input[data-label="User pool ID"]');
  await pool.fill(preview.demo.userPoolId);
  await pool.press("Enter");
  await watch.waitForButton(w("zeppSignIn"));
  expect(await watch.texts()).toContain(w("noUsername"));

  await watch.tap(w("zeppSignIn"));
  await watch.type(preview.demo.username);
  await snapshot(watch.screen, "zepp-11-keyboard-username");
  await watch.tap(w("ok"));
  await watch.waitForText(`Password for ${preview.demo.username}`);
  await watch.type("wrong-pass1");
  await watch.tap(w("ok"));
  await watch.waitForText(w("wrongCredentials"), 20000);
  await snapshot(watch.screen, "zepp-12-wrong-password");
  // The username typed this time is kept for the next try.
  await watch.tap(w("zeppSignIn"));
  await watch.waitForText(preview.demo.username);
  expectNowhere(id, ["wrong-pass1"]);
  expect(errors).toEqual([]);
  await page.close();
}, 60000);

test("from a scripted Cognito: choose a method, the code pad, a Lambda's question and its keyboard, and busy while Cognito is silent", async () => {
  const id = "zepp-scripted";
  const zepp = preview.zepp(id);
  const text = (value: string) => JSON.stringify({ name: value });
  zepp.settings.setItem(SETTING.endpoint, text(scripted.endpoint));
  zepp.settings.setItem(SETTING.flow, text("password"));
  const challenge = (name: string, parameters: { [k: string]: string }) => ({
    kind: "json" as const,
    contentType: "application/x-amz-json-1.1",
    body: { ChallengeName: name, Session: `session-${name}`, ChallengeParameters: { USER_ID_FOR_SRP: "demo", ...parameters } },
  });
  scripted.respondWith(
    challenge("SELECT_MFA_TYPE", { MFAS_CAN_CHOOSE: JSON.stringify(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]) }),
    challenge("SOFTWARE_TOKEN_MFA", {}),
    challenge("CUSTOM_CHALLENGE", { prompt: "The name of your first pet?" }),
    { kind: "hang" },
  );
  const { page, watch, errors } = await openPreview(id);

  await watch.waitForButton(w("zeppSignIn"));
  await watch.tap(w("zeppSignIn"));
  await watch.type("Pass1234");
  await watch.tap(w("ok"));

  await watch.waitForButton(w("SOFTWARE_TOKEN_MFA"));
  expect(await watch.texts()).toContain(w("SMS_MFA"));
  await snapshot(watch.screen, "zepp-13-choose");
  await watch.tap(w("SOFTWARE_TOKEN_MFA"));

  await watch.waitForButton("0");
  await watch.tap("1");
  await watch.tap("2");
  await watch.tap("3");
  await watch.tap("4");
  await watch.tap("5");
  await watch.tap("6");
  await snapshot(watch.screen, "zepp-14-code");
  await watch.tap(w("ok"));

  await watch.waitForButton(w("zeppTypeAnswer"));
  expect((await watch.texts()).join("\n")).toContain("The name of your first pet?");
  await snapshot(watch.screen, "zepp-15-answer");
  await watch.tap(w("zeppTypeAnswer"));
  await watch.type("Rex");
  await snapshot(watch.screen, "zepp-16-keyboard-answer");
  await watch.tap(w("ok"));

  // Cognito does not answer: the watch shows it is working on it.
  await watch.waitForText(/…$/);
  await snapshot(watch.screen, "zepp-17-busy");

  // What the side service sent, in order: the password flow, the choice, the code, the answer.
  const sent = scripted.requests.map(
    (r) => r.json as { AuthFlow?: string; ChallengeName?: string; ChallengeResponses?: { [k: string]: string } },
  );
  expect(sent.map((b) => b.AuthFlow || b.ChallengeName)).toEqual([
    "USER_PASSWORD_AUTH",
    "SELECT_MFA_TYPE",
    "SOFTWARE_TOKEN_MFA",
    "CUSTOM_CHALLENGE",
  ]);
  expect(sent[1].ChallengeResponses!.ANSWER).toBe("SOFTWARE_TOKEN_MFA");
  expect(sent[2].ChallengeResponses!.SOFTWARE_TOKEN_MFA_CODE).toBe("123456");
  expect(sent[3].ChallengeResponses!.ANSWER).toBe("Rex");
  expect(errors).toEqual([]);
  await page.close();
}, 60000);
