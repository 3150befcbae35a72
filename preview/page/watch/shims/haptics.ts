// The device's "haptics" module: a vibration shows as a short shake of the screen.
import { vibrate } from "../lifecycle";

export const vibration = {
  start(_pattern: string): boolean {
    vibrate();
    return true;
  },
  stop(): void {},
};
