// The companion's "local-storage" module.
import { MemoryStorage } from "../../../sandbox/phone-storage";

export const localStorage = new MemoryStorage();
