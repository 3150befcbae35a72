// The device's "user-settings" module, with fixed answers.
export const preferences = { clockDisplay: "24h", firstDayOfWeek: 1 };
export const units = {
  bodyWeight: "metric",
  distance: "metric",
  height: "metric",
  speed: "metric",
  temperature: "C",
  volume: "metric",
  weight: "metric",
};
export const locale = { language: "en-US" };
