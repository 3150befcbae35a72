// The companion's "local-storage" module.
import { MemoryStorage } from "./storage";

export const localStorage = new MemoryStorage();
