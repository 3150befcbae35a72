// Reading the sandbox's mailbox (code-mailbox.ts) from outside the emulator: what a test or `npm start`
// uses to learn the code a ForgotPassword, an AdminResetUserPassword or a `code` custom challenge sent.
import { CODES_ROUTE, SentCode } from "./code-mailbox";

export type { SentCode } from "./code-mailbox";

/** The URL that lists the codes sent to `username` of `userPoolId` (GET; JSON `{ codes: SentCode[] }`). */
export function codesUrl(endpoint: string, userPoolId: string, username: string): string {
  const query = new URLSearchParams({ pool: userPoolId, user: username });
  return `${endpoint.replace(/\/+$/, "")}${CODES_ROUTE}?${query}`;
}

/** Every code the sandbox sent to the user, oldest first. */
export async function sentCodes(endpoint: string, userPoolId: string, username: string): Promise<SentCode[]> {
  const response = await fetch(codesUrl(endpoint, userPoolId, username), { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { codes?: SentCode[]; message?: string };
  if (!response.ok || !Array.isArray(body.codes)) throw new Error(`${CODES_ROUTE}: HTTP ${response.status} ${body.message || ""}`.trim());
  return body.codes;
}

/** The newest code the sandbox sent to the user; throws when it sent none. */
export async function lastCode(endpoint: string, userPoolId: string, username: string): Promise<string> {
  const codes = await sentCodes(endpoint, userPoolId, username);
  const last = codes[codes.length - 1];
  if (!last) throw new Error(`the sandbox sent no code to ${username} in ${userPoolId}`);
  return last.code;
}
