// The page's end of the socket to the side service (zml messaging as a PeerSocketLike): validates what
// arrives (an invalid message is dropped and only its type is logged), encodes what leaves within the
// socket's MAX_MESSAGE_SIZE, and never throws into the UI. The same rules as the Fitbit watch's
// app/connection.ts, over the same common/protocol.ts.
import { ToCompanion, ToWatch, decodeToWatch, encodeToCompanion, messageType } from "../../common/protocol";
import { PeerSocketLike } from "../../common/peer-socket";

export interface ConnectionHandlers {
  open(): void;
  close(): void;
  message(msg: ToWatch): void;
  log(line: string): void;
}

export interface Connection {
  isOpen(): boolean;
  /** False when the message could not be handed to the socket (closed, too large, refused). */
  send(msg: ToCompanion): boolean;
}

export function connect(socket: PeerSocketLike, on: ConnectionHandlers): Connection {
  socket.onopen = () => on.open();
  socket.onclose = () => on.close();
  socket.onerror = (event: { code?: unknown }) => on.log("socket error " + (event && event.code));
  socket.onmessage = (event: { data: unknown }) => {
    const msg = decodeToWatch(event && event.data);
    if (msg) on.message(msg);
    else on.log("dropped message " + messageType(event && event.data));
  };
  const isOpen = () => socket.readyState === socket.OPEN;
  return {
    isOpen,
    send(msg) {
      if (!isOpen()) return false;
      const wire = encodeToCompanion(msg, socket.MAX_MESSAGE_SIZE);
      if (!wire) {
        on.log("not sent, too large: " + msg.t);
        return false;
      }
      try {
        socket.send(wire);
        return true;
      } catch (e) {
        on.log("not sent " + msg.t + ": " + (e && (e as Error).message));
        return false;
      }
    },
  };
}
