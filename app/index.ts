// The watch app's entry point: the real platform modules, handed to the app.
import document from "document";
import { gettext } from "i18n";
import { peerSocket } from "messaging";
import { startApp } from "./main";

startApp({
  document,
  socket: peerSocket,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  now: () => Date.now(),
  log: (line) => console.log(line),
  gettext,
});
