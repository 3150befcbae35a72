// A fake of the Zepp side-service runtime (the phone side inside the Zepp app), for running a side
// service's JavaScript — the bundle of zepp/app-side/index.ts, or the app-side.js shipped in the .zab —
// in Node's `vm`: the globals it finds there (`settings`, `messaging`, `fetch`, `AppSideService`,
// `sideService`, `getApp`, zml's `Logger`, `transferFile`), nothing else of the platform. The real zml inside
// the bundle frames its messages (./zml-wire.ts); the watch end here frames and reads them the same way.
//
// What Zepp does not document is chosen to be the harder case: a settings change is heard by every
// listener, the side service's own writes included; fetch's `body` is already parsed when it is JSON;
// `crypto` is there only when asked for (`secureRandom`).
import * as vm from "vm";
import { webcrypto } from "crypto";
import { MESSAGE_BUDGET } from "../../../common/limits";
import { ToCompanion, ToWatch, decodeToWatch, encodeToCompanion } from "../../../common/protocol";
import { callFrame, readFrame, PAYLOAD_CALL } from "./zml-wire";

type ChangeListener = (event: { key: string | null; newValue: unknown; oldValue: unknown }) => void;

/** Zepp's `settings.settingsStorage`, shared by the side service and the Settings App page. */
export class ZeppSettingsStorage {
  private items: { [key: string]: string } = {};
  private listeners: ChangeListener[] = [];
  /** Every write, in order (values as written), for tests that look for what never should be there. */
  readonly history: { key: string; value: string | null }[] = [];

  getItem(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.items, key) ? this.items[key] : null;
  }
  setItem(key: string, value: unknown): void {
    const old = this.getItem(key);
    const text = typeof value === "string" ? value : JSON.stringify(value);
    this.items[key] = text;
    this.history.push({ key, value: text });
    this.emit({ key, newValue: text, oldValue: old });
  }
  removeItem(key: string): void {
    const old = this.getItem(key);
    if (old === null) return;
    delete this.items[key];
    this.history.push({ key, value: null });
    this.emit({ key, newValue: null, oldValue: old });
  }
  clear(): void {
    this.items = {};
    this.emit({ key: null, newValue: null, oldValue: null });
  }
  toObject(): { [key: string]: string } {
    return Object.assign({}, this.items);
  }
  addListener(type: string, listener: ChangeListener): void {
    if (type === "change") this.listeners.push(listener);
  }
  removeListener(type: string, listener?: ChangeListener): void {
    if (type === "change") this.listeners = listener ? this.listeners.filter((l) => l !== listener) : [];
  }
  private emit(event: { key: string | null; newValue: unknown; oldValue: unknown }): void {
    for (const listener of this.listeners.slice()) listener(event);
  }
}

export interface ZeppFetchCall {
  url: string;
  method: string;
  /** Cognito's action (X-Amz-Target's last part), when it is one. */
  action?: string;
  /** InitiateAuth's AuthFlow: which sign-in the client chose. Nothing else of the body is kept. */
  authFlow?: string;
}

/** Zepp's fetch over Node's: `{url, method, headers, body}` → `{status, headers, body}`, body parsed when
 *  it is JSON (Zepp's documented convenience). `offline` refuses every request. */
