// The watch page: the preview's device around the app, then the real app (app/index.ts), which imports
// "document", "messaging" … and gets the stand-ins in ./shims (mapped by preview/server/bundles.ts).
import "./lifecycle";
import "../../../app/index";
