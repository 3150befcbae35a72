// A loopback proxy in front of an endpoint (the sandbox's cognito-local) that passes every request on
// unchanged and records what was sent: for tests of the real `fitbit-cognito` binary, a child process
// whose fetch an in-process spy (cognito-requests.ts) cannot see.
import { createServer } from "node:http";
import { AddressInfo, Socket } from "node:net";

export interface SentRequest {
  /** The X-Amz-Target's action: "InitiateAuth", "RespondToAuthChallenge"… */
  action: string;
  /** The request body, parsed. */
  body: any;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`: give it as --endpoint. */
  readonly endpoint: string;
  /** Every request passed on so far, in order. */
  readonly sent: SentRequest[];
  /** The sent requests of `action` (with `flow` as AuthFlow when given). */
  of(action: string, flow?: string): SentRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const sent: SentRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const targetHeader = String(req.headers["x-amz-target"] || "");
      if (targetHeader) sent.push({ action: targetHeader.split(".").pop() as string, body: body ? JSON.parse(body) : undefined });
      try {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string" && name !== "host" && name !== "content-length" && name !== "connection") headers[name] = value;
        }
        const answer = await fetch(target.replace(/\/+$/, "") + (req.url || "/"), {
          method: req.method,
          headers,
          body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
        });
        const text = await answer.text();
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection" && name !== "content-encoding")
            out[name] = value;
        });
        res.writeHead(answer.status, out);
        res.end(text);
      } catch (err) {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`recording proxy: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    sent,
    of: (action, flow) => sent.filter((r) => r.action === action && (flow === undefined || (r.body && r.body.AuthFlow === flow))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
