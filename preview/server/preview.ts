// The preview: cognito-local seeded with the demo pool, an HTTP server on loopback for the pages and
// bundles, and WebSocket links from the pages to one Phone (companion + stores) per `?phone=` id
// (phones.ts: how long a phone lives). What a page sends is outside input (link-frames.ts).
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { printable } from "../../devkit/printable";
import { isPrivateKey } from "../../zepp/shared/side-keys";
import { startCognitoLocal, CognitoLocal } from "../../sandbox/cognito-local";
import { DemoSeed, seedDemo, SeedDemoOptions } from "../../sandbox/seed-demo";
import { DEFAULT_PHONE, DemoInfo, PHONE_ID } from "../shared/wire";
import { APP_SOURCES, BUNDLES, BundleName, ROOT, WatchSources, buildBundle } from "./bundles";
import { MAX_FRAME_BYTES, NOT_TAKEN, readFrames, sendFrame } from "./link-frames";
import { Phone } from "./phone";
import { PhoneEntry, Phones, PhonesOptions } from "./phones";
import { ZeppPhone } from "./zepp-phone";

const HOST = "127.0.0.1";
/** Preview.log keeps this many lines: pages can log without end, the server must not keep it all. */
export const LOG_LINES_KEPT = 5000;
/** The most of one watch log line that is printed. */
const WATCH_LINE_MAX = 500;
/** Close code for a page whose phone has no room (RFC 6455: 1013, try again later). */
const NO_ROOM_CLOSE_CODE = 1013;

export interface PreviewOptions {
  /** Default 0: a port the OS chooses. */
  port?: number;
  /** Access and ID token lifetime of the demo app client (default: seedDemo's, 60 s). */
  tokenLifetime?: SeedDemoOptions["tokenLifetime"];
  /** Where log lines go (companion, watch, server); default console.log. */
  log?: (line: string) => void;
  /** What the watch runs; default the app's resources/ and app/index.ts (the preview's tests use fixtures). */
  watch?: WatchSources;
  /** How long a phone outlives its last page (default PHONE_GRACE_MS, phones.ts). */
  phoneGraceMs?: PhonesOptions["graceMs"];
  /** How many phones may exist at once (default MAX_PHONES, phones.ts). */
  maxPhones?: PhonesOptions["max"];
}

