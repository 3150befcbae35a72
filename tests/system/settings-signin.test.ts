// Signing in from the settings page on the phone, end to end: the real settings page writes into
// settingsStorage, the real companion reads and removes the password, signs in against cognito-local
// through NEW_PASSWORD_REQUIRED, keeps the tokens in local storage only, and the page shows the status.
import { REQUEST, SETTING, STATUS_KEY } from "../../common/settings-keys";
import { startCompanion } from "../../core/signin";
import { createChannel } from "../../devkit/fakes/channel";
import { LiveStorage, MemoryStorage } from "../../devkit/phone-storage";
import { button, inputFor, loadSettingsPage, pageSide, texts } from "../../devkit/fakes/settings/page";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { poolSettings, startWatchSystem } from "../../devkit/watch-system";
import { ID } from "../../core/watch";
import { say } from "../../devkit/messages";

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool();
});
afterAll(() => pool && pool.stop());

const render = loadSettingsPage();
const asInput = (v: string) => JSON.stringify({ name: v });

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("first sign-in from the settings page through NEW_PASSWORD_REQUIRED, then sign-out", async () => {
  const user = await pool.newUser("dora");
  const settingsStorage = new LiveStorage();
  const localStorage = new MemoryStorage();
  const logs: string[] = [];
  const channel = createChannel();
  const companion = startCompanion({
    peerSocket: channel.companion,
    settingsStorage,
    localStorage,
    log: (line) => logs.push(line),
  });
  const pageText = () => texts(render({ settings: settingsStorage.snapshot(), settingsStorage })).join("\n");
  const status = () => JSON.parse(settingsStorage.getItem(STATUS_KEY) || "{}");

  expect(status().s).toBe("setup");
  settingsStorage.fromPage(SETTING.userPoolId, asInput(pool.userPoolId));
  settingsStorage.fromPage(SETTING.clientId, asInput(pool.clientId));
  settingsStorage.fromPage(SETTING.endpoint, asInput(pool.endpoint));
  settingsStorage.fromPage(SETTING.username, asInput("dora"));
  settingsStorage.fromPage(SETTING.flow, JSON.stringify({ selected: [2], values: [{ name: "Password", value: "password" }] }));
  expect(status()).toEqual({ s: "signedOut", user: "dora" });

  // The page shows a password field; typing into it stores the value, which the companion takes.
  let tree = render({ settings: settingsStorage.snapshot(), settingsStorage });
  expect(inputFor(tree, REQUEST.password)).toBeDefined();
  settingsStorage.fromPage(REQUEST.password, asInput(user.temporaryPassword));
  expect(settingsStorage.getItem(REQUEST.password)).toBeNull(); // removed the moment it was read
  await until(() => status().s === "newPassword", "the new-password step");
  expect(pageText()).toMatch(/dora must choose a new password/);

  tree = render({ settings: settingsStorage.snapshot(), settingsStorage });
  expect(inputFor(tree, REQUEST.newPassword)).toBeDefined();
  settingsStorage.fromPage(REQUEST.newPassword, asInput("Dora2026new"));
  expect(settingsStorage.getItem(REQUEST.newPassword)).toBeNull();
  await until(() => status().s === "signedIn", "signed in");
  expect(status()).toMatchObject({ s: "signedIn", user: "dora", email: "dora@example.com" });
  expect(pageText()).toMatch(/Signed in as dora \(dora@example.com\); valid until \d\d:\d\d\./);

  // Tokens only in the companion's local storage; passwords nowhere, not even in a log line.
  const everything = JSON.stringify({
    settings: settingsStorage.snapshot(),
    history: settingsStorage.history.filter((h) => h.value !== null && h.key !== REQUEST.password && h.key !== REQUEST.newPassword),
    logs,
    channel: channel.log,
  });
  expect(everything).not.toMatch(/eyJ/);
  expect(everything).not.toContain(user.temporaryPassword);
  expect(everything).not.toContain("Dora2026new");
  expect(JSON.stringify(localStorage.snapshot())).toMatch(/eyJ/);
  expect(JSON.stringify(localStorage.snapshot())).not.toContain("Dora2026new");

  // A restarted companion still has the session.
  const again = startCompanion({
    peerSocket: createChannel().companion,
    settingsStorage: new LiveStorage(),
    localStorage,
    log: () => undefined,
  });
  expect(again.session.state().kind).toBe("signedIn");
  again.session.dispose();

  // Sign out from the page: the refresh token is revoked and the local tokens are gone.
  const refreshToken = (companion.session.state() as any).session.refreshToken as string;
  button(render({ settings: settingsStorage.snapshot(), settingsStorage: pageSide(settingsStorage) }), "Sign out")!.props.onClick();
  await until(() => status().s === "signedOut", "signed out");
  expect(status().reason).toEqual({ m: "signedOut" });
  expect(settingsStorage.getItem(REQUEST.signOut)).toBeNull();
  expect(JSON.stringify(localStorage.snapshot())).not.toMatch(/eyJ/);
  const res = await fetch(pool.endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
  });
  expect((await res.json()).__type).toMatch(/NotAuthorized/);
  companion.session.dispose();
});

test("a wrong password from the settings page: the reason on the page, the field again", async () => {
  const user = await pool.confirmedUser();
  const settingsStorage = new LiveStorage();
  const companion = startCompanion({
    peerSocket: createChannel().companion,
    settingsStorage,
    localStorage: new MemoryStorage(),
    log: () => undefined,
  });
  for (const [k, v] of [
    [SETTING.userPoolId, pool.userPoolId],
    [SETTING.clientId, pool.clientId],
    [SETTING.endpoint, pool.endpoint],
    [SETTING.username, user.username],
  ])
    settingsStorage.fromPage(k, asInput(v));
  settingsStorage.fromPage(REQUEST.password, asInput("Wrong1pass"));
  const status = () => JSON.parse(settingsStorage.getItem(STATUS_KEY) || "{}");
  await until(() => status().s === "signedOut" && !!status().reason, "the failure");
  expect(say(status().reason)).toMatch(/Password rejected|Wrong username or password/);
  const tree = render({ settings: settingsStorage.snapshot(), settingsStorage });
  expect(inputFor(tree, REQUEST.password)).toBeDefined();
  companion.session.dispose();
});

test("a first sign-in done from the settings page ends on the watch's signedIn screen", async () => {
  const user = await pool.newUser("gil");
  const s = startWatchSystem(poolSettings(pool, "gil"));
  await s.reach("signedOut");
  s.settingsStorage.fromPage(REQUEST.password, asInput(user.temporaryPassword));
  await s.reach("newPassword"); // the watch follows the flow the phone started
  s.settingsStorage.fromPage(REQUEST.newPassword, asInput("Gil2026new"));
  await s.reach("signedIn");
  expect(s.watch.doc.textOf(ID.signedInUser)).toContain("gil");
  expect(JSON.stringify(s.settingsStorage.snapshot())).not.toMatch(/Gil2026new|eyJ/);
  s.companion.session.dispose();
});
