// The device's "display" module. The preview's display is always on: autoOff and timeouts do nothing.
type Listener = () => void;

const listeners: Listener[] = [];

export const display = {
  on: true,
  autoOff: true,
  brightnessOverride: undefined as string | number | undefined,
  aodActive: false,
  aodAllowed: false,
  aodAvailable: false,
  aodEnabled: false,
  onchange: null as Listener | null,
  poke(): void {},
  addEventListener(type: string, listener: Listener): void {
    if (type === "change") listeners.push(listener);
  },
  removeEventListener(_type: string, listener: Listener): void {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  },
};
