// The companion's end of the settings page: the page writes configuration and one-shot requests into
// settingsStorage; the companion reads each request, removes it at once (a password must not stay
// there), and turns it into the same request the watch would send. It writes the current view back
// under `status` for the page to show, and, while an authenticator app is being set up, its key under
// SETUP_KEY (removed as soon as the set-up is over, whichever way it ended).
import { ToCompanion, ToWatch, View } from "../../common/protocol";
import { REQUEST, SETTING, SETUP_KEY, STATUS_KEY, settingValue } from "../../common/settings-keys";

export interface SettingsStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  addEventListener(type: "change", listener: (event: { key: string | null; newValue: string | null }) => void): void;
}

export interface SettingsLinkTarget {
  handle(msg: ToCompanion, reply: (msg: ToWatch) => void): Promise<void>;
  settingsChanged(): void;
  view(): View;
  onView(listener: (view: View) => void): void;
  /** While an authenticator app is being set up: its key, for the page to show (Base32 in groups). */
  setupKey?(): { uri: string; secret: string } | undefined;
}

const CONFIG_KEYS: string[] = Object.keys(SETTING).map((k) => (SETTING as { [k: string]: string })[k]);

/** Each request key → the message it stands for, from the value as typed (a password may begin or end
 *  with a space; anything else is trimmed here). Undefined: empty or malformed, ignored. */
const REQUESTS: { [key: string]: (value: string) => ToCompanion | undefined } = {
  [REQUEST.password]: (pw) => (pw ? { t: "signIn", pw } : undefined),
  [REQUEST.flowPassword]: (pw) => (pw ? { t: "password", pw } : undefined),
  [REQUEST.newPassword]: (pw) => (pw ? { t: "newPassword", pw } : undefined),
  [REQUEST.code]: (value) => {
    const code = value.replace(/\s+/g, "");
    return code ? { t: "code", code } : undefined;
  },
  [REQUEST.choice]: (value) => {
    const option = value.trim();
    return option ? { t: "choose", option } : undefined;
  },
  // As typed: a custom challenge's answer may hold spaces that matter (the Lambda decides).
  [REQUEST.answer]: (text) => (text ? { t: "answer", text } : undefined),
  [REQUEST.signIn]: () => ({ t: "signIn" }),
  [REQUEST.forgot]: () => ({ t: "forgot" }),
  [REQUEST.signOut]: () => ({ t: "signOut", everywhere: false }),
  [REQUEST.signOutEverywhere]: () => ({ t: "signOut", everywhere: true }),
  [REQUEST.signOutForget]: () => ({ t: "signOut", everywhere: false, forget: true }),
  [REQUEST.cancel]: () => ({ t: "cancel" }),
};
const REQUEST_KEYS = Object.keys(REQUESTS);

export function settingsLink(storage: SettingsStorageLike, target: SettingsLinkTarget, log: (line: string) => void): void {
  const take = (key: string) => {
    const raw = storage.getItem(key);
    if (raw === null) return;
    storage.removeItem(key);
    const msg = REQUESTS[key](settingValue(raw));
    if (!msg) return;
    // Replies for the settings page (an error, a call result) are shown through the status too.
    target
      .handle(msg, (reply) => {
        if (reply.t === "state") writeStatus(reply.view);
      })
      .catch(() => log(`settings request failed: ${key}`));
  };
  const writeStatus = (view: View) => {
    storage.setItem(STATUS_KEY, JSON.stringify(view));
    // The key follows the view: there while its code is asked for, gone with any other view.
    const key = target.setupKey && target.setupKey();
    const text = key ? JSON.stringify({ uri: key.uri, secret: key.secret }) : null;
    if (storage.getItem(SETUP_KEY) === text) return;
    if (text) storage.setItem(SETUP_KEY, text);
    else storage.removeItem(SETUP_KEY);
  };
  // A Toggle shows a missing value as off, the companion reads it as on: store the default it reads.
  const defaults = () => {
    if (storage.getItem(SETTING.rememberDevice) === null) storage.setItem(SETTING.rememberDevice, "true");
  };

  defaults();
  target.onView(writeStatus);
  writeStatus(target.view());
  storage.addEventListener("change", (event) => {
    if (event.key === null) {
      defaults();
      target.settingsChanged(); // cleared wholesale
      return;
    }
    if (REQUEST_KEYS.indexOf(event.key) >= 0) take(event.key);
    else if (CONFIG_KEYS.indexOf(event.key) >= 0) target.settingsChanged();
  });
  // Requests written while the companion was not running (it is launched for settingsChanged).
  for (const key of REQUEST_KEYS) take(key);
}
