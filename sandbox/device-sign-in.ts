// Device tracking in sign-in and refresh, for pools with a DeviceConfiguration (cognito-local 5.3.0 stores
// it and does nothing with it). Wraps the emulator's InitiateAuth and RespondToAuthChallenge, SRP and the
// password policy already in front of them, and does what Cognito does:
// - tokens from a sign-in that sent no confirmed device's DEVICE_KEY carry NewDeviceMetadata, a new device;
// - the refresh token of a sign-in that got a device refreshes only with that device's key, once confirmed
//   (otherwise NotAuthorizedException "Invalid Refresh Token", as real pools answer every SDK that forgets it);
// - a DEVICE_KEY Cognito does not know for the user (never issued, forgotten, another user's) is
//   ResourceNotFoundException "Device does not exist.": before the password claim is consumed, because
//   amazon-cognito-identity-js answers it by sending the same claim again without the key;
// - where the user would now be asked for an MFA code and the sign-in sent a remembered device's key (on a
//   pool with ChallengeRequiredOnNewDevice), DEVICE_SRP_AUTH instead: the device proves its own password,
//   SRP with its group key as the "pool name" and its key as the user (srp-server.ts), and gets the tokens.
import { randomUUID } from "node:crypto";
import { DeviceStore, Device } from "./device-store";
import { Emulator, EmulatorPool, EmulatorServices, Wire, fieldsOf, trackingPool } from "./emulator";
import { SrpRefusal, SrpVerifier, srpVerifier } from "./srp-server";

const MFA_CHALLENGES = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE"];
const NO_DEVICE = "Device does not exist.";
/** Sign-ins under way are kept by their Session (or PASSWORD_VERIFIER's secret block); abandoned ones age out. */
const SIGN_INS_KEPT = 1000;

/** What one sign-in carries from step to step: whose it is, the device it named, the device step it is at. */
interface SignIn {
  username: string;
  deviceKey?: string;
  step?: "DEVICE_SRP_AUTH" | "DEVICE_PASSWORD_VERIFIER";
}

