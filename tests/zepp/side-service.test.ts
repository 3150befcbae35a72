// The Zepp side service, bundled from its TypeScript source as the build bundles it (zml inside) and run
// in Node's vm with fakes of the side-service globals only (devkit/fakes/zepp/side-runtime.ts), against
// cognito-local: the watch's messages framed as zml frames them, the Settings App's requests written into
// the shared settingsStorage, tokens kept under private keys.
import { REQUEST, SETTING, STATUS_KEY } from "../../common/settings-keys";
import { MESSAGE_BUDGET } from "../../common/limits";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { bundleSideService } from "../../devkit/fakes/zepp/side-bundle";
import { SideRuntime, sideRuntime, ZeppSettingsStorage } from "../../devkit/fakes/zepp/side-runtime";
import { PRIVATE_PREFIX, RANDOMNESS_KEY } from "../../zepp/shared/side-keys";

let pool: TestPool;
let script: string;
const running: SideRuntime[] = [];

beforeAll(async () => {
  script = bundleSideService();
  pool = await startTestPool({ srp: true });
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

/** Settings as the Zepp Settings App page writes them (zepp/setting: a TextInput's `{"name": ...}`). */
function configure(storage: ZeppSettingsStorage, values: { [key: string]: string }): void {
  for (const key of Object.keys(values)) storage.setItem(key, JSON.stringify({ name: values[key] }));
}

function boot(options: Parameters<typeof sideRuntime>[0] = {}): SideRuntime {
  const side = sideRuntime(options);
  running.push(side);
  side.boot(script);
  return side;
}

/** Nothing that looks like a token outside the private keys; the private keys hold them. */
function expectTokensOnlyPrivate(side: SideRuntime, secrets: string[]): void {
  const all = side.storage.toObject();
  const shared = Object.keys(all).filter((k) => k.indexOf(PRIVATE_PREFIX) !== 0);
  const sharedText = JSON.stringify(shared.map((k) => [k, all[k]]));
  // A request key holds the page's password from its write to the side's removal (checked on its own).
  const requestKeys: string[] = Object.values(REQUEST);
  const history = JSON.stringify(side.storage.history.filter((h) => h.key.indexOf(PRIVATE_PREFIX) !== 0 && requestKeys.indexOf(h.key) < 0));
  const elsewhere = JSON.stringify({ logs: side.logs, watch: side.watch.received.map((r) => r.raw) });
  for (const text of [sharedText, history, elsewhere]) {
    expect(text).not.toMatch(/eyJ/);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

test("first sign-in through NEW_PASSWORD_REQUIRED by the watch's messages, with SRP; refresh kept private", async () => {
  const user = await pool.newUser();
  const side = boot();
  configure(side.storage, { [SETTING.userPoolId]: pool.userPoolId, [SETTING.clientId]: pool.clientId, [SETTING.endpoint]: pool.endpoint });
  expect(side.storage.getItem(RANDOMNESS_KEY)).toBeNull();

  side.watch.send({ t: "hello" });
  await until(() => side.watch.lastView()?.s === "signedOut", "the signed-out view");
  side.watch.send({ t: "prepare" });
  side.watch.send({ t: "signIn", user: user.username, pw: user.temporaryPassword });
  await until(() => side.watch.lastView()?.s === "newPassword", "the new-password view");
  side.watch.send({ t: "newPassword", pw: "Zepp2026new" });
  await until(() => side.watch.lastView()?.s === "signedIn", "signed in");
  expect(side.watch.lastView()).toMatchObject({ s: "signedIn", user: user.username });

  // SRP, as "auto" chooses where the app client allows it and the runtime has getRandomValues.
  const flows = side.fetches.filter((f) => f.action === "InitiateAuth").map((f) => f.authFlow);
  expect(flows).toEqual(["USER_SRP_AUTH"]);
  expect(side.logs.join("\n")).not.toMatch(/randomness/);
  // The settings page's status follows.
  expect(JSON.parse(side.storage.getItem(STATUS_KEY)!)).toMatchObject({ s: "signedIn" });

  expect(Object.keys(side.storage.toObject()).some((k) => k.indexOf(PRIVATE_PREFIX) === 0 && /eyJ/.test(side.storage.getItem(k)!))).toBe(
    true,
  );
  expectTokensOnlyPrivate(side, [user.temporaryPassword, "Zepp2026new"]);
  // Every message within the protocol's budget.
  expect(Math.max(...side.watch.received.map((r) => r.bytes))).toBeLessThan(MESSAGE_BUDGET + 60);
  expect(side.watch.received.every((r) => r.msg !== null)).toBe(true);
});

test("without crypto.getRandomValues: USER_PASSWORD_AUTH, and the log and the page's note say why", async () => {
  const user = await pool.confirmedUser();
  const side = boot({ secureRandom: false });
  configure(side.storage, {
    [SETTING.userPoolId]: pool.userPoolId,
    [SETTING.clientId]: pool.clientId,
    [SETTING.endpoint]: pool.endpoint,
    [SETTING.username]: user.username,
  });
  expect(side.storage.getItem(RANDOMNESS_KEY)).toBe("none");
  expect(side.logs.join("\n")).toMatch(/no crypto\.getRandomValues here: signing in with USER_PASSWORD_AUTH instead of SRP/);

  side.watch.send({ t: "hello" });
  await until(() => side.watch.lastView()?.s === "signedOut", "the signed-out view");
  side.watch.send({ t: "prepare" });
  side.watch.send({ t: "signIn", pw: user.password });
  await until(() => side.watch.lastView()?.s === "signedIn", "signed in");
  const flows = side.fetches.filter((f) => f.action === "InitiateAuth").map((f) => f.authFlow);
  expect(flows).toEqual(["USER_PASSWORD_AUTH"]);
  expectTokensOnlyPrivate(side, [user.password]);

  // The next start with randomness takes the note away.
  side.stop();
  const again = boot({ storage: side.storage });
  expect(again.storage.getItem(RANDOMNESS_KEY)).toBeNull();
  expect(again.logs.join("\n")).not.toMatch(/randomness/);
});

test("sign-in from the Settings App: the request keys taken and removed at once, the status written back", async () => {
  const user = await pool.newUser();
  const side = boot();
  configure(side.storage, {
    [SETTING.userPoolId]: pool.userPoolId,
    [SETTING.clientId]: pool.clientId,
    [SETTING.endpoint]: pool.endpoint,
    [SETTING.username]: user.username,
  });
  const status = () => JSON.parse(side.storage.getItem(STATUS_KEY) || "{}");
  expect(status()).toMatchObject({ s: "signedOut", user: user.username });

  configure(side.storage, { [REQUEST.password]: user.temporaryPassword });
  expect(side.storage.getItem(REQUEST.password)).toBeNull();
  await until(() => status().s === "newPassword", "the new-password step on the page");
  configure(side.storage, { [REQUEST.newPassword]: "Page2026new" });
  expect(side.storage.getItem(REQUEST.newPassword)).toBeNull();
  await until(() => status().s === "signedIn", "signed in from the page");
  // The watch, when it opens, is shown the same.
  side.watch.send({ t: "hello" });
  await until(() => side.watch.lastView()?.s === "signedIn", "the watch signed in");
  expectTokensOnlyPrivate(side, ["Page2026new"]);
  // The passwords were in the shared storage only between the page's write and the side's removal.
  const lingering = Object.keys(side.storage.toObject()).filter((k) => side.storage.getItem(k)!.indexOf("Page2026new") >= 0);
  expect(lingering).toEqual([]);
});

test("a side service launched by a settings change takes the request written while it was not running", async () => {
  const user = await pool.confirmedUser();
  const storage = new ZeppSettingsStorage();
  configure(storage, {
    [SETTING.userPoolId]: pool.userPoolId,
    [SETTING.clientId]: pool.clientId,
    [SETTING.endpoint]: pool.endpoint,
    [SETTING.username]: user.username,
    [REQUEST.password]: user.password,
  });
  const side = boot({ storage, settingsChanged: true });
  expect(storage.getItem(REQUEST.password)).toBeNull();
  await until(() => JSON.parse(storage.getItem(STATUS_KEY) || "{}").s === "signedIn", "signed in from the page");
});
