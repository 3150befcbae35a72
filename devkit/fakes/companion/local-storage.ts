// The companion's "local-storage" module.
import { MemoryStorage } from "../../phone-storage";

export const localStorage = new MemoryStorage();
