// A fake of Zepp's @zos/device: getDeviceInfo answers with the screen a test chose (setScreen).
export const SCREEN_SHAPE_SQUARE = 0;
export const SCREEN_SHAPE_ROUND = 1;

let screen = { width: 480, height: 480, screenShape: SCREEN_SHAPE_ROUND };

export function getDeviceInfo() {
  return { ...screen, deviceName: 0, keyNumber: 1, deviceSource: 0, keyType: "", deviceColor: 0, uuid: "" };
}

/** The screen the next getDeviceInfo reports. */
export function setScreen(width: number, height: number, round: boolean): void {
  screen = { width, height, screenShape: round ? SCREEN_SHAPE_ROUND : SCREEN_SHAPE_SQUARE };
}
