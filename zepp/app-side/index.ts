// The Zepp side service (the phone side, inside the Zepp app): the same companion as Fitbit's
// (core/signin's startCompanion) on Zepp's globals, through one small adapter each — messaging as a
// PeerSocketLike (../shared/zml-socket.ts), Zepp's fetch as the web's (zepp-fetch.ts), settingsStorage as
// both the settings and the private token store (zepp-storage.ts), and the runtime's randomness checked
// (randomness.ts).
//
// Staying signed in: Zepp has no wake interval, and the side service runs only while the watch app or the
// Settings App page has it running. So the session is woken whenever it does run: at start, before each
// request from the watch is served, and on every settings change. The session refreshes what is due then
// (one refresh at a time, which a request arriving meanwhile shares).
import { BaseSideService } from "@zeppos/zml/base-side";
import { Companion, startCompanion } from "../../core/signin";
import { ZmlSocket, zmlSocket } from "../shared/zml-socket";
import { ZeppFetch, webFetch } from "./zepp-fetch";
import { ZeppSettingsStorage, privateStore, sharedSettings } from "./zepp-storage";
import { noteRandomness } from "./randomness";
import { RANDOMNESS_KEY, isPrivateKey } from "../shared/side-keys";
import { SETUP_KEY, STATUS_KEY } from "../../common/settings-keys";

// The side service's globals (Zepp's app-side runtime), declared here for this file only.
declare const settings: { settingsStorage: ZeppSettingsStorage };
declare const fetch: ZeppFetch;
declare function AppSideService(options: object): void;

/** What Cognito lists a remembered watch as, and the authenticator entry's issuer. The side service is
 *  not told the watch's model. */
const DEVICE_NAME = "Zepp OS watch";
const ISSUER = "fitbit-cognito";

const log = (line: string) => console.log(line);

/** What the side service itself writes into the shared settings. */
const SIDE_WRITES = [STATUS_KEY, SETUP_KEY, RANDOMNESS_KEY];

let companion: Companion | undefined;
let link: ZmlSocket | undefined;

AppSideService(
  BaseSideService({
    onInit(this: { call(data: object): unknown }) {
      const storage = settings.settingsStorage;
      noteRandomness(storage, log);
      link = zmlSocket((data) => this.call(data), { open: true, log });
      const zeppFetch = webFetch(fetch);
      companion = startCompanion({
        peerSocket: link.socket,
        settingsStorage: sharedSettings(storage),
        localStorage: privateStore(storage),
        fetch: zeppFetch,
        httpFetch: zeppFetch,
        deviceName: DEVICE_NAME,
        issuer: ISSUER,
        log,
      });
      void companion.wake("start");
    },
    onCall(data: unknown) {
      if (!companion || !link) return;
      void companion.wake("watchRequest");
      link.receive(data);
    },
    // Zepp may tell the side service of its own writes too (the status, the tokens): only the page's wake it.
    onSettingsChange(event?: { key?: unknown }) {
      const key = event && typeof event.key === "string" ? event.key : undefined;
      if (key !== undefined && (isPrivateKey(key) || SIDE_WRITES.indexOf(key) >= 0)) return;
      if (companion) void companion.wake("settingsChanged");
    },
    onDestroy() {
      if (link) link.close();
      if (companion) companion.session.dispose();
    },
  }),
);
