// Authorized calls to the wearer's own service, made by the companion on the watch's behalf: `request`
// sends `call`, `receive` joins the `callResult` parts (or takes the `callError`) and answers once.
import { Note, ToCompanion, ToWatch } from "../common/protocol";

/** `error`: why there is no HTTP response, as the companion says it (a message ID, see common/messages.ts). */
export type CallAnswer = { ok: true; status: number; body: string } | { ok: false; error: Note };
type CallMessage = Extract<ToWatch, { t: "callResult" | "callError" }>;

export interface Calls {
  /** GET `path` below the service URL set in settings; false when it could not be sent. */
  request(path: string, done: (answer: CallAnswer) => void): boolean;
  receive(msg: CallMessage): void;
  /** The socket closed: every call still waiting fails, since its answer will never come. */
  disconnected(): void;
}

interface Pending {
  done: (answer: CallAnswer) => void;
  parts: string[];
  received: number;
}

export function createCalls(send: (msg: ToCompanion) => boolean): Calls {
  let nextId = 1;
  let pending: { [id: string]: Pending } = {};

  function finish(id: number, answer: CallAnswer): void {
    const p = pending[id];
    if (!p) return;
    delete pending[id];
    p.done(answer);
  }

  return {
    request(path, done) {
      const id = nextId++;
      pending[id] = { done, parts: [], received: 0 };
      if (send({ t: "call", id, path })) return true;
      delete pending[id];
      return false;
    },
    receive(msg) {
      const p = pending[msg.id];
      if (!p) return;
      if (msg.t === "callError") return finish(msg.id, { ok: false, error: msg.error });
      if (p.parts[msg.part] !== undefined) return; // a repeat
      p.parts[msg.part] = msg.body;
      p.received++;
      if (p.received === msg.parts) finish(msg.id, { ok: true, status: msg.status, body: p.parts.join("") });
    },
    disconnected() {
      const waiting = pending;
      pending = {};
      for (const id in waiting) waiting[id].done({ ok: false, error: { m: "phoneNotConnected" } });
    },
  };
}
