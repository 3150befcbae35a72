// An in-memory messaging channel with a watch end and a phone end, each behaving like Fitbit's
// `peerSocket`: closed until opened, one JSON-able value per `send`, refused when closed or bigger than
// MAX_MESSAGE_SIZE (as UTF-8 bytes of its JSON), delivered asynchronously as a copy (it crosses
// Bluetooth on a real device), dropped when the channel closes before delivery.
//
// Pairing a real watch app with a real companion in one test:
//
//   import { createChannel } from "./channel";
//   const channel = createChannel();
//   startApp({ ..., socket: channel.device });          // app/main.ts
//   // companion side: devkit/fakes/companion/messaging.ts exports `peerSocket = defaultChannel.companion`
//   channel.open();                                      // both ends fire `open`
//   await channel.idle();                                // every message in flight delivered
//   channel.log                                          // every message sent, with its size
//
// `defaultChannel` is the one the module fakes share (devkit/fakes/device/messaging.ts and
// devkit/fakes/companion/messaging.ts doing the same with `.companion`), so code that imports
// "messaging" on both sides talks over it.

import { MESSAGE_BUDGET } from "../../common/limits";
import { PeerSocketLike } from "../../common/peer-socket";

/** Fitbit's `peerSocket.MAX_MESSAGE_SIZE` (the simulator's), which the protocol's budget is built on. */
export const MAX_MESSAGE_SIZE = MESSAGE_BUDGET;

// Captured before any test installs fake timers, so `idle` keeps working under them.
const realSetImmediate = setImmediate;

export type End = "device" | "companion";

export interface SentMessage {
  from: End;
  /** What was sent, as the peer receives it (a JSON copy). */
  data: unknown;
  /** UTF-8 bytes of its JSON: what MAX_MESSAGE_SIZE limits. */
  bytes: number;
}

type Listener = (event: any) => void;

/** One end: what the app and the companion take as their PeerSocketLike, plus the channel's hooks. */
export class FakeSocket implements PeerSocketLike {
  // Fitbit's states (the channel uses OPEN and CLOSED: it opens and closes at once).
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readonly MAX_MESSAGE_SIZE: number;
  readyState: number = 3;
  bufferedAmount = 0;
  onopen: Listener | null = null;
  onclose: Listener | null = null;
  onmessage: Listener | null = null;
  onerror: Listener | null = null;
  onbufferedamountdecrease: Listener | null = null;
  private listeners: { [type: string]: Listener[] } = {};

  constructor(
    private readonly end: End,
    private readonly channel: ChannelImpl,
    maxMessageSize: number,
  ) {
    this.MAX_MESSAGE_SIZE = maxMessageSize;
  }

  send(data: unknown): void {
    this.channel.send(this.end, data);
  }

  addEventListener(type: string, listener: Listener): void {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
  }

  /** @internal */
  fire(type: string, event: object): void {
    const handler = (this as any)["on" + type] as Listener | null;
    if (handler) handler(event);
    for (const l of (this.listeners[type] || []).slice()) l(event);
  }
}

export interface Channel {
  readonly device: FakeSocket;
  readonly companion: FakeSocket;
  /** Both ends open and fire `open` (the phone came into reach). */
  open(): void;
  /** Both ends close and fire `close`; messages still in flight are lost. */
  close(): void;
  readonly isOpen: boolean;
  /** Every message accepted by `send`, in order. */
  readonly log: SentMessage[];
  /** Messages refused for their size (they also threw at the sender). */
  readonly oversized: SentMessage[];
  /** Resolves once no message is in flight (handlers that send again are waited for too). */
  idle(): Promise<void>;
  /** Manual mode only: delivers everything queued, including what handlers send meanwhile. */
  deliver(): void;
  /** Closed, empty log, no handlers: as new. */
  reset(): void;
}

export interface ChannelOptions {
  maxMessageSize?: number;
  /** Deliver only on `deliver()` instead of asynchronously by itself. */
  manual?: boolean;
}

class ChannelImpl implements Channel {
  readonly device: FakeSocket;
  readonly companion: FakeSocket;
  readonly log: SentMessage[] = [];
  readonly oversized: SentMessage[] = [];
  private queue: { to: End; json: string; generation: number }[] = [];
  private generation = 0;
  private inFlight = 0;

  constructor(private readonly options: ChannelOptions) {
    const max = options.maxMessageSize ?? MAX_MESSAGE_SIZE;
    this.device = new FakeSocket("device", this, max);
    this.companion = new FakeSocket("companion", this, max);
  }

  get isOpen(): boolean {
    return this.device.readyState === this.device.OPEN;
  }

  open(): void {
    if (this.isOpen) return;
    this.device.readyState = this.companion.readyState = this.device.OPEN;
    this.device.fire("open", { type: "open" });
    this.companion.fire("open", { type: "open" });
  }

  close(): void {
    if (!this.isOpen) return;
    this.generation++; // whatever is queued will not arrive
    this.queue = [];
    this.inFlight = 0;
    this.device.readyState = this.companion.readyState = this.device.CLOSED;
    const event = { type: "close", code: "CONNECTION_LOST", wasClean: false };
    this.device.fire("close", event);
    this.companion.fire("close", event);
  }

  send(from: End, data: unknown): void {
    if (!this.isOpen) throw new Error("peerSocket is not open");
    const json = JSON.stringify(data);
    if (json === undefined) throw new TypeError("peerSocket.send: not a JSON value");
    const sent: SentMessage = { from, data: JSON.parse(json), bytes: Buffer.byteLength(json, "utf8") };
    if (sent.bytes > this.device.MAX_MESSAGE_SIZE) {
      this.oversized.push(sent);
      throw new Error(`message of ${sent.bytes} bytes exceeds MAX_MESSAGE_SIZE ${this.device.MAX_MESSAGE_SIZE}`);
    }
    this.log.push(sent);
    const item = { to: (from === "device" ? "companion" : "device") as End, json, generation: this.generation };
    this.inFlight++;
    if (this.options.manual) this.queue.push(item);
    else Promise.resolve().then(() => this.arrive(item));
  }

  deliver(): void {
    while (this.queue.length > 0) this.arrive(this.queue.shift()!);
  }

  async idle(): Promise<void> {
    if (this.options.manual) return this.deliver();
    // A macrotask turn runs every pending microtask, deliveries and promise-chained replies included.
    do await new Promise<void>((resolve) => realSetImmediate(resolve));
    while (this.inFlight > 0);
  }

  reset(): void {
    this.close();
    this.log.length = 0;
    this.oversized.length = 0;
    for (const s of [this.device, this.companion]) {
      s.onopen = s.onclose = s.onmessage = s.onerror = s.onbufferedamountdecrease = null;
      (s as any).listeners = {};
    }
  }

  private arrive(item: { to: End; json: string; generation: number }): void {
    if (item.generation !== this.generation) return;
    this.inFlight--;
    const to = item.to === "device" ? this.device : this.companion;
    to.fire("message", { type: "message", data: JSON.parse(item.json) });
  }
}

export function createChannel(options: ChannelOptions = {}): Channel {
  return new ChannelImpl(options);
}

/** The channel the "messaging" module fakes of both sides share. */
export const defaultChannel: Channel = createChannel();
