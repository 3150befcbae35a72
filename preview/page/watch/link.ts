// The watch page's WebSocket to the preview server: it carries the app's messaging (peerSocket) and
// its log lines. It reconnects by itself when the server restarts; `shutdown` ends it for good (the app
// has exited).
import { DEFAULT_PHONE, FromWatch, REPLACED_CLOSE_CODE, ToWatchPage, parseFrame } from "../../shared/wire";

type Listener = (frame: ToWatchPage) => void;

const RECONNECT_MS = 1000;
const LOG_BACKLOG = 200;

export class WatchLink {
  private ws: WebSocket | null = null;
  private listeners: Listener[] = [];
  private backlog: string[] = [];
  private ended = false;
  /** Called when another page (a second tab) became this phone's watch. */
  onReplaced: (() => void) | null = null;

  /** `path`: the link's name on the server (the Zepp watch page uses "zepp-watch"). */
  constructor(
    private readonly phone: string,
    private readonly path: "watch" | "zepp-watch" = "watch",
  ) {}

  connect(): void {
    if (this.ended) return;
    const ws = new WebSocket(`ws://${location.host}/link/${this.path}?phone=${encodeURIComponent(this.phone)}`);
    this.ws = ws;
    ws.onopen = () => {
      for (const line of this.backlog.splice(0)) this.send({ k: "log", line });
    };
    ws.onmessage = (event) => {
      const frame = parseFrame(event.data) as ToWatchPage | undefined;
      if (frame) this.emit(frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.emit({ k: "close" });
      // Reconnecting would take the phone back from the other tab, which would take it back again.
      if (event.code === REPLACED_CLOSE_CODE) {
        this.ended = true;
        if (this.onReplaced) this.onReplaced();
      }
      if (!this.ended) setTimeout(() => this.connect(), RECONNECT_MS);
    };
  }

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  send(frame: FromWatch): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a log line to the server's terminal and the preview's log panel. */
  log(line: string): void {
    if (this.send({ k: "log", line })) return;
    this.backlog.push(line);
    if (this.backlog.length > LOG_BACKLOG) this.backlog.shift();
  }

  /** The app exited: its end of messaging closes, as on the watch. */
  shutdown(): void {
    this.ended = true;
    const ws = this.ws;
    this.ws = null;
    this.emit({ k: "close" });
    if (ws) ws.close();
  }

  private emit(frame: ToWatchPage): void {
    for (const l of this.listeners.slice()) l(frame);
  }
}

export const phoneId = new URLSearchParams(location.search).get("phone") || DEFAULT_PHONE;
export const link = new WatchLink(phoneId);
