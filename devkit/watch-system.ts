// The whole system in one process: the real watch app on the document fake, the paired in-memory
// channel, the real companion with in-memory settings and local storage. Used by the whole-system
// tests and by the benchmark that counts the messages of a sign-in.
import { SETTING } from "../common/settings-keys";
import { ID, ScreenName } from "../core/watch";
import { startCompanion, Companion } from "../core/signin";
import { Channel, createChannel } from "./fakes/channel";
import { LiveStorage, MemoryStorage } from "./phone-storage";
import { startWatch, Watch } from "./fakes/device/watch";
import { submitText } from "./fakes/device/wearer";

export interface WatchSystem {
  channel: Channel;
  settingsStorage: LiveStorage;
  localStorage: MemoryStorage;
  logs: string[];
  companion: Companion;
  watch: Watch;
  /** Lets messages and Cognito round trips run until `check` holds; fails after `ms` saying `what`. */
  settle(check: () => boolean, what: () => string, ms?: number): Promise<void>;
  /** settle() until the watch shows `screen`. */
  reach(screen: ScreenName, ms?: number): Promise<void>;
}

export function startWatchSystem(settings: { [key: string]: string }): WatchSystem {
  const channel = createChannel();
  const settingsStorage = new LiveStorage();
  for (const k of Object.keys(settings)) settingsStorage.setItem(k, JSON.stringify({ name: settings[k] }));
  const localStorage = new MemoryStorage();
  const logs: string[] = [];
  const companion = startCompanion({
    peerSocket: channel.companion,
    settingsStorage,
    localStorage,
    log: (l) => logs.push(l),
    // A refresh timer must not keep a test process alive after a failed test skipped its dispose().
    timers: { set: (fn, ms) => setTimeout(fn, ms).unref(), clear: (t) => clearTimeout(t as NodeJS.Timeout) },
  });
  const watch = startWatch({ channel });
  channel.open();
  const settle = async (check: () => boolean, what: () => string, ms = 8000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      await channel.idle();
      if (check()) return;
      if (Date.now() > deadline) throw new Error(what());
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const reach = (screen: ScreenName, ms?: number) =>
    settle(
      () => watch.screen() === screen,
      () => `watch shows ${watch.screen()}, not ${screen}: ${watch.doc.visibleTexts().join(" | ")}`,
      ms,
    );
  return { channel, settingsStorage, localStorage, logs, companion, watch, settle, reach };
}

export function poolSettings(pool: { userPoolId: string; clientId: string; endpoint: string }, username?: string) {
  const s: { [key: string]: string } = {
    [SETTING.userPoolId]: pool.userPoolId,
    [SETTING.clientId]: pool.clientId,
    [SETTING.endpoint]: pool.endpoint,
  };
  if (username) s[SETTING.username] = username;
  return s;
}

/** A first sign-in by taps alone: username (when the watch asks), temporary password, then the new
 *  password twice. Ends on the signedIn screen; returns the taps it took. */
export async function firstSignInByTaps(
  s: WatchSystem,
  user: { username: string; temporaryPassword: string },
  newPassword: string,
): Promise<number> {
  await s.reach("signedOut");
  let taps = 1;
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  const sc = s.watch.app.state().screen;
  if (sc.s === "keyboard" && sc.purpose === "username") {
    taps += submitText(s.watch.doc, user.username);
    await s.reach("keyboard");
  }
  taps += submitText(s.watch.doc, user.temporaryPassword);
  await s.reach("newPassword");
  s.watch.doc.tap(ID.newPasswordGo);
  taps++;
  await s.reach("keyboard");
  taps += submitText(s.watch.doc, newPassword);
  await s.reach("keyboard");
  taps += submitText(s.watch.doc, newPassword);
  await s.reach("signedIn");
  return taps;
}
