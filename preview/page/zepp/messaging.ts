// The app's zml messaging as the Zepp page's zml finds it (getApp()._options.globalData.messaging), carried
// over the Zepp watch page's WebSocket to the preview server, where the real side service's zml reads each
// call as zml's frames (preview/server/zepp-watch-link.ts). zml's Bluetooth status is the link's: open
// while the page is connected and the Zepp phone in reach. A call while it is down is refused with zml's
// code 2 ("ble disconnect"), as zml refuses it.
import type { WatchLink } from "../watch/link";

type Handler = (data: any) => void;

export class PageMessaging {
  private onCallHandlers: Handler[] = [];
  private bleHandlers: Handler[] = [];
  /** The link said open (or closed) at least once. */
  known = false;
  connected = false;

  constructor(private readonly link: WatchLink) {
    link.on((frame) => {
      if (frame.k === "msg") for (const h of this.onCallHandlers.slice()) h(frame.data);
      else if (frame.k === "open" || frame.k === "close") {
        const connected = frame.k === "open";
        this.known = true;
        if (connected === this.connected) return;
        this.connected = connected;
        for (const h of this.bleHandlers.slice()) h(connected);
      }
    });
  }

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
  /** zml adds jsonrpc to an object it calls with, as here. */
  call(data: unknown): Promise<void> {
    if (!this.connected) return Promise.reject(Object.assign(new Error("ble disconnect"), { code: 2 }));
    const framed = data !== null && typeof data === "object" && !Array.isArray(data) ? { jsonrpc: "hmrpcv1", ...(data as object) } : data;
    if (!this.link.send({ k: "msg", data: framed }))
      return Promise.reject(Object.assign(new Error("side service is not running"), { code: 3 }));
    return Promise.resolve();
  }
  request(): Promise<never> {
    return Promise.reject(new Error("the page does not use request"));
  }
}
