// The side service and the Settings App page as they ship: app-side.js and setting.js taken out of
// build/fitbit-cognito.zab (zeus's minified output, the code a phone's Zepp app runs), run in Node's vm with
// fakes of the side-service and Settings App globals only, against cognito-local with 3-second tokens:
// first sign-in through NEW_PASSWORD_REQUIRED by the watch's messages (SRP), refresh with the side service
// stopped and started again, sign-out; a sign-in from the shipped settings page; and USER_PASSWORD_AUTH
// where the runtime has no crypto.getRandomValues.
// Needs the build: without build/fitbit-cognito.zab every test here fails at once, saying to run it (as a test
// without Chromium or Duktape does): a skip would let a build that lost its .zab pass unseen.
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { REQUEST, SETTING } from "../../common/settings-keys";
import { unzip } from "../../bench/watch.bench";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { SideRuntime, sideRuntime, ZeppSettingsStorage } from "../../devkit/fakes/zepp/side-runtime";
import { button, input, loadSettingPage, texts } from "../../devkit/fakes/zepp/setting-runtime";
import { gettext } from "../../devkit/messages";
import { PRIVATE_PREFIX } from "../../zepp/shared/side-keys";

const ZAB = path.resolve(__dirname, "../../build/fitbit-cognito.zab");
const built = existsSync(ZAB);
/** A test of the shipped scripts; without them, one that fails with what to do. */
const maybe = (name: string, fn: () => Promise<void>, timeout?: number) =>
  test(
    name,
    built
      ? fn
      : () => {
          throw new Error("build/fitbit-cognito.zab is missing: run `npm run build` (npm run setup does) first");
        },
    timeout,
  );

let pool: TestPool;
let shipped: { appSide: string; setting: string };
const running: SideRuntime[] = [];

/** Every package's app-side.zip; they must all carry the same two scripts. */
function fromZab(): { appSide: string; setting: string } {
  const zab = unzip(readFileSync(ZAB));
  const manifest = JSON.parse(zab.get("manifest.json")!.toString("utf8")) as { zpks: { name: string }[] };
  const scripts = manifest.zpks.map((z) => {
    const side = unzip(unzip(zab.get(z.name)!).get("app-side.zip")!);
    return { appSide: side.get("app-side.js")!.toString("utf8"), setting: side.get("setting.js")!.toString("utf8") };
  });
  expect(scripts.length).toBeGreaterThanOrEqual(5);
  for (const s of scripts) expect(s).toEqual(scripts[0]);
  return scripts[0];
}

beforeAll(async () => {
  if (!built) return;
  shipped = fromZab();
  pool = await startTestPool({ tokenLifetime: { value: 3, unit: "seconds" }, srp: true });
});
afterAll(() => pool && pool.stop());
afterEach(() => {
  while (running.length) running.pop()!.stop();
});

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function boot(storage: ZeppSettingsStorage, secureRandom = true): SideRuntime {
  const side = sideRuntime({ storage, secureRandom });
  running.push(side);
  side.boot(shipped.appSide);
  return side;
}

function configure(storage: ZeppSettingsStorage, values: { [key: string]: string }): void {
  for (const key of Object.keys(values)) storage.setItem(key, JSON.stringify({ name: values[key] }));
}

const tokenKeys = (storage: ZeppSettingsStorage) => Object.keys(storage.toObject()).filter((k) => /eyJ/.test(storage.getItem(k)!));

