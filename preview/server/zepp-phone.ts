// The Zepp phone of the preview: the REAL side service (zepp/app-side/index.ts, bundled as the build
// bundles it, zml inside) running in Node's vm on the globals Zepp's side-service runtime gives it —
// `settings.settingsStorage` (the one store, shared with the Settings App page; the tokens under
// `private.`), `messaging.peerSocket` (joined to the Zepp watch page: ./zepp-watch-link.ts), `fetch` in
// Zepp's shape, `crypto.getRandomValues`, zml's `Logger` — as devkit/fakes/zepp/side-runtime.ts gives
// them to the tests. Its own companion, settings and tokens: nothing is shared with the Fitbit phone of the
// same `?phone=`. It runs for the phone's life (a real side service runs while the watch app or the
// settings page has it running; the session is woken at start and before each watch request, as there).
import { webcrypto } from "node:crypto";
import * as vm from "node:vm";
import { SETTING } from "../../common/settings-keys";
import { bundleSideService } from "../../devkit/fakes/zepp/side-bundle";
import { ZeppSettingsStorage } from "../../devkit/fakes/zepp/side-runtime";
import type { DemoSeed } from "../../sandbox/seed-demo";
import { isPrivateKey } from "../../zepp/shared/side-keys";
import { ZeppWatchLink } from "./zepp-watch-link";

let sideScript: string | undefined;

/** The side service's bundle, built once per preview process (an edit shows with the next `npm start`). */
function script(): string {
  return (sideScript ??= bundleSideService());
}

export interface ZeppPhoneOptions {
  seed: DemoSeed;
  /** Where the phone's lines go: the side service's log and messaging events. */
  log: (line: string) => void;
}

type Service = { onInit?(): void; onRun?(): void; onDestroy?(): void };

export class ZeppPhone {
  readonly settings = new ZeppSettingsStorage();
  readonly watch: ZeppWatchLink;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private service: Service | undefined;
  private stopped = false;

  constructor(options: ZeppPhoneOptions) {
    this.watch = new ZeppWatchLink(options.log);
    prefill(this.settings, options.seed);
    this.boot(options.log);
  }

  /** The settings the Settings App page may see: every key but the side service's private ones. */
  shared(): { [key: string]: string } {
    const all = this.settings.toObject();
    const out: { [key: string]: string } = {};
    for (const key of Object.keys(all)) if (!isPrivateKey(key)) out[key] = all[key];
    return out;
  }

  /** The Settings App page wrote (value) or removed (null) a setting; never a private key. */
  fromPage(key: string, value: string | null): boolean {
    if (isPrivateKey(key)) return false;
    if (value === null) this.settings.removeItem(key);
    else this.settings.setItem(key, value);
    return true;
  }

  /** For good: the side service's onDestroy, then every timer it left. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.watch.setInReach(false);
    try {
      if (this.service && this.service.onDestroy) this.service.onDestroy();
    } finally {
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
    }
  }

  private boot(log: (line: string) => void): void {
    const line = (...args: unknown[]) => log(`zepp side: ${args.map((a) => (typeof a === "string" ? a : safeJson(a))).join(" ")}`);
    const logger = { log: line, info: line, warn: line, error: line, debug: line };
    const globals: { [name: string]: unknown } = {
      settings: { settingsStorage: this.settings },
      messaging: { peerSocket: this.watch.peerSocket },
      fetch: zeppFetch,
      AppSideService: (service: Service) => {
        this.service = service;
      },
      sideService: {
        appInfo: { app: { appName: "fitbit-cognito", appId: 1 } },
        launchReasons: { settingsChanged: false, fileTransfer: false },
        launchArgs: {},
      },
      getApp: () => ({ port2: 1 }),
      Logger: { getLogger: () => logger },
      // Zepp's file transfer, which zml looks up as it loads; the project sends no files.
      transferFile: undefined,
      console: logger,
      // Tracked, so a released phone leaves no refresh behind.
      setTimeout: (fn: () => void, ms?: number) => {
        if (this.stopped) return undefined;
        const t = setTimeout(() => {
          this.timers.delete(t);
          fn();
        }, ms);
        this.timers.add(t);
        return t;
      },
      clearTimeout: (t: ReturnType<typeof setTimeout>) => {
        this.timers.delete(t);
        clearTimeout(t);
      },
      // zml's own (none of the side service's): never left running past stop, as no interval is kept.
      setInterval: () => undefined,
      clearInterval: () => undefined,
      crypto: { getRandomValues: (a: Uint8Array) => webcrypto.getRandomValues(a) },
      Buffer,
      URL,
    };
    vm.runInContext(script(), vm.createContext(globals), { filename: "app-side.js" });
    const service = this.service as Service | undefined;
    if (!service) throw new Error("the side service did not call AppSideService");
    if (service.onInit) service.onInit();
    if (service.onRun) service.onRun();
  }
}

/** Zepp's side-service fetch over Node's: `{url, method, headers, body}` → `{status, headers, body}`, the
 *  body parsed when it is JSON (what Zepp documents; zepp/app-side/zepp-fetch.ts adapts it back). */
async function zeppFetch(request: { url: string; method?: string; headers?: { [name: string]: string }; body?: unknown }) {
  const res = await fetch(request.url, {
    method: request.method || "GET",
    headers: request.headers || {},
    body:
      typeof request.body === "string" || request.body === undefined ? (request.body as string | undefined) : JSON.stringify(request.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch (_) {
    // Not JSON: the text as it came.
  }
  const headers: { [name: string]: string } = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { status: res.status, statusText: res.statusText, headers, body };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (_) {
    return typeof value;
  }
}

/** As the Settings App page stores them (`{"name": "..."}`), as on the Fitbit phone. */
function prefill(settings: ZeppSettingsStorage, seed: DemoSeed): void {
  const text = (value: string) => JSON.stringify({ name: value });
  settings.setItem(SETTING.userPoolId, text(seed.userPoolId));
  settings.setItem(SETTING.clientId, text(seed.clientId));
  settings.setItem(SETTING.endpoint, text(seed.endpoint));
  settings.setItem(SETTING.username, text(seed.username));
  if (seed.clientSecret) settings.setItem(SETTING.clientSecret, text(seed.clientSecret));
}
