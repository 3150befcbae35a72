// What the sandbox remembers of devices for pools with device tracking (device-tracking.ts serves it):
// each device Cognito has handed out, whose user it is, its verifier once confirmed, and which device each
// refresh token was issued to. Kept in the emulator's process, not in its JSON files: the sandbox's data
// lives as long as the emulator does (npm start and the tests remove it on stop), and a restarted emulator
// forgets its devices, so the next sign-in gets a new one, as after a ForgetDevice.
import { randomBytes, randomUUID } from "node:crypto";
import type { SrpAccount } from "./srp-server";

export interface Device {
  /** `<region>_<uuid>`, as Cognito's: the "user" of the device's SRP. */
  readonly key: string;
  /** One per user: the "pool name" of the device's SRP. */
  readonly groupKey: string;
  readonly poolId: string;
  readonly username: string;
  readonly created: Date;
  lastModified: Date;
  lastAuthenticated: Date;
  name?: string;
  /** The verifier ConfirmDevice stored; a device without one was never confirmed. */
  account?: SrpAccount;
  /** "remembered": the device may stand in for MFA (DEVICE_SRP_AUTH). */
  remembered: boolean;
}

export class DeviceStore {
  private readonly devices = new Map<string, Device>();
  private readonly groupKeys = new Map<string, string>();
  private readonly issuedTo = new Map<string, string>();

  /** A new, unconfirmed device of `username` (NewDeviceMetadata). */
  add(poolId: string, username: string): Device {
    const owner = `${poolId}/${username}`;
    let groupKey = this.groupKeys.get(owner);
    if (!groupKey) this.groupKeys.set(owner, (groupKey = "-" + randomBytes(6).toString("base64url")));
    const now = new Date();
    const device: Device = {
      key: `${poolId.split("_")[0]}_${randomUUID()}`,
      groupKey,
      poolId,
      username,
      created: now,
      lastModified: now,
      lastAuthenticated: now,
      remembered: false,
    };
    this.devices.set(device.key, device);
    return device;
  }

  /** The device with this key, whoever's it is. */
  get(key: unknown): Device | undefined {
    return typeof key === "string" ? this.devices.get(key) : undefined;
  }

  /** The device with this key if it is `username`'s in this pool: another user's device does not exist for them. */
  find(poolId: string, username: string, key: unknown): Device | undefined {
    const device = this.get(key);
    return device && device.poolId === poolId && device.username === username ? device : undefined;
  }

  /** `username`'s confirmed devices, oldest first (what ListDevices shows). */
  confirmed(poolId: string, username: string): Device[] {
    return [...this.devices.values()].filter((d) => d.poolId === poolId && d.username === username && d.account);
  }

  forget(key: string): void {
    this.devices.delete(key);
  }

  /** Records that `refreshToken` was issued to the device: refreshing it then needs the device's key. */
  issue(refreshToken: string, device: Device): void {
    this.issuedTo.set(refreshToken, device.key);
  }

  /** The key of the device `refreshToken` was issued to, if it was issued to one. */
  issuedToKey(refreshToken: unknown): string | undefined {
    return typeof refreshToken === "string" ? this.issuedTo.get(refreshToken) : undefined;
  }
}