export function serveDeviceSignIn(emulator: Emulator, store: DeviceStore): void {
  const { targets, refuse } = emulator;
  const initiateAuth = targets.InitiateAuth;
  const respondToAuthChallenge = targets.RespondToAuthChallenge;
  if (typeof initiateAuth !== "function" || typeof respondToAuthChallenge !== "function")
    throw new Error("cognito-local has no InitiateAuth or RespondToAuthChallenge target to patch");

  const signIns = new Map<string, SignIn>();
  const remember = (handle: unknown, signIn: SignIn) => {
    if (typeof handle !== "string") return;
    signIns.set(handle, signIn);
    if (signIns.size > SIGN_INS_KEPT) signIns.delete(signIns.keys().next().value as string);
  };
  const recall = (handle: unknown) => (typeof handle === "string" ? signIns.get(handle) : undefined);
  // One SRP server per device group: the group key enters the hash and the signature as a pool name does.
  const verifiers = new Map<string, SrpVerifier>();
  const verifierOf = (groupKey: string) => {
    let verifier = verifiers.get(groupKey);
    if (!verifier) verifiers.set(groupKey, (verifier = srpVerifier(groupKey)));
    return verifier;
  };
  const srp = <T>(step: () => T): T => {
    try {
      return step();
    } catch (err) {
      throw err instanceof SrpRefusal ? refuse(err.type, err.message) : err;
    }
  };

  targets.InitiateAuth = (services) => {
    const original = initiateAuth(services);
    return async (ctx, req) => {
      const pool = await trackingPool(services, ctx, req.ClientId);
      if (!pool) return original(ctx, req);
      const params = fieldsOf(req.AuthParameters);
      if (req.AuthFlow === "REFRESH_TOKEN_AUTH" || req.AuthFlow === "REFRESH_TOKEN") {
        checkRefresh(params);
        return original(ctx, req);
      }
      const key = deviceKeyOf(params);
      // USER_SRP_AUTH's key is checked with the password claim (which may name another: see below).
      if (key !== undefined && req.AuthFlow === "USER_PASSWORD_AUTH") {
        const user = await pool.getUserByUsername(ctx, String(params.USERNAME));
        if (user) deviceOf(pool, user.Username, key);
      }
      return settle(pool, await original(ctx, req), key);
    };
  };

  targets.RespondToAuthChallenge = (services) => {
    const original = respondToAuthChallenge(services);
    return async (ctx, req) => {
      const pool = await trackingPool(services, ctx, req.ClientId);
      if (!pool) return original(ctx, req);
      if (req.ChallengeName === "DEVICE_SRP_AUTH") return deviceChallenge(pool, req);
      if (req.ChallengeName === "DEVICE_PASSWORD_VERIFIER") return deviceProof(services, ctx, pool, req);
      const answers = fieldsOf(req.ChallengeResponses);
      const earlier = recall(req.Session) || recall(answers.PASSWORD_CLAIM_SECRET_BLOCK);
      // The answer's DEVICE_KEY wins, null included (the library's retry after "Device does not exist.").
      const key = "DEVICE_KEY" in answers ? deviceKeyOf(answers) : earlier && earlier.deviceKey;
      if (key !== undefined) {
        const username = earlier ? earlier.username : (await pool.getUserByUsername(ctx, String(answers.USERNAME)))?.Username;
        if (username !== undefined) deviceOf(pool, username, key);
      }
      return settle(pool, await original(ctx, req), key);
    };
  };

  /** The user's device with this key, or Cognito's refusal. */
  function deviceOf(pool: EmulatorPool, username: string, key: unknown): Device {
    return store.find(pool.options.Id, username, key) || refuse("ResourceNotFoundException", NO_DEVICE);
  }

  function checkRefresh(params: Wire): void {
    const issuedTo = store.issuedToKey(params.REFRESH_TOKEN);
    if (issuedTo === undefined) return; // issued without a device (before the pool tracked devices)
    const key = deviceKeyOf(params);
    if (key !== undefined && !store.get(key)) refuse("ResourceNotFoundException", NO_DEVICE);
    const device = store.get(issuedTo);
    if (key !== issuedTo || !device || !device.account) refuse("NotAuthorizedException", "Invalid Refresh Token");
  }

  /** What the emulator answered a sign-in step, with the device added: NewDeviceMetadata to new tokens, or
   *  DEVICE_SRP_AUTH in place of an MFA code for a remembered device. */
  function settle(pool: EmulatorPool, result: Wire, key?: string): Wire {
    const tokens = result.AuthenticationResult as (Wire & { AccessToken: string; RefreshToken?: string }) | undefined;
    if (tokens && typeof tokens.RefreshToken === "string") {
      let device = key !== undefined ? store.find(pool.options.Id, usernameIn(tokens.AccessToken), key) : undefined;
      if (!device || !device.account) {
        device = store.add(pool.options.Id, usernameIn(tokens.AccessToken));
        tokens.NewDeviceMetadata = { DeviceKey: device.key, DeviceGroupKey: device.groupKey };
      }
      device.lastAuthenticated = new Date();
      store.issue(tokens.RefreshToken, device);
      return result;
    }
    const params = fieldsOf(result.ChallengeParameters);
    const username = params.USER_ID_FOR_SRP || params.USERNAME;
    if (typeof result.ChallengeName !== "string" || typeof username !== "string") return result;
    const device = key !== undefined ? store.find(pool.options.Id, username, key) : undefined;
    const skipsMfa = pool.options.DeviceConfiguration && pool.options.DeviceConfiguration.ChallengeRequiredOnNewDevice === true;
    if (skipsMfa && device && device.account && device.remembered && MFA_CHALLENGES.indexOf(result.ChallengeName) >= 0) {
      const session = randomUUID();
      remember(session, { username, deviceKey: device.key, step: "DEVICE_SRP_AUTH" });
      return { ChallengeName: "DEVICE_SRP_AUTH", ChallengeParameters: {}, Session: session };
    }
    remember(typeof result.Session === "string" ? result.Session : params.SECRET_BLOCK, { username, deviceKey: key });
    return result;
  }

  /** DEVICE_SRP_AUTH {USERNAME, DEVICE_KEY, SRP_A} → DEVICE_PASSWORD_VERIFIER {SRP_B, SALT, SECRET_BLOCK}. */
  function deviceChallenge(pool: EmulatorPool, req: Wire): Wire {
    const signIn = recall(req.Session);
    if (!signIn || signIn.step !== "DEVICE_SRP_AUTH") return refuse("NotAuthorizedException", "Invalid session for the user.");
    const answers = fieldsOf(req.ChallengeResponses);
    const device = deviceOf(pool, signIn.username, answers.DEVICE_KEY);
    // Only the remembered device that stood in for MFA may prove itself in this sign-in.
    if (device.key !== signIn.deviceKey || !device.account) return refuse("NotAuthorizedException", "Incorrect username or password.");
    const account = device.account;
    const challenge = srp(() => verifierOf(device.groupKey).challenge(account, answers.SRP_A));
    signIns.delete(req.Session as string); // recalled by it just above
    const session = randomUUID();
    remember(session, { username: signIn.username, deviceKey: device.key, step: "DEVICE_PASSWORD_VERIFIER" });
    return {
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      ChallengeParameters: {
        SRP_B: challenge.SRP_B,
        SALT: challenge.SALT,
        SECRET_BLOCK: challenge.SECRET_BLOCK,
        USERNAME: signIn.username,
      },
      Session: session,
    };
  }

  /** DEVICE_PASSWORD_VERIFIER: the device's password claim, verified against its stored verifier → tokens. */
  async function deviceProof(services: EmulatorServices, ctx: unknown, pool: EmulatorPool, req: Wire): Promise<Wire> {
    const signIn = recall(req.Session);
    if (!signIn || signIn.step !== "DEVICE_PASSWORD_VERIFIER") return refuse("NotAuthorizedException", "Invalid session for the user.");
    const answers = fieldsOf(req.ChallengeResponses);
    const device = deviceOf(pool, signIn.username, answers.DEVICE_KEY);
    if (device.key !== signIn.deviceKey) return refuse("NotAuthorizedException", "Incorrect username or password.");
    const proven = srp(() => verifierOf(device.groupKey).verify(answers));
    if (proven.userId !== device.key) return refuse("NotAuthorizedException", "Incorrect username or password.");
    signIns.delete(req.Session as string); // recalled by it just above
    // The password was proven earlier in this sign-in, the device now: the tokens, as the emulator makes them.
    const user = await pool.getUserByUsername(ctx, signIn.username);
    const client = await services.cognito.getAppClient(ctx, String(req.ClientId));
    if (!user || !client) return refuse("NotAuthorizedException", "Incorrect username or password.");
    const groups = await pool.listUserGroupMembership(ctx, user);
    const tokens = await services.tokenGenerator.generate(ctx, user, groups, client, req.ClientMetadata, "Authentication");
    await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
    device.lastAuthenticated = new Date();
    store.issue(tokens.RefreshToken, device);
    return { ChallengeParameters: {}, AuthenticationResult: { ...tokens } };
  }
}

function deviceKeyOf(fields: Wire): string | undefined {
  return typeof fields.DEVICE_KEY === "string" && fields.DEVICE_KEY ? fields.DEVICE_KEY : undefined;
}

/** The user an access token the emulator just issued is for (its own claim; no need to check it). */
function usernameIn(accessToken: string): string {
  return JSON.parse(Buffer.from(accessToken.split(".")[1], "base64url").toString("utf8")).username;
}
