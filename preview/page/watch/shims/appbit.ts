// The device's "appbit" module: the running app. exit() closes it as the system would.
import { exitApp, onUnload } from "../lifecycle";

type Listener = () => void;
const listeners: Listener[] = [];

export const me = {
  applicationId: "preview",
  buildId: "preview",
  launchArgs: {},
  /** The watch closes an idle app after a while; the preview does not. */
  appTimeoutEnabled: true,
  permissions: {
    granted: (_permission: string) => true,
  },
  onunload: null as Listener | null,
  addEventListener(type: string, listener: Listener): void {
    if (type === "unload") listeners.push(listener);
  },
  exit(): void {
    exitApp("me.exit()");
  },
};

onUnload(() => {
  if (me.onunload) me.onunload();
  for (const l of listeners) l();
});
