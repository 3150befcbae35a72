// What the preview's pages and its server say to each other over WebSockets. Three links per phone, one
// job each, as on a real phone: the watch app's messaging (peerSocket), the settings page's
// settingsStorage, and the preview's own chrome (phone in reach, log lines). The Zepp phone of the same id
// has its own two: the Zepp watch page's messaging (zml's calls, the same frames as the watch's) and the
// Settings App page's settingsStorage (the same frames as the settings page's).
//
// Every frame is one JSON object with a `k` (kind). Anything else is dropped by the receiver.
import { MESSAGE_BUDGET } from "../../common/limits";

/** Fitbit's `peerSocket.MAX_MESSAGE_SIZE` (the simulator's), which the protocol's budget is built on. */
export const MAX_MESSAGE_SIZE = MESSAGE_BUDGET;

/** Watch page → server. */
export type FromWatch =
  /** The app called peerSocket.send(data). */
  | { k: "msg"; data: unknown }
  /** A line the app (or the preview's renderer) logged on the watch. */
  | { k: "log"; line: string };

/** Server → watch page. */
export type ToWatchPage =
  /** Both ends of the messaging channel are open now. */
  | { k: "open" }
  /** The channel closed (phone out of reach, companion gone). */
  | { k: "close" }
  /** The companion called peerSocket.send(data). */
  | { k: "msg"; data: unknown };

/** Settings page → server: the page wrote (value) or removed (null) a setting. */
export type FromSettings = { k: "set"; key: string; value: string | null };

/** Server → settings page. */
export type ToSettingsPage =
  /** Everything in settingsStorage, when the page connects. */
  | { k: "snapshot"; items: { [key: string]: string } }
  /** The companion wrote (value) or removed (null) a setting. */
  | { k: "set"; key: string; value: string | null };

/** Shell (the preview's chrome) → server: the Fitbit phone in reach or not, or the Zepp phone (`zepp`). */
export type FromShell = { k: "reach"; inReach: boolean; zepp?: boolean };

export interface DemoInfo {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  username: string;
  temporaryPassword: string;
  tokenLifetimeSeconds: number;
}

/** Server → shell. */
export type ToShell =
  | { k: "hello"; demo: DemoInfo; inReach: boolean; zeppInReach: boolean; log: string[] }
  | { k: "reach"; inReach: boolean; zepp?: boolean }
  | { k: "log"; line: string };

/** The close code a watch page's WebSocket gets when another page (a second tab) became the phone's
 *  watch: it must not reconnect, or the two would take the phone from each other for ever. */
export const REPLACED_CLOSE_CODE = 4000;

/** Which phone a page belongs to: `?phone=` of its URL, so tests and tabs can have a phone each. */
export const DEFAULT_PHONE = "phone";
export const PHONE_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** The JSON of `data`, as peerSocket sends it; undefined when there is none: not a JSON value, or one
 *  JSON.stringify throws on (a cycle, a BigInt, or nesting some thousands deep, which overflows its
 *  stack: a page can send that much in one frame). */
export function messageJson(data: unknown): string | undefined {
  try {
    return JSON.stringify(data);
  } catch (_) {
    return undefined;
  }
}

/** UTF-8 bytes of the JSON of `data`: what MAX_MESSAGE_SIZE limits on Fitbit's peerSocket; -1 when it
 *  has no JSON (messageJson). */
export function messageBytes(data: unknown): number {
  const json = messageJson(data);
  return json === undefined ? -1 : utf8Bytes(json);
}

/** UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Parses one frame; undefined unless it is a JSON object with a string `k`. */
export function parseFrame(raw: unknown): { k: string; [field: string]: unknown } | undefined {
  if (typeof raw !== "string") return undefined;
  try {
    const value = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) && typeof value.k === "string" ? value : undefined;
  } catch (_) {
    return undefined;
  }
}
