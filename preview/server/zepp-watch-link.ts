// The Zepp phone's end of zml messaging, carried over the Zepp watch page's WebSocket. The watch page's zml
// calls with a JSON value (`{method, params}`); here each call is framed as zml frames it over Bluetooth
// (devkit/fakes/zepp/zml-wire.ts) and handed to the side service's `messaging.peerSocket`, whose real zml
// reads it; what the side service's zml writes there is read back into its JSON and sent to the page, whose
// messaging stand-in hands it to the page's onCall. Open while a watch page is connected and the phone is in
// reach (the page hears it as zml's Bluetooth status); a call across a close is lost.
import type { WebSocket } from "ws";
import { callFrame, readFrame, PAYLOAD_CALL } from "../../devkit/fakes/zepp/zml-wire";
import type { Refusal } from "./link-frames";
import { MAX_MESSAGE_SIZE, REPLACED_CLOSE_CODE, ToWatchPage, messageJson, utf8Bytes } from "../shared/wire";

/** zml's wrapping of a message (`{method, params}`, jsonrpc added) around the protocol's budget. */
export const MAX_CALL_BYTES = MAX_MESSAGE_SIZE + 256;

type SideListener = (data: ArrayBuffer) => void;

export class ZeppWatchLink {
  private page: WebSocket | undefined;
  private inReach = true;
  private open = false;
  private generation = 0;
  private sideListeners: SideListener[] = [];

  constructor(private readonly log: (line: string) => void) {}

  /** The side service's `messaging.peerSocket`. */
  readonly peerSocket = {
    addListener: (type: string, listener: SideListener) => {
      if (type === "message") this.sideListeners.push(listener);
    },
    removeListener: (type: string, listener?: SideListener) => {
      if (type === "message") this.sideListeners = listener ? this.sideListeners.filter((l) => l !== listener) : [];
    },
    send: (data: ArrayBuffer | ArrayBufferView) => this.fromSide(data),
  };

  attach(page: WebSocket): void {
    if (this.page && this.page !== page) {
      const old = this.page;
      this.detach(old);
      old.close(REPLACED_CLOSE_CODE, "another Zepp watch page took this phone");
    }
    this.page = page;
    this.update();
  }

  detach(page: WebSocket): void {
    if (this.page !== page) return;
    this.page = undefined;
    this.update();
  }

  setInReach(inReach: boolean): void {
    this.inReach = inReach;
    this.update();
  }

  get isInReach(): boolean {
    return this.inReach;
  }

  /** The page's zml called with `data`; says why it was dropped, if it was. */
  fromWatch(data: unknown): Refusal | undefined {
    if (!this.open) return undefined; // the page's zml refuses a call while Bluetooth is down
    const json = messageJson(data);
    if (json === undefined) return "its data has no JSON to measure";
    const bytes = utf8Bytes(json);
    if (bytes > MAX_CALL_BYTES) return `its data is ${bytes} B of JSON, over a zml call of the protocol's budget`;
    this.log(`zepp messaging: watch \u2192 phone  ${summary(data)} (${bytes} B)`);
    const frame = callFrame(JSON.parse(json));
    const generation = this.generation;
    // Bluetooth and the phone's runtime in between: later, never within the page's frame handling.
    setImmediate(() => {
      if (generation !== this.generation) return;
      for (const l of this.sideListeners.slice()) {
        try {
          l(frame);
        } catch (err) {
          this.log(`zepp side service: its message handler threw ${(err as Error).name}`);
        }
      }
    });
    return undefined;
  }

  private fromSide(data: ArrayBuffer | ArrayBufferView): void {
    const frame = readFrame(data);
    // zml's own control frames (shake, close) are not messages.
    if (frame.payloadType !== PAYLOAD_CALL) return;
    if (!this.open) {
      this.log(`zepp messaging: phone \u2192 watch dropped, no watch in reach (${frame.bytes} B)`);
      return;
    }
    this.log(`zepp messaging: phone \u2192 watch  ${summary(frame.json)} (${frame.bytes} B)`);
    this.toPage({ k: "msg", data: frame.json });
  }

  private update(): void {
    const open = this.page !== undefined && this.inReach;
    if (open === this.open) return;
    this.open = open;
    if (!open) this.generation++;
    this.log(open ? "zepp messaging: open" : `zepp messaging: closed (${this.page ? "phone out of reach" : "watch app gone"})`);
    this.toPage(open ? { k: "open" } : { k: "close" });
  }

  private toPage(frame: ToWatchPage): void {
    const page = this.page;
    if (page && page.readyState === page.OPEN) page.send(JSON.stringify(frame));
  }
}

/** What a call is, never what it carries: the protocol message's type, and the view's name for a state. */
function summary(data: unknown): string {
  const word = (v: unknown) => (typeof v === "string" && /^[A-Za-z]{1,16}$/.test(v) ? v : "?");
  const wrapped = data as { params?: { t?: unknown; view?: { s?: unknown } } } | null;
  const d = wrapped && typeof wrapped === "object" ? wrapped.params : undefined;
  if (!d || typeof d !== "object") return typeof d;
  return d.t === "state" && d.view && typeof d.view === "object" ? `state ${word(d.view.s)}` : word(d.t);
}
