// A page's link to a running preview, from Node: the WebSocket a watch, settings or shell page opens
// (with the Origin the server checks for), the frames it receives, and how it closed.
import { WebSocket } from "ws";
import type { Preview } from "../../../preview/server/preview";

export type LinkName = "watch" | "settings" | "shell";

export interface PageLink {
  readonly ws: WebSocket;
  /** Every frame received, parsed. */
  readonly frames: { k: string; [field: string]: unknown }[];
  /** Resolves with the close code once the link has closed. */
  readonly closed: Promise<number>;
  /** Waits for a received frame that `match` accepts. */
  frame(
    match: (frame: { k: string; [field: string]: unknown }) => boolean,
    timeoutMs?: number,
  ): Promise<{ k: string; [field: string]: unknown }>;
  close(): Promise<number>;
}

/** Opens `/link/<link>?phone=<phone>`; resolves once it is open, rejects if the server refuses it. */
export function openLink(preview: Preview, link: LinkName, phone: string): Promise<PageLink> {
  const ws = new WebSocket(`ws://127.0.0.1:${preview.port}/link/${link}?phone=${phone}`, { origin: `http://127.0.0.1:${preview.port}` });
  const frames: PageLink["frames"] = [];
  const waiting = new Set<() => void>();
  ws.on("message", (data) => {
    frames.push(JSON.parse(data.toString()));
    for (const check of Array.from(waiting)) check();
  });
  // The client sees the server's refusals as errors too; the close code is what the tests look at.
  ws.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const pageLink: PageLink = {
    ws,
    frames,
    closed,
    frame: (match, timeoutMs = 10000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no such frame on the ${link} link within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const found = frames.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      }),
    close: () => {
      ws.close();
      return closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(pageLink));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`the server answered ${res.statusCode}`)));
    closed.then((code) => reject(new Error(`closed before it opened (${code})`)));
  });
}

/** Resolves once `condition` holds, checking every 20 ms; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited >= timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
