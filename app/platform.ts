// What the app needs of the Fitbit platform, as plain structural types: the real `document` and
// `peerSocket` satisfy them (app/index.ts), and so do the fakes, so the app type-checks both in the
// Fitbit build and in the tests' TypeScript project, which has no Fitbit module declarations. The
// socket's type is the phone's too, so it is in common/: PeerSocketLike (common/peer-socket.ts).

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
