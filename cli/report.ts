// What a command that ends signed in prints on stdout: one line for a person, or one JSON object.
import { StoredSession, describeSession } from "../core/session";
import { printable } from "../devkit/printable";
import { ParsedArgs } from "./args";

export interface Out {
  out(text: string): void;
}

export function report(args: ParsedArgs, io: Out, session: StoredSession, flow: string): void {
  const who = describeSession(session);
  const expiresAt = new Date(who.expiresAt).toISOString();
  const tokens = { accessToken: session.accessToken, idToken: session.idToken, refreshToken: session.refreshToken };
  const printTokens = args.switches.indexOf("print-tokens") >= 0;
  if (args.switches.indexOf("json") >= 0) {
    const out: { [k: string]: unknown } = { username: who.username, sub: who.sub, flow, expiresAt };
    if (printTokens) out.tokens = tokens;
    io.out(jsonLine(out));
    return;
  }
  const email = who.email ? ` <${printable(who.email, 120)}>` : "";
  io.out(`Signed in as ${printable(who.username, 130)}${email} (${flow}); tokens valid until ${expiresAt}.`);
  if (printTokens) {
    io.out(`access token:  ${printable(tokens.accessToken, Infinity)}`);
    io.out(`id token:      ${printable(tokens.idToken, Infinity)}`);
    io.out(`refresh token: ${printable(tokens.refreshToken, Infinity)}`);
  }
}

/** JSON on one line, as a terminal can show it: JSON.stringify leaves DEL, the C1 controls and the line
 *  separators as they are, and they could act on a terminal; as \u escapes the JSON means the same. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
