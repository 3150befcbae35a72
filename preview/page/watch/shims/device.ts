// The device's "device" module: the preview is a Versa 3 / Sense sized screen.
export const me = {
  modelName: "Versa 3 (preview)",
  modelId: "atlas",
  type: "WATCH",
  firmwareVersion: "preview",
  screen: { width: 336, height: 336 },
  lastSyncTime: new Date(),
};
