// What the app needs of the Fitbit platform, as plain structural types: the real `document` and
// `peerSocket` satisfy them (app/index.ts), and so do the fakes, so the app type-checks both in the
// Fitbit build and in the tests' TypeScript project, which has no Fitbit module declarations.

/** An element of the view as the app uses it: text, display, fill, taps. */
export interface ElementLike {
  text: string;
  style: { display: string; fill: string };
  onclick: ((event: any) => void) | null | undefined;
}

export interface KeyPress {
  readonly key: string;
  preventDefault(): void;
}

export interface DocumentLike {
  getElementById(id: string): object | null;
  onkeypress?: ((event: any) => void) | null;
}

/** The slice of `peerSocket` the app uses. */
export interface SocketLike {
  readonly OPEN: unknown;
  readonly readyState: unknown;
  send(data: unknown): void;
  onopen: ((event: any) => void) | null | undefined;
  onclose: ((event: any) => void) | null | undefined;
  onmessage: ((event: any) => void) | null | undefined;
  onerror: ((event: any) => void) | null | undefined;
}
