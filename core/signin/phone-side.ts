// The companion, assembled from its parts around whatever platform it is given: Fitbit's modules on a
// phone (index.ts), fakes in the tests, WebSockets and Node in the browser preview.
import { configReader } from "./config";
import { FetchLike } from "../cognito";
import { PeerSocketLike } from "../../common/peer-socket";
import { HttpFetch, KeyValueStore, SessionManager, Timers, deviceBook, sessionManager } from "../session";
import { SignInController, signInController } from "./controller";
import { SettingsStorageLike, settingsLink } from "./settings-link";
import { watchLink } from "./watch-link";

export interface CompanionPlatform {
  peerSocket: PeerSocketLike;
  settingsStorage: SettingsStorageLike;
  /** The companion's private local storage: the only place tokens are kept. */
  localStorage: KeyValueStore;
  fetch?: FetchLike;
  /** For the watch's calls to the wearer's service; defaults to the global fetch, which a platform whose
   *  fetch is not the web's (Zepp's side service) must replace. */
  httpFetch?: HttpFetch;
  now?: () => number;
  timers?: Timers;
  log?: (line: string) => void;
  /** What Cognito lists this watch as (ConfirmDevice); the authenticator app's entry's issuer. */
  deviceName?: string;
  issuer?: string;
}

export interface Companion {
  readonly controller: SignInController;
  readonly session: SessionManager;
  /** The companion was woken (wake interval, launch): refresh what is due. */
  wake(reason: string): Promise<void>;
}

export function startCompanion(platform: CompanionPlatform): Companion {
  const log = platform.log || ((line: string) => console.log(line));
  const config = configReader((key) => platform.settingsStorage.getItem(key), platform.fetch, platform.deviceName);
  const session = sessionManager({
    store: platform.localStorage,
    client: () => {
      const c = config();
      return c.ok ? c.config.client : undefined;
    },
    now: platform.now,
    timers: platform.timers,
    fetch: platform.httpFetch,
    log,
  });
  const devices = deviceBook(platform.localStorage);
  const controller = signInController({
    config,
    session,
    devices,
    deviceName: platform.deviceName,
    issuer: platform.issuer,
    now: platform.now,
    log,
  });
  const link = watchLink(
    platform.peerSocket,
    (msg) => {
      controller.handle(msg, (reply) => link.send(reply)).catch(() => log(`request failed: ${msg.t}`));
    },
    log,
  );
  controller.onView((view) => link.send({ t: "state", view }));
  settingsLink(platform.settingsStorage, controller, log);
  return { controller, session, wake: session.wake };
}
