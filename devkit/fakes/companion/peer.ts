// The companion's "peer" module: the watch the phone is paired with, as the Fitbit app describes it.
export const device = {
  modelName: "Versa 3",
  modelId: "27",
  lastSyncTime: new Date(0),
  screen: { width: 336, height: 336 },
  batteryLevel: "high",
};

export const app = { readyState: "started" };
