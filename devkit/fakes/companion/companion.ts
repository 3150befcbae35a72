// The companion's "companion" module: `me`, with launch reasons a test sets and wake events it fires.
type Listener = (event: unknown) => void;

class FakeCompanion {
  wakeInterval: number | undefined = undefined;
  launchReasons: { peerAppLaunched?: boolean; settingsChanged?: boolean; wokenUp?: boolean; fileTransfer?: boolean } = {
    peerAppLaunched: true,
  };
  private listeners: { [type: string]: Listener[] } = {};
  addEventListener(type: string, listener: Listener): void {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
  }
  /** Test helper: the system wakes the companion. */
  fire(type: string): void {
    for (const l of (this.listeners[type] || []).slice()) l({ type });
  }
  yield(): void {}
}

export const me = new FakeCompanion();
