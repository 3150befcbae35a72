// The Zepp Settings App's runtime in the browser: the components as globals, AppSettingsPage, and the
// Zepp phone's settingsStorage over the zepp-settings link (the server sends no key of the side service's
// own, the private ones, and takes none). The page is built again whenever the storage changes.
import { PageSettingsStorage } from "../settings/storage";
import { DEFAULT_PHONE } from "../../shared/wire";
import { components } from "./components";

const storage = new PageSettingsStorage(new URLSearchParams(location.search).get("phone") || DEFAULT_PHONE, "zepp-settings");
type Built = { build(props: { settingsStorage: PageSettingsStorage }): Node };
let page: Built | undefined;

Object.assign(globalThis, components, {
  AppSettingsPage: (options: Built) => {
    page = options;
  },
});

function render(): void {
  const root = document.getElementById("settings");
  if (!root || !page || !storage.ready) return;
  try {
    const tree = page.build({ settingsStorage: storage });
    root.replaceChildren(tree);
  } catch (err) {
    const pre = document.createElement("pre");
    pre.className = "error";
    pre.textContent = `The page threw: ${(err as Error).message}`;
    root.replaceChildren(pre);
  }
}

export function start(): void {
  storage.subscribe(render);
  storage.connect();
}
