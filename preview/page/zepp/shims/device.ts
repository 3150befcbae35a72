// @zos/device in the browser: the screen of the preview's Zepp watch (480 × 480, round: GTR 4 / Balance).
export const SCREEN_SHAPE_SQUARE = 0;
export const SCREEN_SHAPE_ROUND = 1;

export const SCREEN = { width: 480, height: 480, round: true };

export function getDeviceInfo() {
  return {
    width: SCREEN.width,
    height: SCREEN.height,
    screenShape: SCREEN.round ? SCREEN_SHAPE_ROUND : SCREEN_SHAPE_SQUARE,
    deviceName: "preview",
    keyNumber: 1,
    deviceSource: 0,
    keyType: "",
    deviceColor: 0,
    uuid: "",
  };
}
