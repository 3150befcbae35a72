// The Zepp device runtime around the page, in the browser: the globals the page's zml looks for — `Page`,
// `getApp` (the app's zml messaging in globalData, as zml's BaseApp puts it there: ./messaging.ts),
// `__$$R$$__` (the runtime's module loader, which zml asks for @zos modules), `__$$app$$__`,
// `__$$module$$__` — as devkit/fakes/zepp/page-runtime.ts gives them to the tests; then the page's life:
// onInit and build once the link knows whether the phone is there, its console to the preview's log, the
// back button and Escape, and on exit its onDestroy, the screen dark and "open again".
import { DEFAULT_PHONE } from "../../shared/wire";
import { WatchLink } from "../watch/link";
import { PageMessaging } from "./messaging";
import { onExit, isExited } from "./runtime-exit";
import * as device from "./shims/device";
import * as i18n from "./shims/i18n";
import * as interaction from "./shims/interaction";
import * as router from "./shims/router";
import * as timer from "./shims/timer";
import * as ui from "./shims/ui";
import * as utils from "./shims/utils";

/** How long the page waits to hear whether the phone is there before it starts anyway. */
const LINK_WAIT_MS = 1500;

const phone = new URLSearchParams(location.search).get("phone") || DEFAULT_PHONE;
const link = new WatchLink(phone, "zepp-watch");
const messaging = new PageMessaging(link);

type PageOptions = { onInit?(params?: unknown): void; build?(): void; onDestroy?(): void };
let page: PageOptions | undefined;

const MODULES: { [name: string]: unknown } = {
  "@zos/device": device,
  "@zos/i18n": i18n,
  "@zos/interaction": interaction,
  "@zos/router": router,
  "@zos/timer": timer,
  "@zos/ui": ui,
  "@zos/utils": utils,
};

Object.assign(globalThis, {
  Page: (options: PageOptions) => {
    page = options;
  },
  getApp: () => ({ _options: { globalData: { messaging, fileTransferLib: { onFile() {}, offFile() {}, sendFile() {} } } } }),
  __$$R$$__: (name: string) => MODULES[name] || {},
  __$$app$$__: { __globals__: { __scopedGlobals__: { _$mgr$_: {} } } },
  __$$module$$__: { id: "page/index" },
});

// ---- console and errors: to the preview's log ----------------------------------------------------

function text(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === "string") return a;
      if (a instanceof Error) return a.message;
      try {
        return JSON.stringify(a);
      } catch (_) {
        return String(a);
      }
    })
    .join(" ");
}

for (const level of ["log", "info", "warn", "error"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    original(...args);
    link.log(level === "log" || level === "info" ? text(args) : `${level}: ${text(args)}`);
  };
}

function tellShell(message: object): void {
  if (window.parent !== window) window.parent.postMessage(message, location.origin);
}

window.addEventListener("error", (event) => {
  link.log(`uncaught ${event.message}`);
  tellShell({ k: "error", message: `uncaught ${event.message}` });
});
window.addEventListener("unhandledrejection", (event) => {
  const reason = event.reason;
  const message = `unhandled rejection ${reason && reason.message ? reason.message : String(reason)}`;
  link.log(message);
  tellShell({ k: "error", message });
});

// ---- the page's life -----------------------------------------------------------------------------

function showClosed(why: string): void {
  const screen = document.getElementById("screen");
  if (screen) screen.style.display = "none";
  const closed = document.getElementById("closed");
  const whyEl = document.getElementById("closed-why");
  if (whyEl) whyEl.textContent = why;
  if (closed) closed.hidden = false;
}

onExit((reason) => {
  try {
    if (page && page.onDestroy) page.onDestroy();
  } catch (err) {
    console.error(`onDestroy: ${(err as Error).message}`);
  }
  const left = ui.widgets().length;
  if (left) console.warn(`[preview] ${left} widgets left on screen after onDestroy`);
  console.log(`[preview] the app exited (${reason})`);
  link.shutdown();
  showClosed("The app has closed.");
  tellShell({ k: "exited", reason, zepp: true });
});

link.onReplaced = () => showClosed("This phone's Zepp watch is open in another tab.");

/** Runs the page as Zepp does (onInit, then build), once the link knows whether the phone is in reach. */
export function start(): void {
  if (!page) throw new Error("the page did not call Page");
  const started = page;
  let done = false;
  const go = () => {
    if (done || isExited()) return;
    done = true;
    if (started.onInit) started.onInit();
    if (started.build) started.build();
  };
  link.on(() => {
    if (messaging.known) go();
  });
  setTimeout(go, LINK_WAIT_MS);
  link.connect();
}

const screen = document.getElementById("screen");
if (screen) interaction.watchSwipes(screen);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") interaction.pressBack();
});
const again = document.getElementById("open-again");
if (again) again.addEventListener("click", () => location.reload());

/** For the preview's shell (the back button under the watch) and its tests. */
(window as unknown as { __zepp: object }).__zepp = {
  pressBack: () => interaction.pressBack(),
  screenInfo: ui.screenInfo,
  exited: isExited,
};
