// The Fitbit companion: the real platform modules handed to the companion's assembly.
import { me } from "companion";
import { localStorage } from "local-storage";
import { peerSocket } from "messaging";
import { device } from "peer";
import { settingsStorage } from "settings";
import { startCompanion } from "../core/signin";

/** Exported for the test of this wiring; nothing else imports the entry point. */
// The watch's model names it where Cognito lists the user's devices (a remembered watch) and in the
// authenticator app's entry, whose issuer is this app.
export const companion = startCompanion({
  peerSocket,
  settingsStorage,
  localStorage,
  deviceName: device.modelName,
  issuer: "fitbit-cognito",
});

// Fitbit wakes a companion at most every five minutes, and only as a hint: every wake, launch and
// reconnect is a chance to refresh what is due, so the session manager checks on each.
me.wakeInterval = 5 * 60 * 1000;
me.addEventListener("wakeinterval", () => companion.wake("wakeInterval"));
const LAUNCH_REASONS = ["wokenUp", "settingsChanged", "peerAppLaunched"] as const;
companion.wake(LAUNCH_REASONS.filter((reason) => me.launchReasons[reason])[0] || "launch");
