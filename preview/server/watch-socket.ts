// The companion's end of Fitbit messaging, carried over the watch page's WebSocket. It behaves as
// peerSocket does: closed until a watch app is connected and the phone is in reach, one JSON value per
// send, refused when closed or bigger than MAX_MESSAGE_SIZE, delivered asynchronously as a copy, and
// whatever is in flight when the channel closes is lost.
import type { WebSocket } from "ws";
import { PeerSocketBase } from "../shared/peer-socket";
import type { Refusal } from "./link-frames";
import { MAX_MESSAGE_SIZE, REPLACED_CLOSE_CODE, ToWatchPage, messageJson, utf8Bytes } from "../shared/wire";

export class WatchSocket extends PeerSocketBase {
  private page: WebSocket | undefined;
  private inReach = true;
  /** Bumped on every close, so a message in flight across a close is dropped. */
  private generation = 0;

  constructor(private readonly log: (line: string) => void) {
    super();
  }

  // ---- PeerSocketLike: what the companion uses ---------------------------------------------------

  send(data: unknown): void {
    const bytes = this.checkSend(data, this.readyState === this.OPEN && !!this.page);
    this.log(`messaging: phone \u2192 watch  ${summary(data)} (${bytes} B)`);
    this.toPage({ k: "msg", data });
  }

  // ---- the preview's side ------------------------------------------------------------------------

  /** A watch page connected; a page already connected for this phone is replaced (one watch per phone). */
  attach(page: WebSocket): void {
    if (this.page && this.page !== page) {
      const old = this.page;
      this.detach(old);
      old.close(REPLACED_CLOSE_CODE, "another watch page took this phone");
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

  /** The watch app sent `data`; says why it was dropped, if it was. */
  fromWatch(data: unknown): Refusal | undefined {
    if (this.readyState !== this.OPEN) return undefined; // the watch's own socket refuses a send when closed
    // Measured once, and copied from that measure: a value too deep for JSON.stringify is refused here
    // rather than throwing in the middle of the server's frame handling.
    const json = messageJson(data);
    if (json === undefined) return "its data has no JSON to measure (not a JSON value, or nested too deeply)";
    const bytes = utf8Bytes(json);
    if (bytes > MAX_MESSAGE_SIZE) return `its data is ${bytes} B of JSON, over MAX_MESSAGE_SIZE`;
    this.log(`messaging: watch \u2192 phone  ${summary(data)} (${bytes} B)`);
    const generation = this.generation;
    const copy = JSON.parse(json);
    setImmediate(() => {
      if (generation === this.generation && this.readyState === this.OPEN) this.fire("message", { type: "message", data: copy });
    });
    return undefined;
  }

  private update(): void {
    const open = this.page !== undefined && this.inReach;
    if (open && this.readyState !== this.OPEN) {
      this.readyState = this.OPEN;
      // The watch hears of the open first, so whatever the companion flushes now arrives after it.
      this.log("messaging: open");
      this.toPage({ k: "open" });
      this.fire("open", { type: "open" });
    } else if (!open && this.readyState === this.OPEN) {
      this.readyState = this.CLOSED;
      this.generation++;
      this.log(`messaging: closed (${this.page ? "phone out of reach" : "watch app gone"})`);
      this.toPage({ k: "close" });
      this.fire("close", { type: "close", code: "CONNECTION_LOST", wasClean: false });
    }
  }

  private toPage(frame: ToWatchPage): void {
    const page = this.page;
    if (page && page.readyState === page.OPEN) page.send(JSON.stringify(frame));
  }

  /** A companion handler that throws is logged, not allowed to take the preview server down. */
  protected fire(type: string, event: object): void {
    try {
      super.fire(type, event);
    } catch (err) {
      this.log(`companion ${type} handler threw: ${(err as Error).message}`);
    }
  }
}

/** What a message is, never what it carries: its type, and the view's name for a state. */
function summary(data: unknown): string {
  const word = (v: unknown) => (typeof v === "string" && /^[A-Za-z]{1,16}$/.test(v) ? v : "?");
  const d = data as { t?: unknown; view?: { s?: unknown } } | null;
  if (!d || typeof d !== "object") return typeof data;
  return d.t === "state" && d.view && typeof d.view === "object" ? `state ${word(d.view.s)}` : word(d.t);
}
