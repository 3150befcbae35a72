// The sandbox's "mailbox": every code the sandbox sends (ForgotPassword's, AdminResetUserPassword's, the
// `code` custom challenge's, EMAIL_OTP's) lands here instead of in an inbox, inside the cognito-local child process.
// Tests and a person running `npm start` read it from a sandbox-only route on the emulator's own port,
// GET /sandbox/codes?pool=<user pool id>&user=<username> (no Cognito action: a plain GET that real
// Cognito does not have), with lastCode() (last-code.ts). Each code is also printed to the emulator's log:
// this is the sandbox's inbox, so the code is the point; passwords and tokens never come here.
import type { IncomingMessage, ServerResponse } from "node:http";

/** The path of the route that lists the codes sent to a user. */
export const CODES_ROUTE = "/sandbox/codes";

/** Why a code was sent. */
export type CodePurpose = "ForgotPassword" | "AdminResetUserPassword" | "CUSTOM_CHALLENGE" | "EMAIL_OTP";

/** One code the sandbox sent, as the route lists it. */
export interface SentCode {
  code: string;
  purpose: CodePurpose;
  /** The address it would have gone to, unmasked (the user's email), when the user has one. */
  destination?: string;
  /** ISO 8601. */
  sentAt: string;
}

/** A user keeps this many codes; older ones age out. */
const CODES_KEPT = 20;

export class CodeMailbox {
  private readonly codes = new Map<string, SentCode[]>();

  send(poolId: string, username: string, purpose: CodePurpose, code: string, destination?: string): SentCode {
    const sent: SentCode = { code, purpose, ...(destination !== undefined ? { destination } : {}), sentAt: new Date().toISOString() };
    const key = `${poolId}/${username}`;
    const list = [...(this.codes.get(key) || []), sent].slice(-CODES_KEPT);
    this.codes.set(key, list);
    console.log(`sandbox mailbox: ${purpose} code ${code} for ${username} in ${poolId}${destination ? ` (${destination})` : ""}`);
    return sent;
  }

  /** The codes sent to `username` of `poolId`, oldest first. */
  sentTo(poolId: string, username: string): SentCode[] {
    return this.codes.get(`${poolId}/${username}`) || [];
  }

  /** The newest code sent for `purpose`, if any. */
  last(poolId: string, username: string, purpose?: CodePurpose): SentCode | undefined {
    const list = this.sentTo(poolId, username).filter((c) => purpose === undefined || c.purpose === purpose);
    return list[list.length - 1];
  }

  /** Answers GET /sandbox/codes; false for any other request, which the emulator then serves. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url || "/", "http://sandbox");
    if (url.pathname !== CODES_ROUTE) return false;
    const reply = (status: number, body: object) => {
      res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify(body));
    };
    const pool = url.searchParams.get("pool");
    const user = url.searchParams.get("user");
    if (req.method !== "GET") reply(405, { message: `${CODES_ROUTE} answers GET only` });
    else if (!pool || !user) reply(400, { message: `${CODES_ROUTE} needs ?pool=<user pool id>&user=<username>` });
    else reply(200, { codes: this.sentTo(pool, user) });
    return true;
  }
}

/**
 * Puts the mailbox's route in front of every HTTP server this process creates (cognito-local creates one,
 * with express inside, which has no hook for us before it listens): the route is answered here, every
 * other request goes to the emulator as before.
 */
export function serveMailboxRoute(mailbox: CodeMailbox): void {
  // Required, not imported: the patch must change the module object itself, which cognito-local reads
  // createServer from when it starts (an import's namespace would be a copy).
  const http: typeof import("node:http") = require("node:http");
  const createServer = http.createServer;
  http.createServer = ((...args: Parameters<typeof http.createServer>) => {
    const server = createServer(...args);
    const emulator = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners("request");
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      if (!mailbox.serve(req, res)) for (const listener of emulator) listener.call(server, req, res);
    });
    return server;
  }) as typeof http.createServer;
}
