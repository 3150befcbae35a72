// A loopback HTTP server that answers badly on purpose, so tests can prove a client survives what real
// networks and proxies do: never answering, HTML instead of JSON, cut-off bodies, huge bodies, resets,
// and Cognito-style errors in every shape. It records every request so tests can check what was sent.
import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";

export type Behaviour =
  /** Accept the request and never answer. */
  | { kind: "hang" }
  /** An HTML page (a captive portal, a proxy error page) with the given status, default 200. */
  | { kind: "html"; status?: number }
  /** 200, JSON content type, a JSON body cut off part-way. */
  | { kind: "truncated-json" }
  /**
   * A Cognito-style error. `in`: where the type travels — the JSON body (`__type`, `message`), only the
   * `x-amzn-ErrorType` header (`Type:http://internal.amazon.com/coral/com.amazon.coral.service/`), or both.
   */
  | { kind: "cognito-error"; status: number; type: string; message?: string; in?: "body" | "header" | "both" }
  /** 200 with a JSON body of `bytes` bytes (default 10 MB), streamed. */
  | { kind: "huge-body"; bytes?: number }
  /** Headers and the start of a body, then a TCP reset. */
  | { kind: "reset" }
  /** A well-formed JSON answer; `contentType` lets it lie (e.g. `text/html`, as one emulator does). */
  | { kind: "json"; body: unknown; status?: number; contentType?: string }
  /** Wait, then behave as `then`. */
  | { kind: "delay"; ms: number; then: Behaviour }
  /** Anything else: full control over the response. */
  | { kind: "custom"; handle: (request: RecordedRequest, response: ServerResponse) => void };

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-case names, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined if it is not JSON. */
  json: unknown;
}

export interface MisbehavingServer {
  /** `http://127.0.0.1:PORT/` */
  readonly endpoint: string;
  /** Every request received, in order, recorded before it is answered. */
  readonly requests: RecordedRequest[];
  /** Queues behaviours for the next requests, one each, in order. */
  respondWith(...behaviours: Behaviour[]): void;
  /** What requests get once the queue is empty (initially: `always` given to start, else a 500). */
  always(behaviour: Behaviour): void;
  /** Stops listening and destroys every open connection, hung ones included. */
  close(): Promise<void>;
}

export interface MisbehavingServerOptions {
  /** Behaviours for the first requests, in order. */
  queue?: Behaviour[];
  /** Behaviour once the queue is empty. Default: a 500 whose JSON says nothing was queued. */
  always?: Behaviour;
}

const NOTHING_QUEUED: Behaviour = {
  kind: "json",
  status: 500,
  body: { __type: "MisbehavingServer#NothingQueued", message: "no behaviour was queued for this request" },
};

export const CORAL_ERROR_URI = "http://internal.amazon.com/coral/com.amazon.coral.service/";
export const TEN_MEGABYTES = 10 * 1024 * 1024;

export async function startMisbehavingServer(options: MisbehavingServerOptions = {}): Promise<MisbehavingServer> {
  const queue: Behaviour[] = [...(options.queue ?? [])];
  let fallback = options.always ?? NOTHING_QUEUED;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const recorded: RecordedRequest = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body,
        json: parseJson(body),
      };
      requests.push(recorded);
      behave(queue.shift() ?? fallback, recorded, response);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  function behave(behaviour: Behaviour, request: RecordedRequest, response: ServerResponse): void {
    switch (behaviour.kind) {
      case "hang":
        return;
      case "html":
        response.writeHead(behaviour.status ?? 200, { "Content-Type": "text/html; charset=utf-8" });
        response.end("<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head><body><h1>Welcome</h1></body></html>");
        return;
      case "truncated-json": {
        const full = JSON.stringify({ AuthenticationResult: { AccessToken: "eyJhbGciOi", IdToken: "eyJhbGciOi", ExpiresIn: 3600 } });
        const cut = full.slice(0, Math.floor(full.length / 2));
        response.writeHead(200, { "Content-Type": "application/x-amz-json-1.1", "Content-Length": Buffer.byteLength(cut) });
        response.end(cut);
        return;
      }
      case "cognito-error": {
        const where = behaviour.in ?? "body";
        const headers: Record<string, string> = { "Content-Type": "application/x-amz-json-1.1" };
        if (where !== "body") headers["x-amzn-ErrorType"] = `${behaviour.type}:${CORAL_ERROR_URI}`;
        if (where !== "body" && behaviour.message !== undefined) headers["x-amzn-ErrorMessage"] = behaviour.message;
        const body = where === "header" ? "" : JSON.stringify({ __type: behaviour.type, message: behaviour.message ?? "" });
        response.writeHead(behaviour.status, headers);
        response.end(body);
        return;
      }
      case "huge-body":
        streamHugeBody(response, behaviour.bytes ?? TEN_MEGABYTES);
        return;
      case "reset": {
        response.writeHead(200, { "Content-Type": "application/x-amz-json-1.1", "Content-Length": 1000 });
        response.write('{"AuthenticationResult":{"AccessToken":"eyJ', () => {
          const socket = response.socket as (Socket & { resetAndDestroy?: () => Socket }) | null;
          // resetAndDestroy sends a TCP RST (ECONNRESET on the client); plain destroy is a clean FIN.
          if (socket?.resetAndDestroy) socket.resetAndDestroy();
          else socket?.destroy();
        });
        return;
      }
      case "json": {
        const text = JSON.stringify(behaviour.body);
        response.writeHead(behaviour.status ?? 200, {
          "Content-Type": behaviour.contentType ?? "application/x-amz-json-1.1",
          "Content-Length": Buffer.byteLength(text),
        });
        response.end(text);
        return;
      }
      case "delay": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          behave(behaviour.then, request, response);
        }, behaviour.ms);
        timers.add(timer);
        return;
      }
      case "custom":
        behaviour.handle(request, response);
        return;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("misbehaving server has no port");

  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}/`,
    requests,
    respondWith: (...behaviours) => void queue.push(...behaviours),
    always: (behaviour) => void (fallback = behaviour),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        // server.close waits for open connections; a hung request would keep it waiting forever.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

// Valid JSON of exactly `bytes` bytes (for bytes >= 12), written in 64 KB chunks as the socket drains.
function streamHugeBody(response: ServerResponse, bytes: number): void {
  const head = '{"padding":"';
  const tail = '"}';
  const padding = Math.max(0, bytes - head.length - tail.length);
  response.writeHead(200, { "Content-Type": "application/x-amz-json-1.1", "Content-Length": head.length + padding + tail.length });
  const chunk = "x".repeat(64 * 1024);
  let left = padding;
  response.write(head);
  const pump = (): void => {
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        response.once("drain", pump);
        return;
      }
    }
    response.end(tail);
  };
  pump();
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // A client that gives up mid-upload still leaves a record of what arrived.
    request.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
