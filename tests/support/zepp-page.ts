// The Zepp watch page (zepp/page/watch-page.ts) on the fakes of devkit/fakes/zepp, for the tests: the
// real page over the real zml socket (zepp/shared/zml-socket.ts), with the test standing in for the side
// service — or a real side service, when `call` is handed in. A clock of the test's own: each tap comes
// well after the screen appeared (core/watch's tap guard), unless a test says otherwise.
import { ToCompanion, ToWatch, decodeToCompanion, encodeToWatch } from "../../common/protocol";
import { PAGES, keyLabel, plan } from "../../core/watch";
import { ZML_METHOD, ZmlSocket, zmlSocket } from "../../zepp/shared/zml-socket";
import { WatchPage, startPage } from "../../zepp/page/watch-page";
import { Size } from "../../zepp/page/layout";
import * as ui from "../../devkit/fakes/zepp/ui";
import { getText } from "../../devkit/fakes/zepp/i18n";

export const SIZES: { name: string; size: Size }[] = [
  { name: "round 480", size: { width: 480, height: 480, round: true } },
  { name: "round 466", size: { width: 466, height: 466, round: true } },
  { name: "round 454", size: { width: 454, height: 454, round: true } },
  { name: "square 390x450", size: { width: 390, height: 450, round: false } },
  { name: "square 320x380", size: { width: 320, height: 380, round: false } },
];

export interface PageRig {
  page: WatchPage;
  link: ZmlSocket;
  /** What the page sent the phone, as the side service decodes it. */
  sent: ToCompanion[];
  /** What the page logged. */
  logs: string[];
  /** The times the page asked to leave the app. */
  exits: number;
  /** The test's clock (ms); `tap` moves it on. */
  clock: { now: number };
  /** Timers the page set (peeks), run with `runTimers`. */
  timers: { at: number; run: () => void }[];
  /** The side service says `msg`, encoded as it encodes it (common/protocol.ts). */
  receive(msg: ToWatch): void;
  /** What arrives in a zml call's params, as it is: for malformed messages. */
  receiveRaw(params: unknown): void;
  /** Taps the button that says `text`, a second after the last event. */
  tap(text: string): void;
  /** Types `text` on the keyboard shown, tap by tap (page keys and character keys found by their words,
   *  the fewest taps: core/watch's plan); answers the taps it took. */
  type(text: string): number;
  /** Runs the timers due by now + `ms`. */
  runTimers(ms: number): void;
  /** Every text on screen. */
  texts(): string[];
}

/**
 * Starts the page. Without `call`, whatever it calls with is recorded in `sent` (the unwrapped protocol
 * message); with it, the calls go there (a real side service).
 */
export function startPageRig(size: Size, call?: (data: { method: string; params: unknown }) => unknown): PageRig {
  ui.reset();
  const rig = {
    sent: [] as ToCompanion[],
    logs: [] as string[],
    exits: 0,
    clock: { now: Date.UTC(2026, 11, 2, 12, 0, 0) },
    timers: [] as { at: number; run: () => void }[],
  } as PageRig;
  const link = zmlSocket(
    (data) => {
      if (call) return call(data);
      // as the side service reads it: a message it would drop fails the test
      const msg = decodeToCompanion(data.params);
      if (!msg) throw new Error("the page sent what the side service drops: " + JSON.stringify(data));
      rig.sent.push(msg);
      return Promise.resolve();
    },
    { open: true, log: (line) => rig.logs.push(line) },
  );
  rig.link = link;
  rig.page = startPage({
    ui,
    socket: link.socket,
    size,
    words: getText,
    now: () => rig.clock.now,
    setTimeout: (run, ms) => rig.timers.push({ at: rig.clock.now + ms, run }),
    log: (line) => rig.logs.push(line),
    exit: () => rig.exits++,
  });
  rig.receive = (msg) => {
    const wire = encodeToWatch(msg, link.socket.MAX_MESSAGE_SIZE);
    if (!wire) throw new Error("the test's message does not encode: " + JSON.stringify(msg));
    link.receive({ method: ZML_METHOD, params: wire });
  };
  rig.receiveRaw = (params) => link.receive({ method: ZML_METHOD, params });
  rig.tap = (text) => {
    rig.clock.now += 1000;
    ui.tap(text);
  };
  rig.type = (text) => {
    const sc = rig.page.state().screen;
    if (sc.s !== "keyboard") throw new Error("not on the keyboard: " + sc.s);
    let page = sc.page;
    const taps = plan(text, page);
    if (!taps) throw new Error("not on the keyboard: " + JSON.stringify(text));
    for (const t of taps) {
      if ("page" in t) {
        page = t.page;
        rig.tap(PAGES[page].label);
      } else rig.tap(keyLabel(PAGES[page].keys.charAt(t.key)));
    }
    return taps.length;
  };
  rig.runTimers = (ms) => {
    rig.clock.now += ms;
    const due = rig.timers.filter((t) => t.at <= rig.clock.now);
    rig.timers = rig.timers.filter((t) => t.at > rig.clock.now);
    for (const t of due) t.run();
  };
  rig.texts = () => ui.texts();
  return rig;
}
