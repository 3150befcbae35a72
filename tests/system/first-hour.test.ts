// A wearer's first hour, end to end: the real watch app and the real companion over the in-memory
// channel, cognito-local behind them. A mistyped ID in the settings is named on the watch; a new
// password the pool refuses is answered with the pool's rule, in Cognito's own words.
import { ID } from "../../core/watch";
import { SETTING } from "../../common/settings-keys";
import { submitText } from "../../devkit/fakes/device/wearer";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";
import { poolSettings, startWatchSystem } from "../../devkit/watch-system";

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool({ srp: true });
});
afterAll(() => pool && pool.stop());

test("a mistyped user pool ID: the watch says which setting to check; fixed, it offers to sign in", async () => {
  const s = startWatchSystem({ ...poolSettings(pool, "ann"), [SETTING.userPoolId]: pool.userPoolId.replace("_", "") });
  await s.reach("setup");
  expect(s.watch.doc.visibleTexts()).toContain("Check the user pool ID on the phone.");
  s.settingsStorage.fromPage(SETTING.userPoolId, JSON.stringify({ name: pool.userPoolId }));
  await s.reach("signedOut");
  s.companion.session.dispose();
});

test("a new password the pool refuses: the watch shows the pool's rule, and a good one then goes through", async () => {
  const user = await pool.newUser();
  const s = startWatchSystem(poolSettings(pool, user.username));
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, user.temporaryPassword);
  await s.reach("newPassword");
  s.watch.doc.tap(ID.newPasswordGo);
  submitText(s.watch.doc, "abc");
  submitText(s.watch.doc, "abc");
  await s.settle(
    () => s.watch.doc.textOf(ID.newPasswordError) !== "",
    () => `no error shown: ${s.watch.doc.visibleTexts().join(" | ")}`,
  );
  expect(s.watch.screen()).toBe("newPassword");
  expect(s.watch.doc.textOf(ID.newPasswordError)).toBe("New password rejected. Password not long enough");
  s.watch.doc.tap(ID.newPasswordGo);
  submitText(s.watch.doc, "Abcdefg1");
  submitText(s.watch.doc, "Abcdefg1");
  await s.reach("signedIn");
  s.companion.session.dispose();
});
