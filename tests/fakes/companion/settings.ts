// The companion's "settings" module.
import { LiveStorage } from "../../../sandbox/phone-storage";

export const settingsStorage = new LiveStorage();
