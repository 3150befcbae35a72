// The app's life on the watch, around the app's own code: its console goes to the preview's log, an
// uncaught error is reported beside the watch, the physical back button (the button under the watch in
// the preview, or Escape) reaches the app, and when the app exits — back not kept, or me.exit() — its
// screen goes dark, messaging closes and the page offers to open the app again.
import { link } from "./link";

type UnloadListener = () => void;
const unloadListeners: UnloadListener[] = [];
let exited = false;

export function onUnload(listener: UnloadListener): void {
  unloadListeners.push(listener);
}

export function isExited(): boolean {
  return exited;
}

export function exitApp(reason: string): void {
  if (exited) return;
  exited = true;
  for (const l of unloadListeners) {
    try {
      l();
    } catch (err) {
      console.error(`unload handler: ${(err as Error).message}`);
    }
  }
  console.log(`[preview] the app exited (${reason})`);
  link.shutdown();
  const screen = document.getElementById("screen");
  if (screen) screen.style.display = "none";
  const closed = document.getElementById("closed");
  if (closed) closed.hidden = false;
  tellShell({ k: "exited", reason });
}

/** A short shake of the screen stands in for the vibration motor. */
export function vibrate(): void {
  const screen = document.getElementById("screen");
  if (!screen) return;
  screen.classList.remove("vibrating");
  void screen.getBoundingClientRect();
  screen.classList.add("vibrating");
}

function tellShell(message: object): void {
  if (window.parent !== window) window.parent.postMessage(message, location.origin);
}

// ---- console and errors -----------------------------------------------------------------------------

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

window.addEventListener("error", (event) => {
  const message = `uncaught ${event.message}`;
  link.log(message);
  tellShell({ k: "error", message });
});
window.addEventListener("unhandledrejection", (event) => {
  const reason = event.reason;
  const message = `unhandled rejection ${reason && reason.message ? reason.message : String(reason)}`;
  link.log(message);
  tellShell({ k: "error", message });
});

link.onReplaced = () => {
  const screen = document.getElementById("screen");
  if (screen) screen.style.display = "none";
  const closed = document.getElementById("closed");
  const why = document.getElementById("closed-why");
  if (why) why.textContent = "This phone's watch is open in another tab.";
  if (closed) closed.hidden = false;
};

const again = document.getElementById("open-again");
if (again) again.addEventListener("click", () => location.reload());

link.connect();
