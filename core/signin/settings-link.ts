// The companion's end of the settings page: the page writes configuration and one-shot requests into
// settingsStorage; the companion reads each request, removes it at once (a password must not stay
// there), and turns it into the same request the watch would send. It writes the current view back
// under `status` for the page to show.
import { ToCompanion, ToWatch, View } from "../../common/protocol";
import { REQUEST, SETTING, STATUS_KEY, settingValue } from "../../common/settings-keys";

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
  [REQUEST.signOut]: () => ({ t: "signOut", everywhere: false }),
  [REQUEST.signOutEverywhere]: () => ({ t: "signOut", everywhere: true }),
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
  const writeStatus = (view: View) => storage.setItem(STATUS_KEY, JSON.stringify(view));

  target.onView(writeStatus);
  writeStatus(target.view());
  storage.addEventListener("change", (event) => {
    if (event.key === null) {
      target.settingsChanged(); // cleared wholesale
      return;
    }
    if (REQUEST_KEYS.indexOf(event.key) >= 0) take(event.key);
    else if (CONFIG_KEYS.indexOf(event.key) >= 0) target.settingsChanged();
  });
  // Requests written while the companion was not running (it is launched for settingsChanged).
  for (const key of REQUEST_KEYS) take(key);
}
