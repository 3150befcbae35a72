// What Fitbit's peerSocket is on both ends of the preview (the watch page's `messaging` shim and the
// companion's end in the server): its constants, its on* handlers and listeners, and the checks `send`
// makes before anything leaves. Each end adds only how its messages travel; the app and the companion
// see it as the PeerSocketLike of common/peer-socket.ts.
import { PeerSocketLike } from "../../common/peer-socket";
import { MAX_MESSAGE_SIZE, messageBytes } from "./wire";

type Handler = ((event: any) => void) | null | undefined;

export abstract class PeerSocketBase implements PeerSocketLike {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readonly MAX_MESSAGE_SIZE = MAX_MESSAGE_SIZE;
  readyState: number = 3;
  bufferedAmount = 0;
  onopen: Handler = null;
  onclose: Handler = null;
  onmessage: Handler = null;
  onerror: Handler = null;
  onbufferedamountdecrease: Handler = null;
  private listeners: { [type: string]: ((event: any) => void)[] } = {};

  /** How a message travels from this end: each end's own. */
  abstract send(data: unknown): void;

  addEventListener(type: string, listener: (event: any) => void): void {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }

  removeEventListener(type: string, listener: (event: any) => void): void {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
  }

  /** As peerSocket.send refuses: when closed, not JSON, or over MAX_MESSAGE_SIZE. Returns the bytes. */
  protected checkSend(data: unknown, open: boolean): number {
    if (!open) throw new Error("peerSocket is not open");
    const bytes = messageBytes(data);
    if (bytes < 0) throw new TypeError("peerSocket.send: not a JSON value");
    if (bytes > MAX_MESSAGE_SIZE) throw new Error(`message of ${bytes} bytes exceeds MAX_MESSAGE_SIZE ${MAX_MESSAGE_SIZE}`);
    return bytes;
  }

  protected fire(type: string, event: object): void {
    const handler = (this as unknown as { [k: string]: Handler })["on" + type];
    if (handler) handler(event);
    for (const l of (this.listeners[type] || []).slice()) l(event);
  }
}
