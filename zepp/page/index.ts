// The Zepp device page (page/index in app.json): zml's BasePage around the platform-free page of
// ./watch-page.ts. Here and only here are the @zos modules read: the screen's size for the layout, the
// words of the .po files, the back key and the swipe back, and zml's messaging as the socket.
//
// The back key and the swipe back (a swipe to the right) go to the state machine's `back` first, as on
// Fitbit: clear what was typed, else go back a screen, else leave the app. Both are always taken from the
// system (the callbacks return true: a key also sends press and release before its click, and only the
// click may leave), and when the state machine says to leave, @zos/router's exit() closes the app.
import { BasePage } from "@zeppos/zml/base-page";
import { SCREEN_SHAPE_ROUND, getDeviceInfo } from "@zos/device";
import { getText } from "@zos/i18n";
import { GESTURE_RIGHT, KEY_BACK, KEY_EVENT_CLICK, offGesture, offKey, onGesture, onKey } from "@zos/interaction";
import { exit } from "@zos/router";
import * as zosUi from "@zos/ui";
import { log as zosLog } from "@zos/utils";
import { zmlSocket, ZmlSocket } from "../shared/zml-socket";
import { WatchPage, startPage } from "./watch-page";

const logger = zosLog.getLogger("fitbit-cognito");
const log = (line: string) => logger.log(line);

let page: WatchPage | undefined;
let link: ZmlSocket | undefined;

Page(
  BasePage({
    build(this: { call(data: object): unknown }) {
      const info = getDeviceInfo();
      const round = info.screenShape === SCREEN_SHAPE_ROUND;
      // A square screen's status bar would cover the title line: the page has the whole screen.
      if (!round && typeof zosUi.setStatusBarVisible === "function") zosUi.setStatusBarVisible(false);
      // Open from the start: "hello" goes out at once, and a refused call (no side service, no Bluetooth)
      // closes the socket, which the title line then says; the next word from the phone opens it again.
      link = zmlSocket((data) => this.call(data), { open: true, log });
      page = startPage({
        ui: zosUi,
        socket: link.socket,
        size: { width: info.width, height: info.height, round },
        words: getText,
        now: () => Date.now(),
        setTimeout: (callback, ms) => setTimeout(callback, ms),
        log,
        exit: () => exit(),
      });
      onKey({
        callback: (key: number, event: number) => {
          if (key !== KEY_BACK) return false;
          if (event === KEY_EVENT_CLICK && page) page.back();
          return true;
        },
      });
      onGesture({
        callback: (event: number) => {
          if (event !== GESTURE_RIGHT) return false;
          if (page) page.back();
          return true;
        },
      });
    },
    onCall(data: unknown) {
      if (link) link.receive(data);
    },
    // zml's Bluetooth status: the phone in reach again opens the socket (and the page says hello).
    onBleChanged(connected: unknown) {
      if (!link) return;
      if (connected) link.open();
      else link.close();
    },
    onDestroy() {
      offKey();
      offGesture();
      if (page) page.destroy();
      page = undefined;
      link = undefined;
    },
  }),
);