maybe(
  "the shipped app-side.js: sign-in through NEW_PASSWORD_REQUIRED with SRP, refresh across restarts, sign-out",
  async () => {
    expect(shipped.appSide).toContain("AWSCognitoIdentityProviderService");
    const user = await pool.newUser();
    const storage = new ZeppSettingsStorage();
    configure(storage, { [SETTING.userPoolId]: pool.userPoolId, [SETTING.clientId]: pool.clientId, [SETTING.endpoint]: pool.endpoint });
    let side = boot(storage);
    side.watch.send({ t: "hello" });
    await until(() => side.watch.lastView()?.s === "signedOut", "the signed-out view");
    side.watch.send({ t: "signIn", user: user.username, pw: user.temporaryPassword });
    await until(() => side.watch.lastView()?.s === "newPassword", "the new-password view");
    side.watch.send({ t: "newPassword", pw: "Shipped2026new" });
    await until(() => side.watch.lastView()?.s === "signedIn", "signed in");
    expect(side.fetches.filter((f) => f.action === "InitiateAuth").map((f) => f.authFlow)).toEqual(["USER_SRP_AUTH"]);
    expect(tokenKeys(storage).length).toBeGreaterThan(0);
    expect(tokenKeys(storage).every((k) => k.indexOf(PRIVATE_PREFIX) === 0)).toBe(true);

    // Stopped while the tokens expire; started again by the watch app, which is shown a refreshed session.
    side.stop();
    await new Promise((r) => setTimeout(r, 3500));
    side = boot(storage);
    side.watch.send({ t: "hello" });
    await until(() => typeof (side.watch.lastView() as { refreshed?: number } | undefined)?.refreshed === "number", "a refreshed session");
    expect(side.fetches.filter((f) => f.authFlow === "REFRESH_TOKEN_AUTH").length).toBeGreaterThanOrEqual(1);

    side.watch.send({ t: "signOut", everywhere: false });
    await until(() => side.watch.lastView()?.s === "signedOut", "signed out");
    expect(tokenKeys(storage)).toEqual([]);
    expect(side.fetches.map((f) => f.action)).toContain("RevokeToken");
    expect(JSON.stringify(side.logs)).not.toContain("Shipped2026new");
  },
  30_000,
);

maybe("the shipped setting.js beside the shipped app-side.js: sign-in from the page", async () => {
  const user = await pool.confirmedUser();
  const storage = new ZeppSettingsStorage();
  boot(storage);
  // Zeus turned the page's gettext into the Settings App's HmUtils.gettextFactory over the .po's words.
  const HmUtils = {
    gettextFactory: (table: { [lang: string]: { [id: string]: string } }, _lang: unknown, fallback: string) => (id: string) =>
      table[fallback][id] || id,
    Lang: class {},
    getLanguage: () => "en-US",
  };
  const page = loadSettingPage(shipped.setting, { HmUtils, userSettings: {} });
  let tree = page.render(storage);
  for (const [label, value] of [
    ["User pool ID", pool.userPoolId],
    ["App client ID", pool.clientId],
    ["Development endpoint (optional)", pool.endpoint],
    ["Username", user.username],
  ])
    input(tree, label)!.props.onChange(value);
  tree = page.render(storage);
  expect(texts(tree)[0]).toBe("Signed out.");
  // A wrong password: the reason in the .po's words, through the shipped page's gettext.
  input(tree, "Password")!.props.onChange("Wrong1234pw");
  await until(() => texts(page.render(storage))[0].indexOf(gettext("wrongCredentials")) === 0, "the wrong-password reason");
  tree = page.render(storage);
  input(tree, "Password")!.props.onChange(user.password);
  expect(storage.getItem(REQUEST.password)).toBeNull();
  await until(() => /^Signed in as /.test(texts(page.render(storage))[0]), "signed in from the page");
  tree = page.render(storage);
  expect(button(tree, "Sign out")).toBeDefined();
  expect(JSON.stringify(tree)).not.toMatch(/eyJ/);
  expect(page.keysRead.filter((k) => k.indexOf(PRIVATE_PREFIX) === 0)).toEqual([]);
});

maybe("the shipped app-side.js without crypto.getRandomValues: USER_PASSWORD_AUTH, and why", async () => {
  const user = await pool.confirmedUser();
  const storage = new ZeppSettingsStorage();
  configure(storage, {
    [SETTING.userPoolId]: pool.userPoolId,
    [SETTING.clientId]: pool.clientId,
    [SETTING.endpoint]: pool.endpoint,
    [SETTING.username]: user.username,
  });
  const side = boot(storage, false);
  side.watch.send({ t: "signIn", pw: user.password });
  await until(() => side.watch.lastView()?.s === "signedIn", "signed in");
  expect(side.fetches.filter((f) => f.action === "InitiateAuth").map((f) => f.authFlow)).toEqual(["USER_PASSWORD_AUTH"]);
  expect(side.logs.join("\n")).toMatch(/no crypto\.getRandomValues here/);
});
