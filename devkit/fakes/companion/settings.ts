// The companion's "settings" module.
import { LiveStorage } from "../../phone-storage";

export const settingsStorage = new LiveStorage();
