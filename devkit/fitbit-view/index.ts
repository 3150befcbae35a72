// The watch's view as a model: the app's resources/ read into elements with Fitbit's semantics (ids,
// classes, the stylesheet's cascade, `use` of symbols, text-length, display and visibility down the
// groups, touches, the buttons). One model for the two stand-ins of the watch: the test fake
// (devkit/fakes/device/document.ts) and the browser preview (preview/page/watch/), each adding its own
// part — the fake the wearer's conveniences, the preview the painting. Platform-free: it runs in Node and
// is bundled into the preview's page, so it imports nothing outside this folder and reads no file.
export { buildView, VIEW_FILE } from "./build";
export type { ViewFiles } from "./build";
export { ViewElement, TEXT_TYPES } from "./element";
export type { Box, ViewHost } from "./element";
export { ViewDocument } from "./document";
export type { KeyEvent } from "./document";
