// The companion's end of the messaging channel to the watch: validates what arrives, encodes what
// leaves (size and version only: the watch validates what it receives), and holds what cannot be sent
// yet (the socket closes whenever the phone is out of reach) so that a request made before a disconnect
// is still answered once the socket opens again.
import { PeerSocketLike } from "../../common/peer-socket";
import { ToCompanion, ToWatch, decodeToCompanion, encodeToWatch, messageType } from "../../common/protocol";

/** Beyond this, older call results are dropped: the watch gives up on them and asks again. */
const MAX_QUEUED = 24;
/** Keep the socket's own buffer shallow: what waits here can still be coalesced. */
const MAX_BUFFERED_BYTES = 4096;

export interface WatchLink {
  send(msg: ToWatch): void;
}

export function watchLink(socket: PeerSocketLike, onRequest: (msg: ToCompanion) => void, log: (line: string) => void): WatchLink {
  let queue: object[] = [];

  const flush = () => {
    while (queue.length > 0 && socket.readyState === socket.OPEN && socket.bufferedAmount < MAX_BUFFERED_BYTES) {
      try {
        socket.send(queue[0]);
      } catch (err) {
        // BUFFER_FULL or closed meanwhile: keep it; bufferedamountdecrease or open will flush again.
        return;
      }
      queue.shift();
    }
  };

  socket.onopen = flush;
  socket.onbufferedamountdecrease = flush;
  socket.onclose = () => undefined;
  socket.onerror = (event) => log(`messaging error ${event && event.code !== undefined ? String(event.code) : ""}`.trim());
  socket.onmessage = (event) => {
    const msg = decodeToCompanion(event.data);
    if (!msg) {
      log(`dropped malformed message ${messageType(event.data)}`);
      return;
    }
    onRequest(msg);
  };

  return {
    send(msg) {
      const wire = encodeToWatch(msg, socket.MAX_MESSAGE_SIZE);
      if (!wire) {
        log(`not sent, too large: ${msg.t}`);
        return;
      }
      // Only the newest state matters: a newer one replaces any state still waiting.
      if (msg.t === "state") queue = queue.filter((m) => (m as { t?: string }).t !== "state");
      queue.push(wire);
      if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
      flush();
    },
  };
}
