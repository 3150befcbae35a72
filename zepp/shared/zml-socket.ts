// The messaging socket both Zepp ends use: zml's one-way `call` / `onCall`, wrapped as the PeerSocketLike
// (common/peer-socket.ts) the watch side (app/connection.ts's shape) and the phone side (core/signin's
// watchLink) already speak, so the same encode/decode and the same size limit hold on Zepp as on Fitbit.
//
// Why `call` and not `request`: the protocol is messages, not request/response pairs. The phone pushes a
// new state whenever it has one (a refresh, a settings-page sign-in) and may answer one request with
// several messages (busy, then the result); zml's `request` pairs one answer with one question and fails
// it after 60 s. `call` carries one JSON value each way with no answer, which is what a socket is.
//
// zml adds `jsonrpc: "hmrpcv1"` to every object it calls with, and the protocol's decoders refuse unknown
// fields: the message therefore travels as `params` of `{ method: ZML_METHOD, params }`, zml's own
// convention, and anything else that arrives is passed on as it is, for the decoder to drop and log.
import { PeerSocketLike } from "../../common/peer-socket";
import { MESSAGE_BUDGET } from "../../common/limits";
import { jsonBytes } from "../../common/text";

/** The `method` of every protocol message on zml's `call`. */
export const ZML_METHOD = "fitbit-cognito";

/** zml's `call` of a page (`this.call`) or a side service (`this.call`): may return a promise that
 *  rejects when nothing carried the message (Bluetooth down, the other end not running). */
export type ZmlCall = (data: { method: string; params: unknown }) => unknown;

export interface ZmlSocket {
  readonly socket: PeerSocketLike;
  /** What zml's `onCall` received. */
  receive(data: unknown): void;
  /** The other end is reachable (again): fires `open`. */
  open(): void;
  /** The other end is gone (Bluetooth down, a call refused): fires `close`. */
  close(): void;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/**
 * `open`: whether the socket starts open. The side service starts so (it runs because the watch app or the
 * settings asked for it, and a state sent to a closed page is only lost: the page asks again on open); a
 * page may start closed and open when it first hears from the phone or zml's Bluetooth status says so.
 */
export function zmlSocket(call: ZmlCall, options: { open?: boolean; log?: (line: string) => void } = {}): ZmlSocket {
  const log = options.log || (() => undefined);
  const fire = (name: "onopen" | "onclose" | "onmessage" | "onerror", event: object) => {
    const handler = socket[name];
    if (handler) handler(event);
  };
  const socket: PeerSocketLike & { readyState: number; CONNECTING: number; CLOSED: number } = {
    CONNECTING,
    OPEN,
    CLOSED,
    readyState: options.open ? OPEN : CONNECTING,
    bufferedAmount: 0,
    MAX_MESSAGE_SIZE: MESSAGE_BUDGET,
    send(data: unknown) {
      if (socket.readyState !== OPEN) throw new Error("socket not open");
      if (jsonBytes(data) > MESSAGE_BUDGET) throw new Error("message too large");
      let sent: unknown;
      try {
        sent = call({ method: ZML_METHOD, params: data });
      } catch (err) {
        refused(err);
        throw err;
      }
      if (sent && typeof (sent as Promise<unknown>).then === "function") (sent as Promise<unknown>).then(undefined, refused);
    },
    onopen: null,
    onclose: null,
    onmessage: null,
    onerror: null,
    onbufferedamountdecrease: null,
  };
  // zml's errors carry a numeric code (1 shake timeout, 2 Bluetooth down, 3 side service not running).
  const refused = (err: unknown) => {
    const code = err && typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : undefined;
    log(`messaging: not delivered${code !== undefined ? ` (${code})` : ""}`);
    fire("onerror", { code });
    close();
  };
  const open = () => {
    if (socket.readyState === OPEN) return;
    socket.readyState = OPEN;
    fire("onopen", {});
  };
  const close = () => {
    if (socket.readyState === CLOSED) return;
    socket.readyState = CLOSED;
    fire("onclose", {});
  };
  return {
    socket,
    receive(data) {
      // Hearing from the other end means it is there.
      open();
      const wrapped = data as { method?: unknown; params?: unknown } | null;
      const isOurs = wrapped !== null && typeof wrapped === "object" && wrapped.method === ZML_METHOD;
      fire("onmessage", { data: isOurs ? wrapped!.params : data });
    },
    open,
    close,
  };
}
