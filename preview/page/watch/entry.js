// The watch page: the preview's device around the app, then the app itself ("preview:app", which
// preview/server/bundles.ts resolves to app/index.ts). The app's imports of "document", "messaging" …
// get the stand-ins in ./shims.
import "./lifecycle";
import * as watchApp from "preview:app";

// The running app (its `state()`), for the end-to-end tests: a screen just shown ignores taps for a
// moment (core/watch/state.ts, TAP_GUARD_MS), and tests/support/preview-watch.ts waits until the state takes
// them rather than sleeping. Undefined for an app that exports none (the renderer's fixture).
window.watchApp = watchApp.app;