export interface Preview {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  readonly demo: DemoSeed;
  readonly cognito: CognitoLocal;
  /** The phone with this id, made on first use (as a page connecting does; then released as an idle
   *  phone is). Throws when there is no room for another phone. */
  phone(id?: string): Phone;
  /** The Zepp phone of the same id (its side service, settings and tokens), made as `phone` makes one. */
  zepp(id?: string): ZeppPhone;
  /** The ids of the phones that exist now. */
  phoneIds(): string[];
  /** The last LOG_LINES_KEPT log lines (each phone's last lines are also shown on its pages). */
  readonly log: readonly string[];
  /** Closes the pages' links and the server, stops the companions and the emulator. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const print = options.log || ((line: string) => console.log(line));
  const watchSources = options.watch || APP_SOURCES;
  const allLines: string[] = [];
  const cognito = await startCognitoLocal();
  let demo: DemoSeed;
  try {
    demo = await seedDemo(cognito.endpoint, options.tokenLifetime ? { tokenLifetime: options.tokenLifetime } : {});
  } catch (err) {
    await cognito.stop();
    throw err;
  }

  const phones = new Phones({
    seed: demo,
    onLine: (id, line) => {
      const stamped = `[${id}] ${line}`;
      allLines.push(stamped);
      if (allLines.length > LOG_LINES_KEPT) allLines.splice(0, allLines.length - LOG_LINES_KEPT);
      print(stamped);
    },
    graceMs: options.phoneGraceMs,
    max: options.maxPhones,
  });

  const demoInfo: DemoInfo = {
    endpoint: demo.endpoint,
    userPoolId: demo.userPoolId,
    clientId: demo.clientId,
    username: demo.username,
    temporaryPassword: demo.temporaryPassword,
    tokenLifetimeSeconds: seconds(demo.tokenLifetime),
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err) => {
      print(`server: ${req.url}: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });
  // UTF-8 is checked by readFrames, which can then say how big a frame that is not UTF-8 was.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, skipUTF8Validation: true });
  let port = 0;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url || "/", "http://x");
    if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, "text/plain", "GET only");
    const page = PAGES[url.pathname];
    if (page) return reply(res, 200, page.type, readFileSync(join(ROOT, "preview", "page", page.file)));
    if (url.pathname in BUNDLES) {
      try {
        return reply(res, 200, "text/javascript", await buildBundle(url.pathname as BundleName, watchSources));
      } catch (err) {
        const message = (err as Error).message;
        print(`server: ${url.pathname} does not build:\n${message}`);
        return reply(
          res,
          200,
          "text/javascript",
          `document.body.innerHTML = "<pre style='color:#f66;white-space:pre-wrap'></pre>";
document.body.firstChild.textContent = ${JSON.stringify(`${url.pathname} does not build:\n${message}`)};`,
        );
      }
    }
    const resource = /^\/resources\/([\w-]+\.(png|jpg))$/.exec(url.pathname);
    if (resource) {
      try {
        return reply(
          res,
          200,
          resource[2] === "png" ? "image/png" : "image/jpeg",
          readFileSync(join(watchSources.resourcesDir, resource[1])),
        );
      } catch (_) {
        // fall through to 404
      }
    }
    reply(res, 404, "text/plain", "not found");
  }

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url || "/", "http://x");
    const link = /^\/link\/(watch|settings|shell|zepp-watch|zepp-settings)$/.exec(url.pathname);
    const id = url.searchParams.get("phone") || DEFAULT_PHONE;
    // Only our own pages: a web site open in the same browser must not reach the phone (DNS rebinding,
    // cross-site WebSocket).
    const ours = [`${HOST}:${port}`, `localhost:${port}`];
    const origin = req.headers.origin;
    if (
      !link ||
      !PHONE_ID.test(id) ||
      ours.indexOf(req.headers.host || "") < 0 ||
      (origin && ours.map((h) => `http://${h}`).indexOf(origin) < 0)
    ) {
      socket.write("HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const hold = phones.hold(id);
      if (!hold) {
        print(`server: refused a ${link[1]} page of a new phone: every phone has pages`);
        ws.close(NO_ROOM_CLOSE_CODE, "too many phones");
        return;
      }
      ws.on("close", hold.release);
      if (link[1] === "watch") linkWatch(ws, hold.entry);
      else if (link[1] === "settings") linkSettings(ws, hold.entry);
      else if (link[1] === "zepp-watch") linkZeppWatch(ws, hold.entry);
      else if (link[1] === "zepp-settings") linkZeppSettings(ws, hold.entry);
      else linkShell(ws, hold.entry);
    });
  });

  function linkWatch(ws: WebSocket, entry: PhoneEntry): void {
    const { phone } = entry;
    readFrames(ws, "watch", entry.log, (frame) => {
      if (frame.k === "msg") return phone.watch.fromWatch(frame.data);
      if (frame.k !== "log" || typeof frame.line !== "string") return NOT_TAKEN;
      // The page's own words, on one line: a line break or a terminal escape in it must not forge lines.
      entry.log(`watch: ${printable(frame.line, WATCH_LINE_MAX)}`);
      return undefined;
    });
    ws.on("close", () => phone.watch.detach(ws));
    phone.watch.attach(ws);
    phone.wake("peerAppLaunched");
  }

  function linkSettings(ws: WebSocket, { phone, log }: PhoneEntry): void {
    sendFrame(ws, { k: "snapshot", items: phone.settings.snapshot() });
    const unwatch = phone.settings.watchFromPage((key, value) => sendFrame(ws, { k: "set", key, value }));
    readFrames(ws, "settings", log, (frame) => {
      if (frame.k !== "set" || typeof frame.key !== "string" || (typeof frame.value !== "string" && frame.value !== null)) return NOT_TAKEN;
      phone.settings.fromPage(frame.key, frame.value);
      return undefined;
    });
    ws.on("close", unwatch);
  }

  // The Zepp watch page: its zml calls go to the Zepp phone's side service, its console to the log.
  function linkZeppWatch(ws: WebSocket, entry: PhoneEntry): void {
    const { zepp } = entry;
    readFrames(ws, "zepp-watch", entry.log, (frame) => {
      if (frame.k === "msg") return zepp.watch.fromWatch(frame.data);
      if (frame.k !== "log" || typeof frame.line !== "string") return NOT_TAKEN;
      entry.log(`zepp watch: ${printable(frame.line, WATCH_LINE_MAX)}`);
      return undefined;
    });
    ws.on("close", () => zepp.watch.detach(ws));
    zepp.watch.attach(ws);
  }

  // The Zepp Settings App page: the Zepp phone's settingsStorage, its private keys neither shown nor taken.
  function linkZeppSettings(ws: WebSocket, { zepp, log }: PhoneEntry): void {
    sendFrame(ws, { k: "snapshot", items: zepp.shared() });
    const onChange = (event: { key: string | null; newValue: unknown }) => {
      if (event.key === null) return sendFrame(ws, { k: "snapshot", items: zepp.shared() });
      if (isPrivateKey(event.key)) return;
      sendFrame(ws, { k: "set", key: event.key, value: event.newValue === null ? null : String(event.newValue) });
    };
    zepp.settings.addListener("change", onChange);
    readFrames(ws, "zepp-settings", log, (frame) => {
      if (frame.k !== "set" || typeof frame.key !== "string" || (typeof frame.value !== "string" && frame.value !== null)) return NOT_TAKEN;
      return zepp.fromPage(frame.key, frame.value) ? undefined : "a key of the side service's own";
    });
    ws.on("close", () => zepp.settings.removeListener("change", onChange));
  }

  function linkShell(ws: WebSocket, entry: PhoneEntry): void {
    entry.shells.add(ws);
    sendFrame(ws, {
      k: "hello",
      demo: demoInfo,
      inReach: entry.phone.watch.isInReach,
      zeppInReach: entry.zepp.watch.isInReach,
      log: entry.lines.slice(),
    });
    readFrames(ws, "shell", entry.log, (frame) => {
      if (frame.k !== "reach" || typeof frame.inReach !== "boolean") return NOT_TAKEN;
      const zepp = frame.zepp === true;
      if (zepp) entry.zepp.watch.setInReach(frame.inReach);
      else entry.phone.watch.setInReach(frame.inReach);
      const which = zepp ? "Zepp phone" : "phone";
      entry.log(frame.inReach ? `preview: ${which} back in reach` : `preview: ${which} out of reach`);
      for (const shell of entry.shells)
        sendFrame(shell, zepp ? { k: "reach", inReach: frame.inReach, zepp } : { k: "reach", inReach: frame.inReach });
      return undefined;
    });
    ws.on("close", () => entry.shells.delete(ws));
  }

  try {
    port = await listen(server, options.port ?? 0);
  } catch (err) {
    await cognito.stop();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    demo,
    cognito,
    log: allLines,
    phone: (id = DEFAULT_PHONE) => {
      const entry = phones.get(id);
      if (!entry) throw new Error(`no room for the phone ${id}: every phone has pages`);
      return entry.phone;
    },
    zepp: (id = DEFAULT_PHONE) => {
      const entry = phones.get(id);
      if (!entry) throw new Error(`no room for the phone ${id}: every phone has pages`);
      return entry.zepp;
    },
    phoneIds: () => phones.ids(),
    stop() {
      stopping ??= (async () => {
        phones.stop();
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await cognito.stop();
        // esbuild's service process would otherwise outlive us in a long-lived host (jest).
        await esbuild.stop();
      })();
      return stopping;
    },
  };
}

const PAGES: { [path: string]: { file: string; type: string } } = {
  "/": { file: "shell.html", type: "text/html; charset=utf-8" },
  "/watch.html": { file: "watch.html", type: "text/html; charset=utf-8" },
  "/settings.html": { file: "settings.html", type: "text/html; charset=utf-8" },
  "/zepp-watch.html": { file: "zepp-watch.html", type: "text/html; charset=utf-8" },
  "/zepp-settings.html": { file: "zepp-settings.html", type: "text/html; charset=utf-8" },
  "/preview.css": { file: "preview.css", type: "text/css; charset=utf-8" },
};

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(body);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function seconds(lifetime: { value: number; unit: string }): number {
  const per: { [unit: string]: number } = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
  return lifetime.value * (per[lifetime.unit] || 1);
}
