// How the Zepp app closes in the preview (@zos/router's exit, the back key or swipe the page does not
// take): ./runtime.ts says what closing does; the shims only ask for it.
let handler: ((reason: string) => void) | undefined;
let exited = false;

export function onExit(h: (reason: string) => void): void {
  handler = h;
}

export function exitApp(reason: string): void {
  if (exited) return;
  exited = true;
  if (handler) handler(reason);
}

export function isExited(): boolean {
  return exited;
}
