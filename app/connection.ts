// The watch's end of the messaging socket: validates what arrives (an invalid message is dropped and
// only its type is logged), encodes what leaves, and never throws into the UI.
import type { MessageSocket } from "messaging";
import { ToCompanion, ToWatch, decodeToWatch, encodeToCompanion, messageType } from "../common/protocol";

/** What the app uses of `peerSocket`; tests/fakes/channel.ts provides the same. */
export type Socket = Pick<MessageSocket, "readyState" | "OPEN" | "send" | "onopen" | "onclose" | "onmessage" | "onerror">;

export interface ConnectionHandlers {
  open(): void;
  close(): void;
  message(msg: ToWatch): void;
  log(line: string): void;
}

export interface Connection {
  isOpen(): boolean;
  /** False when the message could not be handed to the socket (closed, invalid, refused). */
  send(msg: ToCompanion): boolean;
}

export function connect(socket: Socket, on: ConnectionHandlers): Connection {
  socket.onopen = () => on.open();
  socket.onclose = () => on.close();
  socket.onerror = (event) => on.log("socket error " + (event && event.code));
  socket.onmessage = (event) => {
    const msg = decodeToWatch(event.data);
    if (msg) on.message(msg);
    else on.log("dropped message " + messageType(event.data));
  };
  const isOpen = () => socket.readyState === socket.OPEN;
  return {
    isOpen,
    send(msg) {
      if (!isOpen()) return false;
      const wire = encodeToCompanion(msg);
      if (!wire) {
        on.log("not sent, invalid " + msg.t);
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
