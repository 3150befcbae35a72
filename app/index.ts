// The watch app's entry point: the real platform modules, handed to the app. The app is exported so
// the rest of a watch app built on this one can make authorized calls: `app.calls.request(path, answer)`.
import document from "document";
import { gettext } from "i18n";
import { peerSocket } from "messaging";
import { startApp } from "./main";

export const app = startApp({
  document,
  socket: peerSocket,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  now: () => Date.now(),
  log: (line) => console.log(line),
  gettext,
});
