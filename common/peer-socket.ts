// The messaging socket, `peerSocket` of Fitbit's "messaging" module, as this app uses it on both ends:
// the watch (app/connection.ts) and the phone (core/signin/watch-link.ts) get the same shape from
// Fitbit, and so does every stand-in for it (the tests' in-memory channel, the preview's sockets, each
// platform shell's). A type only, so it costs the watch nothing; here because common/ is the one place
// both sides may import.
export interface PeerSocketLike {
  readonly OPEN: unknown;
  readonly readyState: unknown;
  /** Bytes handed to `send` and not yet on their way: the phone keeps it low so waiting states can be
   *  replaced by newer ones (the watch does not look at it). */
  readonly bufferedAmount: number;
  /** The largest message it carries, in UTF-8 bytes of JSON: the platform's number, handed to encode. */
  readonly MAX_MESSAGE_SIZE: number;
  /** One JSON value; throws when the socket is not open or the message is too large. */
  send(data: unknown): void;
  onopen: ((event: any) => void) | null | undefined;
  onclose: ((event: any) => void) | null | undefined;
  onmessage: ((event: any) => void) | null | undefined;
  onerror: ((event: any) => void) | null | undefined;
  onbufferedamountdecrease: ((event: any) => void) | null | undefined;
}
