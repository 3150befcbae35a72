// The Zepp Settings App page (zepp/setting/), bundled as the build bundles it and built by a fake of the
// Settings App runtime, beside the real side service (also bundled, in its own vm) on one shared
// settingsStorage, against cognito-local: the pool's settings typed into the page, the same problems as
// Fitbit's page, the first sign-in from the page through NEW_PASSWORD_REQUIRED, the status line, sign-out.
// The page never reads a private key, so never shows a token.
import { REQUEST, SETTING, SETUP_KEY, STATUS_KEY } from "../../common/settings-keys";
import { say } from "../../devkit/messages";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { bundleSideService } from "../../devkit/fakes/zepp/side-bundle";
import { SideRuntime, sideRuntime, ZeppSettingsStorage } from "../../devkit/fakes/zepp/side-runtime";
import { bundleSettingPage, button, input, loadSettingPage, SettingNode, texts } from "../../devkit/fakes/zepp/setting-runtime";
import { configProblem } from "../../settings/config-problem";
import { PRIVATE_PREFIX, RANDOMNESS_KEY } from "../../zepp/shared/side-keys";
import { NO_RANDOM_NOTE, VISIBLE_PASSWORD_NOTE } from "../../zepp/setting/page";

let pool: TestPool;
let sideScript: string;
let pageScript: string;
const running: SideRuntime[] = [];

beforeAll(async () => {
  sideScript = bundleSideService();
  pageScript = bundleSettingPage();
  pool = await startTestPool();
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

const type = (tree: SettingNode, label: string, value: string) => {
  const field = input(tree, label);
  if (!field) throw new Error(`no field "${label}" on the page: ${texts(tree).join(" / ")}`);
  field.props.onChange(value);
};

test("the page's problems are the Fitbit page's, read from Zepp's storage; the page reads only its own keys", () => {
  const storage = new ZeppSettingsStorage();
  const page = loadSettingPage(pageScript);
  let tree = page.render(storage);
  expect(texts(tree)[0]).toBe("Waiting for the companion…");
  type(tree, "User pool ID", "not-a-pool");
  type(tree, "App client ID", "abc");
  tree = page.render(storage);
  const problem = configProblem((key) => storage.getItem(key));
  expect(problem).toMatch(/^Check the user pool ID: it /);
  expect(texts(tree)[0]).toBe(problem);
  expect(tree.children[2].props.description).toBe(problem);
  // Stored as Fitbit's page stores a TextInput's value.
  expect(storage.getItem(SETTING.userPoolId)).toBe(JSON.stringify({ name: "not-a-pool" }));

  type(tree, "Client metadata (for the pool's Lambdas)", "tenant");
  type(tree, "User pool ID", "eu-west-1_AbC123");
  tree = page.render(storage);
  expect(texts(tree)[0]).toBe(configProblem((key) => storage.getItem(key)));
  expect(texts(tree)[0]).toMatch(/^Check the client metadata: it must be key=value pairs/);

  // The sign-in method and the toggle as the side service reads them.
  input(tree, "Sign-in method")!.props.onChange("password");
  input(tree, "Remember this watch")!.props.onChange(false);
  expect(storage.getItem(SETTING.flow)).toBe(JSON.stringify({ name: "password" }));
  expect(storage.getItem(SETTING.rememberDevice)).toBe(JSON.stringify({ name: "false" }));
  expect(input(page.render(storage), "Remember this watch")!.props.value).toBe(false);

  storage.setItem(PRIVATE_PREFIX + "cognito.session.a", JSON.stringify({ refreshToken: "eyJsecret" }));
  page.render(storage);
  expect(page.keysRead.filter((k) => k.indexOf(PRIVATE_PREFIX) === 0)).toEqual([]);
});

test("sign-in from the page through NEW_PASSWORD_REQUIRED with the side service running, then sign-out", async () => {
  const user = await pool.newUser();
  const storage = new ZeppSettingsStorage();
  const side = sideRuntime({ storage });
  running.push(side);
  side.boot(sideScript);
  const page = loadSettingPage(pageScript);
  let tree = page.render(storage);
  type(tree, "User pool ID", pool.userPoolId);
  type(tree, "App client ID", pool.clientId);
  type(tree, "Development endpoint (optional)", pool.endpoint);
  type(tree, "Username", user.username);
  tree = page.render(storage);
  expect(texts(tree)[0]).toBe("Signed out.");
  // Zepp's TextInput shows what is typed: the page says so beside the password field.
  expect(texts(tree)).toContain(VISIBLE_PASSWORD_NOTE);
  expect(button(tree, "Forgot password?")).toBeDefined();

  type(tree, "Password", user.temporaryPassword);
  expect(storage.getItem(REQUEST.password)).toBeNull(); // taken and removed at once
  await until(() => texts(page.render(storage))[0] === `${user.username} must choose a new password.`, "the new-password step");
  tree = page.render(storage);
  expect(input(tree, "New password")!.props.value).toBe("");
  expect(button(tree, "Cancel")).toBeDefined();
  type(tree, "New password", "Setting2026new");
  await until(() => /^Signed in as /.test(texts(page.render(storage))[0]), "signed in");
  tree = page.render(storage);
  expect(texts(tree)[0]).toMatch(
    new RegExp(`^Signed in as ${user.username} \\(${user.username}@example.com\\); valid until \\d\\d:\\d\\d\\.$`),
  );
  // Tokens exist, under private keys only, and nothing the page built holds one.
  expect(Object.keys(storage.toObject()).some((k) => k.indexOf(PRIVATE_PREFIX) === 0 && /eyJ/.test(storage.getItem(k)!))).toBe(true);
  expect(JSON.stringify(tree)).not.toMatch(/eyJ/);
  expect(JSON.stringify(tree)).not.toContain("Setting2026new");
  expect(page.keysRead.filter((k) => k.indexOf(PRIVATE_PREFIX) === 0)).toEqual([]);

  button(tree, "Sign out")!.props.onClick();
  await until(() => texts(page.render(storage))[0] === say({ m: "signedOut" }), "signed out");
  expect(JSON.stringify(storage.toObject())).not.toMatch(/eyJ/);
});

test("the authenticator's key while it is set up, and why sign-in uses the password where there is no secure randomness", () => {
  const storage = new ZeppSettingsStorage();
  const page = loadSettingPage(pageScript);
  storage.setItem(STATUS_KEY, JSON.stringify({ s: "code", kind: "setup" }));
  storage.setItem(
    SETUP_KEY,
    JSON.stringify({ uri: "otpauth://totp/fitbit-cognito:ann?secret=ABCDEFGHIJKLMNOP", secret: "ABCDEFGHIJKLMNOP" }),
  );
  let tree = page.render(storage);
  expect(texts(tree)).toContain("ABCD EFGH IJKL MNOP");
  expect(input(tree, "Code")).toBeDefined();
  expect(texts(tree)).not.toContain(NO_RANDOM_NOTE);

  storage.setItem(RANDOMNESS_KEY, "none");
  tree = page.render(storage);
  expect(texts(tree)).toContain(NO_RANDOM_NOTE);
});
