// The Zepp watch page: the preview's device runtime first (the globals the page's zml reads as it loads),
// then the real zepp/page/index.ts ("preview:zepp-page", preview/server/bundles.ts), whose @zos imports get
// the stand-ins in ./shims; then the page starts as Zepp starts it.
import { start } from "./runtime";
import "preview:zepp-page";

start();
