// The real watch app (app/main.ts) started on the document fake and one end of a messaging channel,
// for device tests and for the whole-system test (watch ↔ real companion over `defaultChannel`):
//
//   const watch = startWatch();                 // on defaultChannel.device
//   defaultChannel.open(); await defaultChannel.idle();
//   watch.doc.tap(ID.signIn); submitText(watch.doc, "password");   // see ./wearer.ts
//   expect(watch.screen()).toBe("signedIn");
import { App, startApp } from "../../../app/main";
import { gettext } from "../../messages";
import { SCREENS, ScreenName, screenId } from "../../../core/watch";
import { TAP_GUARD_MS } from "../../../core/watch";
import { Channel, defaultChannel } from "../channel";
import { FakeDocument, createDocument } from "./document";

export interface Watch {
  app: App;
  doc: FakeDocument;
  /** What the app logged. */
  logs: string[];
  /** Timers the app set (the password peek), run only by `runTimers`: no real waiting in tests. */
  timers: { callback: () => void; ms: number }[];
  runTimers(): void;
  /** The one screen group shown; fails when none or several are. */
  screen(): ScreenName;
}

/** `now`: the clock the wearer's taps move on from (default: the real one). */
export function startWatch(options: { channel?: Channel; now?: () => number } = {}): Watch {
  const channel = options.channel || defaultChannel;
  const doc = createDocument();
  // A wearer who looks at each screen before tapping it: taps come TAP_GUARD_MS apart on the app's
  // clock, so the app's guard against taps meant for the screen before lets them through. A test taps
  // faster with doc.tap(id, true).
  doc.pace = TAP_GUARD_MS;
  const clock = options.now || (() => Date.now());
  const logs: string[] = [];
  const timers: Watch["timers"] = [];
  const app = startApp({
    document: doc,
    socket: channel.device,
    setTimeout: (callback, ms) => timers.push({ callback, ms }),
    now: () => clock() + doc.tapTime,
    log: (line) => logs.push(line),
    gettext, // the real words of app/i18n/en-US.po, so tests read what the wearer would
  });
  return {
    app,
    doc,
    logs,
    timers,
    runTimers() {
      for (const t of timers.splice(0)) t.callback();
    },
    screen() {
      const shown = SCREENS.filter((s) => doc.isShown(screenId(s)));
      if (shown.length !== 1) throw new Error(`${shown.length} screens shown: ${shown.join(", ")}`);
      return shown[0];
    },
  };
}
