// Remembered devices: what the phone keeps of each device Cognito confirmed (its key, group key and
// random password), beside the session in the phone's private store: never settings storage, never the
// watch, never a log. A device outlives the sessions signed in with it: the next sign-in names it, and a
// pool that remembers devices may then skip MFA.
//
// Keyed by pool and by the username Cognito uses (the token's, which may be a UUID where users sign in
// with an email), and found by that name or by the name typed at the sign-in that got it: the next
// sign-in has only the typed name to go on.
import { RememberedDevice, isJsonObject, nonEmptyString } from "../cognito";
import { KeyValueStore } from "./token-store";

const KEY = "cognito.devices";
/** A phone signs in a handful of users; the oldest device goes past this many. */
const MAX_DEVICES = 8;

interface Entry {
  readonly pool: string;
  /** The name Cognito uses. */
  readonly user: string;
  /** The name typed at the sign-in that got the device. */
  readonly typed: string;
  readonly device: RememberedDevice;
}

export interface DeviceBook {
  /** The device remembered for `user` (Cognito's name or the one typed) of the pool. */
  find(userPoolId: string, user: string): RememberedDevice | undefined;
  /** Keeps `device` for the user (replacing any older one of theirs). Throws when the store does. */
  keep(userPoolId: string, cognitoUser: string, typed: string, device: RememberedDevice): void;
  /** Forgets the device with this key (Cognito forgot it, or the wearer asked). */
  forget(userPoolId: string, deviceKey: string): void;
}

export function deviceBook(store: KeyValueStore): DeviceBook {
  const read = (): Entry[] => {
    try {
      const list = JSON.parse(store.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(whole) : [];
    } catch (_) {
      return [];
    }
  };
  const write = (entries: Entry[]) => {
    if (entries.length) store.setItem(KEY, JSON.stringify(entries.slice(-MAX_DEVICES)));
    else store.removeItem(KEY);
  };
  return {
    find(pool, user) {
      const entries = read().filter((e) => e.pool === pool);
      // Cognito's own name first: a typed name might be another user's alias since.
      const found = entries.filter((e) => e.user === user)[0] || entries.filter((e) => e.typed === user)[0];
      return found && found.device;
    },
    keep(pool, user, typed, device) {
      const others = read().filter((e) => !(e.pool === pool && (e.user === user || e.device.deviceKey === device.deviceKey)));
      write(others.concat([{ pool, user, typed, device }]));
    },
    forget(pool, deviceKey) {
      const entries = read();
      const left = entries.filter((e) => !(e.pool === pool && e.device.deviceKey === deviceKey));
      if (left.length !== entries.length) write(left);
    },
  };
}

function whole(e: unknown): e is Entry {
  if (!isJsonObject(e) || !isJsonObject(e.device)) return false;
  const d = e.device;
  return !!(
    nonEmptyString(e.pool) &&
    nonEmptyString(e.user) &&
    typeof e.typed === "string" &&
    nonEmptyString(d.deviceKey) &&
    nonEmptyString(d.deviceGroupKey) &&
    nonEmptyString(d.randomPassword)
  );
}
