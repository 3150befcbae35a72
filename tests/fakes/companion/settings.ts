// The companion's "settings" module.
import { LiveStorage } from "./storage";

export const settingsStorage = new LiveStorage();
