// The device actions cognito-local 5.3.0 lacks, made on the user's behalf with their access token:
// ConfirmDevice (stores the device's SRP verifier), UpdateDeviceStatus, ForgetDevice, GetDevice and
// ListDevices. Each checks the token (signed by the emulator, an access token, not expired) and acts only
// on that user's devices: another user's device, or a forgotten one, does not exist.
import { accessTokenChecker } from "./access-token";
import { Device, DeviceStore } from "./device-store";
import { Emulator, EmulatorPool, EmulatorServices, Wire, fieldsOf } from "./emulator";
import { SrpRefusal, storedSrpAccount } from "./srp-server";

const NO_DEVICE = "Device does not exist.";

export function serveDeviceActions(emulator: Emulator, store: DeviceStore): void {
  const { targets, refuse } = emulator;
  const checkToken = accessTokenChecker(emulator.publicJwk);

  /** The user whose access token authorizes this call, and their pool. */
  async function caller(services: EmulatorServices, ctx: unknown, req: Wire): Promise<{ pool: EmulatorPool; username: string }> {
    if (req.AccessToken === undefined) return refuse("InvalidParameterException", "Missing required parameter AccessToken");
    const check = checkToken(req.AccessToken);
    if (!check.ok) return refuse("NotAuthorizedException", check.message);
    const pool = await services.cognito.getUserPoolForClientId(ctx, check.claims.client_id);
    if (!check.claims.iss.endsWith("/" + pool.options.Id)) return refuse("NotAuthorizedException", "Invalid Access Token");
    const user = await pool.getUserByUsername(ctx, check.claims.username);
    return user ? { pool, username: user.Username } : refuse("UserNotFoundException", "User does not exist.");
  }

  /** The caller's device with the request's DeviceKey; `confirmed`: only once ConfirmDevice stored it. */
  async function device(
    services: EmulatorServices,
    ctx: unknown,
    req: Wire,
    confirmed: boolean,
  ): Promise<{ pool: EmulatorPool; device: Device }> {
    const { pool, username } = await caller(services, ctx, req);
    const found = store.find(pool.options.Id, username, req.DeviceKey);
    return found && (found.account || !confirmed) ? { pool, device: found } : refuse("ResourceNotFoundException", NO_DEVICE);
  }

  targets.ConfirmDevice = (services) => async (ctx, req) => {
    const { pool, device: d } = await device(services, ctx, req, false);
    const config = fieldsOf(req.DeviceSecretVerifierConfig);
    const verifier = base64(config.PasswordVerifier);
    const salt = base64(config.Salt);
    if (!verifier || !salt) return refuse("InvalidParameterException", "Invalid device secret verifier config");
    try {
      d.account = storedSrpAccount(d.key, salt, verifier);
    } catch (err) {
      throw err instanceof SrpRefusal ? refuse(err.type, err.message) : err;
    }
    // "User opt-in" pools remember a device only when the user says so (UpdateDeviceStatus); "always" pools at once.
    const userDecides = !!pool.options.DeviceConfiguration && pool.options.DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt === true;
    d.remembered = !userDecides;
    d.name = typeof req.DeviceName === "string" ? req.DeviceName : undefined;
    d.lastModified = new Date();
    return { UserConfirmationNecessary: userDecides };
  };

  targets.UpdateDeviceStatus = (services) => async (ctx, req) => {
    const status = req.DeviceRememberedStatus;
    if (status !== "remembered" && status !== "not_remembered")
      return refuse("InvalidParameterException", "DeviceRememberedStatus must be remembered or not_remembered");
    const { device: d } = await device(services, ctx, req, true);
    d.remembered = status === "remembered";
    d.lastModified = new Date();
    return {};
  };

  targets.ForgetDevice = (services) => async (ctx, req) => {
    store.forget((await device(services, ctx, req, false)).device.key);
    return {};
  };

  targets.GetDevice = (services) => async (ctx, req) => ({ Device: described((await device(services, ctx, req, true)).device) });

  // No pagination: a sandbox user has a handful of devices.
  targets.ListDevices = (services) => async (ctx, req) => {
    const { pool, username } = await caller(services, ctx, req);
    const limit = typeof req.Limit === "number" && req.Limit > 0 ? req.Limit : 60;
    return { Devices: store.confirmed(pool.options.Id, username).slice(0, limit).map(described) };
  };
}

/** A DeviceType as Cognito lists it (the emulator's server writes the dates as epoch seconds). */
function described(d: Device): Wire {
  return {
    DeviceKey: d.key,
    DeviceAttributes: [
      { Name: "device_status", Value: "valid" },
      ...(d.name !== undefined ? [{ Name: "device_name", Value: d.name }] : []),
      { Name: "dev:device_remembered_status", Value: d.remembered ? "remembered" : "not_remembered" },
    ],
    DeviceCreateDate: d.created,
    DeviceLastModifiedDate: d.lastModified,
    DeviceLastAuthenticatedDate: d.lastAuthenticated,
  };
}

function base64(s: unknown): Uint8Array | undefined {
  return typeof s === "string" && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) && s
    ? Buffer.from(s, "base64")
    : undefined;
}
