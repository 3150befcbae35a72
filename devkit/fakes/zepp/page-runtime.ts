// A fake of the Zepp device runtime around one page, for running the page's JavaScript as the build
// makes it: esbuild's bundle of zepp/page/index.ts with zml inside (ESM, ES2015, @zos/* left to the
// runtime: what the build hands zeus, which compiles it to QuickJS bytecode that cannot run here) in
// Node's `vm`. The runtime's globals are here — `Page`, `getApp` (with the app's zml messaging: BaseApp
// puts it in globalData), the module loader zml looks for (`__$$R$$__`), `__$$app$$__`, `__$$module$$__`
// — and @zos/* modules come from the caller (the test's fakes, so the test reads the same widgets).
import * as path from "path";
import * as vm from "vm";
import { buildSync, transformSync } from "esbuild";

const ROOT = path.resolve(__dirname, "../../..");

/** The page bundle the build feeds zeus: zepp/page/index.ts, bundled as scripts/build-zepp.js bundles it. */
export function bundlePage(entry = "zepp/page/index.ts", minify = false): string {
  const out = buildSync({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    format: "esm",
    target: "es2015",
    external: ["@zos/*"],
    minify,
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

type Handler = (data: any) => void;

/** The app's zml messaging, as the page's zml plugin finds it in getApp()._options.globalData. */
export class AppMessaging {
  /** What the page called with (zml's `call`), in order. */
  readonly calls: unknown[] = [];
  /** Whether the next calls are refused, as zml refuses them when the side service is not running. */
  refuse = false;
  onCallHandlers: Handler[] = [];
  bleHandlers: Handler[] = [];
  onCall(h?: Handler) {
    if (h) this.onCallHandlers.push(h);
    return this;
  }
  offOnCall(h?: Handler) {
    this.onCallHandlers = this.onCallHandlers.filter((x) => x !== h);
    return this;
  }
  onRequest() {
    return this;
  }
  offOnRequest() {
    return this;
  }
  onBleChanged(h?: Handler) {
    if (h) this.bleHandlers.push(h);
    return this;
  }
  offOnBleChanged(h?: Handler) {
    this.bleHandlers = this.bleHandlers.filter((x) => x !== h);
    return this;
  }
  call(data: unknown): Promise<void> {
    if (this.refuse) return Promise.reject(Object.assign(new Error("side service is not running"), { code: 3 }));
    this.calls.push(JSON.parse(JSON.stringify(data)));
    return Promise.resolve();
  }
  request(): Promise<never> {
    return Promise.reject(new Error("the page does not use request"));
  }
  /** The side service calls the page with `data` (zml adds jsonrpc to an object). */
  deliver(data: unknown): void {
    const framed = data !== null && typeof data === "object" ? { jsonrpc: "hmrpcv1", ...(data as object) } : data;
    for (const h of this.onCallHandlers.slice()) h(framed);
  }
  /** zml's Bluetooth status changes. */
  ble(connected: boolean): void {
    for (const h of this.bleHandlers.slice()) h(connected);
  }
}

export interface PageRuntime {
  messaging: AppMessaging;
  /** The options the page handed Page (after zml's BasePage). */
  page: { onInit?(p?: unknown): void; build?(): void; onDestroy?(): void } | undefined;
  /** The page's clock: Date.now() inside the page. */
  clock: { now: number };
  /** Runs the script and starts the page as Zepp does (onInit, then build). */
  boot(script: string): void;
  /** Zepp closes the page. */
  destroy(): void;
}

/** `modules`: what `@zos/<name>` is inside the page (the test's fakes). */
export function pageRuntime(modules: (name: string) => unknown): PageRuntime {
  const messaging = new AppMessaging();
  const clock = { now: Date.UTC(2026, 11, 2, 12, 0, 0) };
  const runtime: PageRuntime = {
    messaging,
    page: undefined,
    clock,
    boot(script) {
      const cjs = transformSync(script, { format: "cjs", target: "es2015" }).code;
      const module = { exports: {} };
      // The page's Date: the test's clock (taps a second apart, past core/watch's tap guard).
      class PageDate extends Date {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(clock.now);
          else super(...(args as [number]));
        }
        static now(): number {
          return clock.now;
        }
      }
      const globals: { [name: string]: unknown } = {
        module,
        exports: module.exports,
        require: (name: string) => modules(name),
        // zml asks the runtime's loader for @zos modules it uses itself (its logger, @zos/app…)
        __$$R$$__: (name: string) => modules(name) || {},
        __$$app$$__: { __globals__: { __scopedGlobals__: { _$mgr$_: {} } } },
        __$$module$$__: { id: "page/index" },
        getApp: () => ({ _options: { globalData: { messaging, fileTransferLib: { onFile() {}, offFile() {}, sendFile() {} } } } }),
        Page: (options: PageRuntime["page"]) => {
          runtime.page = options;
        },
        setTimeout,
        clearTimeout,
        Promise,
        Date: PageDate,
        console,
      };
      globals.globalThis = globals;
      vm.runInContext(cjs, vm.createContext(globals), { filename: "page/index.js" });
      if (!runtime.page) throw new Error("the script did not call Page");
      if (runtime.page.onInit) runtime.page.onInit();
      if (runtime.page.build) runtime.page.build();
    },
    destroy() {
      if (runtime.page && runtime.page.onDestroy) runtime.page.onDestroy();
    },
  };
  return runtime;
}
