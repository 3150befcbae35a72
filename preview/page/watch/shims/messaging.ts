// The device's "messaging" module: peerSocket, carried to the real companion in the preview server.
// As on the watch: closed until the companion is reachable, send throws when closed or when the JSON
// of the message exceeds MAX_MESSAGE_SIZE bytes, messages arrive asynchronously as copies.
import { MAX_MESSAGE_SIZE, messageBytes } from "../../../shared/wire";
import { link } from "../link";

type Handler = ((event: any) => void) | null;

class PeerSocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readonly MAX_MESSAGE_SIZE = MAX_MESSAGE_SIZE;
  readyState = 3;
  bufferedAmount = 0;
  onopen: Handler = null;
  onclose: Handler = null;
  onmessage: Handler = null;
  onerror: Handler = null;
  onbufferedamountdecrease: Handler = null;
  private listeners: { [type: string]: ((event: any) => void)[] } = {};

  constructor() {
    link.on((frame) => {
      if (frame.k === "open" && this.readyState !== this.OPEN) {
        this.readyState = this.OPEN;
        this.fire("open", { type: "open" });
      } else if (frame.k === "close" && this.readyState === this.OPEN) {
        this.readyState = this.CLOSED;
        this.fire("close", { type: "close", code: "CONNECTION_LOST", reason: "", wasClean: false });
      } else if (frame.k === "msg" && this.readyState === this.OPEN) {
        this.fire("message", { type: "message", data: frame.data });
      }
    });
  }

  send(data: unknown): void {
    if (this.readyState !== this.OPEN) throw new Error("peerSocket is not open");
    const bytes = messageBytes(data);
    if (bytes < 0) throw new TypeError("peerSocket.send: not a JSON value");
    if (bytes > MAX_MESSAGE_SIZE) throw new Error(`message of ${bytes} bytes exceeds MAX_MESSAGE_SIZE ${MAX_MESSAGE_SIZE}`);
    if (!link.send({ k: "msg", data })) throw new Error("peerSocket is not open");
  }

  addEventListener(type: string, listener: (event: any) => void): void {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }

  removeEventListener(type: string, listener: (event: any) => void): void {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
  }

  private fire(type: string, event: object): void {
    const handler = (this as unknown as { [k: string]: Handler })["on" + type];
    if (handler) handler(event);
    for (const l of (this.listeners[type] || []).slice()) l(event);
  }
}

export const peerSocket = new PeerSocket();
