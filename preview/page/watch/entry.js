// The watch page: the preview's device around the app, then the app itself ("preview:app", which
// preview/server/bundles.ts resolves to app/index.ts). The app's imports of "document", "messaging" …
// get the stand-ins in ./shims.
import "./lifecycle";
import "preview:app";