export function zeppFetch(calls: ZeppFetchCall[], network: { offline: boolean }) {
  return async (request: { url: string; method?: string; headers?: { [name: string]: string }; body?: unknown }) => {
    const headers = request.headers || {};
    const target = headers["X-Amz-Target"] || "";
    const call: ZeppFetchCall = { url: request.url, method: request.method || "GET" };
    if (target) call.action = target.split(".").pop();
    if (call.action === "InitiateAuth" && typeof request.body === "string") call.authFlow = JSON.parse(request.body).AuthFlow;
    calls.push(call);
    if (network.offline) throw new Error("network unreachable");
    const res = await fetch(request.url, {
      method: call.method,
      headers,
      body:
        typeof request.body === "string" || request.body === undefined
          ? (request.body as string | undefined)
          : JSON.stringify(request.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch (_) {
      // Not JSON: the text as it came.
    }
    const out: { [name: string]: string } = {};
    res.headers.forEach((value, name) => (out[name] = value));
    return { status: res.status, statusText: res.statusText, headers: out, body };
  };
}

/** The watch's end of zml's messaging, as the side service's `messaging.peerSocket` meets it. */
export class WatchEnd {
  /** Every message the side service sent, decoded (null: not a valid ToWatch), with its JSON bytes. */
  readonly received: { msg: ToWatch | null; bytes: number; raw: unknown }[] = [];
  private sideListeners: ((data: ArrayBuffer) => void)[] = [];

  /** The side service's `messaging.peerSocket`. */
  readonly peerSocket = {
    addListener: (type: string, listener: (data: ArrayBuffer) => void) => {
      if (type === "message") this.sideListeners.push(listener);
    },
    removeListener: () => undefined,
    send: (data: ArrayBuffer) => {
      const frame = readFrame(data);
      if (frame.payloadType !== PAYLOAD_CALL) return;
      const wrapped = frame.json as { method?: unknown; params?: unknown } | undefined;
      const params = wrapped && typeof wrapped === "object" ? wrapped.params : undefined;
      this.received.push({ msg: decodeToWatch(params), bytes: frame.bytes, raw: params });
    },
  };

  /** A protocol message as the watch page sends it (zml-socket's wrapping, zml's framing), or null when it
   *  is over the budget (the page does not send it). */
  send(msg: ToCompanion): boolean {
    const wire = encodeToCompanion(msg, MESSAGE_BUDGET);
    if (!wire) return false;
    this.sendRaw({ method: "fitbit-cognito", params: wire });
    return true;
  }

  /** Anything at all, framed as zml frames a call: for the malformed cases. */
  sendRaw(json: unknown): void {
    const frame = callFrame(json);
    // Bluetooth and the phone's runtime in between: delivered later, never within the caller's turn.
    setTimeout(() => this.sideListeners.forEach((l) => l(frame)), 1);
  }

  /** Valid messages received since `from`. */
  messages(from = 0): ToWatch[] {
    return this.received.slice(from).flatMap((r) => (r.msg ? [r.msg] : []));
  }

  /** The newest state view, if any. */
  lastView() {
    const states = this.messages().filter((m): m is Extract<ToWatch, { t: "state" }> => m.t === "state");
    return states.length ? states[states.length - 1].view : undefined;
  }
}

export interface SideRuntime {
  storage: ZeppSettingsStorage;
  watch: WatchEnd;
  /** Every fetch the side service made (no bodies kept but InitiateAuth's AuthFlow). */
  fetches: ZeppFetchCall[];
  network: { offline: boolean };
  /** Lines the side service and zml logged. */
  logs: string[];
  /** The options the side service handed AppSideService (after zml's BaseSideService). */
  service: { onInit?(): void; onRun?(): void; onDestroy?(): void } | undefined;
  /** Runs the side service's script and starts it as Zepp does (onInit, then onRun). */
  boot(script: string): void;
  /** Zepp stops the side service (the watch app and the settings closed). */
  stop(): void;
  /** The phone holds the side service's timers (an app in the background): what comes due waits for
   *  `resumeTimers`. Messages and settings changes still arrive. */
  suspendTimers(): void;
  resumeTimers(): void;
}

export interface SideRuntimeOptions {
  /** crypto.getRandomValues present (default true). */
  secureRandom?: boolean;
  /** The same storage across restarts of the side service. */
  storage?: ZeppSettingsStorage;
  /** Launched because the settings changed (sideService.launchReasons.settingsChanged). */
  settingsChanged?: boolean;
}

export function sideRuntime(options: SideRuntimeOptions = {}): SideRuntime {
  const storage = options.storage || new ZeppSettingsStorage();
  const watch = new WatchEnd();
  const fetches: ZeppFetchCall[] = [];
  const network = { offline: false };
  const logs: string[] = [];
  const line = (...args: unknown[]) => logs.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  const logger = { log: line, info: line, warn: line, error: line, debug: line };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let suspended = false;
  let held: (() => void)[] = [];
  const runtime: SideRuntime = {
    storage,
    watch,
    fetches,
    network,
    logs,
    service: undefined,
    boot(script) {
      const globals: { [name: string]: unknown } = {
        settings: { settingsStorage: storage },
        messaging: { peerSocket: watch.peerSocket },
        fetch: zeppFetch(fetches, network),
        AppSideService: (service: SideRuntime["service"]) => {
          runtime.service = service;
        },
        sideService: {
          appInfo: { app: { appName: "fitbit-cognito", appId: 1 } },
          launchReasons: { settingsChanged: !!options.settingsChanged, fileTransfer: false },
          launchArgs: {},
        },
        getApp: () => ({ port2: 1 }),
        Logger: { getLogger: () => logger },
        transferFile: undefined,
        console: { log: line, info: line, warn: line, error: line, debug: line },
        // Timers the runtime gives, tracked so stop() leaves nothing running after a test.
        setTimeout: (fn: () => void, ms?: number) => {
          const t = setTimeout(() => {
            timers.delete(t);
            if (suspended) held.push(fn);
            else fn();
          }, ms);
          timers.add(t);
          return t;
        },
        clearTimeout: (t: ReturnType<typeof setTimeout>) => {
          timers.delete(t);
          clearTimeout(t);
        },
        setInterval,
        clearInterval,
        Buffer,
        URL,
      };
      if (options.secureRandom !== false) globals.crypto = { getRandomValues: (a: Uint8Array) => webcrypto.getRandomValues(a) };
      const context = vm.createContext(globals);
      vm.runInContext(script, context, { filename: "app-side.js" });
      if (!runtime.service) throw new Error("the script did not call AppSideService");
      runtime.service.onInit && runtime.service.onInit();
      runtime.service.onRun && runtime.service.onRun();
    },
    suspendTimers() {
      suspended = true;
    },
    resumeTimers() {
      suspended = false;
      const due = held;
      held = [];
      due.forEach((fn) => fn());
    },
    stop() {
      held = [];
      if (runtime.service && runtime.service.onDestroy) runtime.service.onDestroy();
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
    },
  };
  return runtime;
}
