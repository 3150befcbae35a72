// The Zepp Settings App page: the runtime's globals first, then the real zepp/setting/index.ts.
import { start } from "./runtime";
import "preview:zepp-setting";

start();
