// What a page sends over its link, read as outside input: anyone on the machine can open a WebSocket to
// the preview and send any frame. Each frame is read in one place, step by step (a text frame, valid
// UTF-8, a JSON object with a kind, a kind the link takes, handled without a throw); a frame that fails a
// step is dropped, or closes its one connection where the WebSocket protocol says so, and a line says
// which link, what kind of frame and how big, never what it carried. The server itself never stops.
// Frames to a page go out only while its link is open (sendFrame).
import type { RawData, WebSocket } from "ws";
import { ToSettingsPage, ToShell, parseFrame } from "../shared/wire";

export type LinkName = "watch" | "settings" | "shell" | "zepp-watch" | "zepp-settings";
export type Frame = NonNullable<ReturnType<typeof parseFrame>>;

/** The largest frame a page may send; the WebSocket server refuses bigger ones (the link closes). */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Close code for a text frame that is not UTF-8 (RFC 6455: 1007, inconsistent data). */
const NOT_UTF8_CLOSE_CODE = 1007;

/** The kinds named in a log line: the ones the pages send. Any other `k` is the sender's text. */
const KNOWN_KINDS = ["msg", "log", "set", "reach"];

/** Why a frame was not taken, in words that carry nothing of the frame. */
export type Refusal = string;
export const NOT_TAKEN: Refusal = "not one this link takes";

/**
 * Hands each frame `ws` receives to `take`, which answers why it did not take it, if it did not.
 * The WebSocket server must be made with `skipUTF8Validation` (this reads the UTF-8 itself, so that
 * the line it logs can say the frame's size) and `maxPayload: MAX_FRAME_BYTES`.
 */
export function readFrames(ws: WebSocket, link: LinkName, log: (line: string) => void, take: (frame: Frame) => Refusal | undefined): void {
  // Without a listener, the error `ws` emits for a frame it refuses would end the process.
  ws.on("error", (err) => log(`${link} link closed: ${protocolError(err)}`));
  ws.on("message", (raw: RawData, isBinary: boolean) => {
    const bytes = byteLength(raw);
    const dropped = (what: string, why: Refusal) => log(`${link} link: dropped ${what} (${bytes} B): ${why}`);
    if (isBinary) return dropped("a binary frame", "the pages send text");
    const text = utf8(raw);
    if (text === undefined) {
      log(`${link} link closed: a text frame of ${bytes} B that is not UTF-8`);
      ws.close(NOT_UTF8_CLOSE_CODE);
      return;
    }
    const frame = parseFrame(text);
    if (!frame) return dropped("a text frame", "not a JSON object with a kind");
    const kind = KNOWN_KINDS.indexOf(frame.k) >= 0 ? `a ${frame.k} frame` : "a frame of an unknown kind";
    let refusal: Refusal | undefined;
    try {
      refusal = take(frame);
    } catch (err) {
      refusal = `handling it threw ${errorName(err)}`;
    }
    if (refusal !== undefined) dropped(kind, refusal);
  });
}

/** Sends `frame` to a page, if its link is still open (a page may go at any time). */
export function sendFrame(ws: WebSocket, frame: ToShell | ToSettingsPage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

/** What `ws` refused, by its error code: never its message's free text. */
function protocolError(err: Error): string {
  const code = (err as { code?: unknown }).code;
  if (code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") return `a frame over ${MAX_FRAME_BYTES} B`;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? code : "a WebSocket error";
}

function errorName(err: unknown): string {
  const name = err instanceof Error ? err.name : "";
  return /^[A-Za-z]{1,40}$/.test(name) ? name : "an error";
}

/** ws hands a message over as one Buffer, unless told otherwise (binaryType): all three are handled. */
function chunks(raw: RawData): Buffer[] {
  if (Array.isArray(raw)) return raw;
  return [Buffer.isBuffer(raw) ? raw : Buffer.from(raw)];
}

function byteLength(raw: RawData): number {
  return chunks(raw).reduce((sum, chunk) => sum + chunk.length, 0);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function utf8(raw: RawData): string | undefined {
  try {
    return strictUtf8.decode(Buffer.concat(chunks(raw)));
  } catch (_) {
    return undefined;
  }
}
