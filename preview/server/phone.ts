// One phone of the preview: the real companion (core/signin/phone-side.ts) running in Node around an in-memory
// settingsStorage and localStorage, Node's fetch, and a messaging socket carried over the watch page's
// WebSocket. A phone outlives its pages for a while (phones.ts): reloading the watch is relaunching the
// app, not the phone.
import { startCompanion, Companion } from "../../core/signin";
import { SETTING } from "../../common/settings-keys";
import { DemoSeed } from "../../sandbox/seed-demo";
import { MemoryStorage, LiveStorage } from "../../devkit/phone-storage";
import { WatchSocket } from "./watch-socket";

export interface PhoneOptions {
  id: string;
  /** The pool the settings are prefilled with, as if the wearer had typed them on the settings page. */
  seed: DemoSeed;
  /** Where the phone's lines go: the companion's log (prefixed "companion:") and messaging events. */
  log: (line: string) => void;
}

export class Phone {
  readonly id: string;
  readonly settings = new LiveStorage();
  readonly localStorage = new MemoryStorage();
  readonly watch: WatchSocket;
  readonly companion: Companion;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(options: PhoneOptions) {
    this.id = options.id;
    const log = (line: string) => options.log(`companion: ${line}`);
    this.watch = new WatchSocket(options.log);
    prefill(this.settings, options.seed);
    this.companion = startCompanion({
      peerSocket: this.watch,
      settingsStorage: this.settings,
      localStorage: this.localStorage,
      fetch: (input, init) => fetch(input, init),
      now: () => Date.now(),
      // Tracked, so stopping the preview also stops the companion's refresh schedule.
      timers: {
        set: (fn, ms) => {
          if (this.stopped) return undefined;
          const handle = setTimeout(() => {
            this.timers.delete(handle);
            fn();
          }, ms);
          this.timers.add(handle);
          return handle;
        },
        clear: (handle) => {
          if (handle === undefined) return;
          clearTimeout(handle as ReturnType<typeof setTimeout>);
          this.timers.delete(handle as ReturnType<typeof setTimeout>);
        },
      },
      log,
    });
    this.wake("launch");
  }

  /** As Fitbit wakes a companion: launch, the watch app starting, a wake interval. */
  wake(reason: string): void {
    if (this.stopped) return;
    this.companion.wake(reason).catch(() => undefined);
  }

  /** For good: the companion's refresh schedule ends, and nothing it still has in flight starts a timer. */
  stop(): void {
    this.stopped = true;
    this.companion.session.dispose();
    this.watch.setInReach(false);
    for (const handle of this.timers) clearTimeout(handle);
    this.timers.clear();
  }
}

/** Values as the settings page's TextInput stores them: `{"name": "..."}`. */
function prefill(settings: LiveStorage, seed: DemoSeed): void {
  const text = (value: string) => JSON.stringify({ name: value });
  settings.fromPage(SETTING.userPoolId, text(seed.userPoolId));
  settings.fromPage(SETTING.clientId, text(seed.clientId));
  settings.fromPage(SETTING.endpoint, text(seed.endpoint));
  settings.fromPage(SETTING.username, text(seed.username));
  if (seed.clientSecret) settings.fromPage(SETTING.clientSecret, text(seed.clientSecret));
}
