// The device's "messaging" module: peerSocket, carried to the real companion in the preview server.
// As on the watch: closed until the companion is reachable, send throws when closed or when the JSON
// of the message exceeds MAX_MESSAGE_SIZE bytes, messages arrive asynchronously as copies.
import { PeerSocketBase } from "../../../shared/peer-socket";
import { link } from "../link";

class PeerSocket extends PeerSocketBase {
  constructor() {
    super();
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
    this.checkSend(data, this.readyState === this.OPEN);
    if (!link.send({ k: "msg", data })) throw new Error("peerSocket is not open");
  }
}

export const peerSocket = new PeerSocket();
