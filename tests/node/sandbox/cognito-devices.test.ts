// Device tracking on the sandbox's cognito-local (the emulator stores a pool's DeviceConfiguration and
// ignores it; device-sign-in.ts and device-actions.ts add it in front of it), proven with
// amazon-cognito-identity-js: it signs in, confirms its new device by itself, refreshes with the device's
// key, and skips the MFA code on a remembered device by proving the device's own password. Then what
// Cognito enforces: no refresh without the key, a device proof really checked, a forgotten device gone,
// the device calls only with the user's own valid access token.
import { createPrivateKey, sign } from "node:crypto";
import { dirname, join } from "node:path";
import { DeviceConfiguration, cognitoAdmin, CognitoAdmin } from "../../../sandbox/cognito-admin";
import { callCognito, CognitoReply } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { totpFromBase32 } from "../../../sandbox/totp";
import { recordCognitoRequests } from "../../support/cognito-requests";
import { deviceCall, LibraryPool, PhoneStorage, refreshWithLibrary, signInRemembering } from "../../support/library-devices";
import { expectOk, jwtPayload, passwordSignIn } from "../../support/raw-auth";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
/** "Always remember", and a remembered device stands in for MFA. */
let always: LibraryPool;
/** "User opt-in": remembered only once the user says so. */
let optIn: LibraryPool;
/** No DeviceConfiguration: devices are not tracked. */
let untracked: LibraryPool;

async function trackingPool(name: string, deviceConfiguration?: DeviceConfiguration): Promise<LibraryPool> {
  const { userPoolId } = await admin.createUserPool({ name, deviceConfiguration });
  await admin.setUserPoolMfaConfig({ userPoolId, mfa: "OPTIONAL", softwareToken: true });
  const { clientId } = await admin.createUserPoolClient({
    userPoolId,
    name: `${name}-app`,
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  return { userPoolId, clientId, endpoint: emulator.endpoint };
}

beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
  always = await trackingPool("always", { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
  optIn = await trackingPool("opt-in", { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
  untracked = await trackingPool("untracked");
});
afterAll(() => emulator?.stop());
afterEach(() => jest.restoreAllMocks());

let count = 0;
async function user(pool: LibraryPool, mfa = false): Promise<{ username: string; password: string; code: () => string }> {
  const username = `dev${++count}`;
  const password = `Dev-${count}-pässword`;
  await admin.adminCreateUser({ userPoolId: pool.userPoolId, username, temporaryPassword: `Temp${count}pass` });
  await admin.adminSetUserPassword({ userPoolId: pool.userPoolId, username, password, permanent: true });
  if (!mfa) return { username, password, code: () => "000000" };
  const { secret } = await admin.enableTotpMfa({ clientId: pool.clientId, username, password });
  return { username, password, code: () => totpFromBase32(secret) };
}

const call = <T = any>(action: string, body: object): Promise<CognitoReply<T>> => callCognito<T>(emulator.endpoint, action, body);
const refused = (reply: CognitoReply<unknown>) => (reply.ok ? "accepted" : `${reply.type}: ${reply.message}`);
const refresh = (pool: LibraryPool, refreshToken: string, deviceKey?: string) =>
  call("InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: pool.clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
  });
/** The challenge names the library answered, in order, read from what it sent. */
const answered = (bodies: string) =>
  bodies
    .split("\n")
    .map((line) => JSON.parse(line))
    .filter((body) => body.ChallengeName)
    .map((body) => body.ChallengeName);

async function signedIn(
  pool: LibraryPool,
  storage: PhoneStorage,
  who: { username: string; password: string; code: () => string },
  flow?: "USER_PASSWORD_AUTH",
) {
  const outcome = await signInRemembering(pool, storage, who.username, who.password, { code: who.code, flow });
  if (!outcome.ok) throw outcome.err;
  return outcome;
}

describe("proven with amazon-cognito-identity-js", () => {
  test("a sign-in gets a new device, which the library confirms by itself; it is listed, remembered, and kept", async () => {
    const who = await user(always);
    const storage = new PhoneStorage();
    const { actions } = recordCognitoRequests();
    const { session } = await signedIn(always, storage, who);
    expect(actions()).toEqual(["InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge", "ConfirmDevice"]);
    const device = storage.device(always.clientId, who.username);
    expect(device).toEqual({
      key: expect.stringMatching(/^local_[0-9a-f-]{36}$/),
      groupKey: expect.stringMatching(/^-/),
      password: expect.any(String),
    });

    const listed = expectOk(await call<{ Devices: any[] }>("ListDevices", { AccessToken: session.getAccessToken().getJwtToken() })).Devices;
    expect(listed).toEqual([
      {
        DeviceKey: device.key,
        DeviceAttributes: expect.arrayContaining([
          { Name: "device_status", Value: "valid" },
          { Name: "dev:device_remembered_status", Value: "remembered" },
        ]),
        DeviceCreateDate: expect.any(Number),
        DeviceLastModifiedDate: expect.any(Number),
        DeviceLastAuthenticatedDate: expect.any(Number),
      },
    ]);

    // The next sign-in from this phone names its device: no new one, nothing to confirm.
    const again = await signedIn(always, storage, who);
    expect(actions().slice(4)).toEqual(["InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge"]); // after ListDevices
    expect(storage.device(always.clientId, who.username)).toEqual(device);
    const listedAgain = await call<{ Devices: any[] }>("ListDevices", { AccessToken: again.session.getAccessToken().getJwtToken() });
    expect(expectOk(listedAgain).Devices.map((d) => d.DeviceKey)).toEqual([device.key]);
  });

  test("it refreshes with the device's key; without the key, or with another device's, Invalid Refresh Token", async () => {
    const who = await user(always);
    const phone = new PhoneStorage();
    const { user: libraryUser, session } = await signedIn(always, phone, who);
    const refreshToken = session.getRefreshToken().getToken();
    const { actions, bodies } = recordCognitoRequests();
    const refreshed = await refreshWithLibrary(libraryUser, refreshToken);
    if (!refreshed.ok) throw refreshed.err;
    expect(jwtPayload(refreshed.session.getAccessToken().getJwtToken()).username).toBe(who.username);
    expect(actions()).toEqual(["InitiateAuth:REFRESH_TOKEN_AUTH"]);
    expect(JSON.parse(bodies()).AuthParameters.DEVICE_KEY).toBe(phone.device(always.clientId, who.username).key);

    const otherPhone = new PhoneStorage();
    await signedIn(always, otherPhone, who);
    const otherKey = otherPhone.device(always.clientId, who.username).key as string;
    expect(otherKey).not.toBe(phone.device(always.clientId, who.username).key);
    expect(refused(await refresh(always, refreshToken))).toBe("NotAuthorizedException: Invalid Refresh Token");
    expect(refused(await refresh(always, refreshToken, otherKey))).toBe("NotAuthorizedException: Invalid Refresh Token");
    expect(refused(await refresh(always, refreshToken, "local_00000000-0000-0000-0000-000000000000"))).toBe(
      "ResourceNotFoundException: Device does not exist.",
    );
    // Refused, not spent: the right key still refreshes it.
    expect(refused(await refresh(always, refreshToken, phone.device(always.clientId, who.username).key as string))).toBe("accepted");
  });

  test.each([["USER_SRP_AUTH"], ["USER_PASSWORD_AUTH"]] as const)(
    "a remembered device signs an MFA user in without a code (%s): DEVICE_SRP_AUTH, the device's own password proven",
    async (flow) => {
      const who = await user(always, true);
      const phone = new PhoneStorage();
      const first = await signedIn(always, phone, who, flow === "USER_PASSWORD_AUTH" ? flow : undefined);
      expect(first.codesAsked).toBe(1);

      const { bodies } = recordCognitoRequests();
      const second = await signedIn(always, phone, who, flow === "USER_PASSWORD_AUTH" ? flow : undefined);
      expect(second.codesAsked).toBe(0);
      const tail = ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"];
      expect(answered(bodies())).toEqual(flow === "USER_SRP_AUTH" ? ["PASSWORD_VERIFIER", ...tail] : tail);
      expect(jwtPayload(second.session.getAccessToken().getJwtToken()).username).toBe(who.username);
      // Tokens of the device's sign-in refresh with its key like any other.
      const refreshed = await refreshWithLibrary(second.user, second.session.getRefreshToken().getToken());
      expect(refreshed.ok).toBe(true);
    },
  );

  test("the device's proof is checked against its verifier: a wrong device password is refused", async () => {
    const who = await user(always, true);
    const phone = new PhoneStorage();
    await signedIn(always, phone, who);
    const { password } = phone.device(always.clientId, who.username);
    phone.setItem(`CognitoIdentityServiceProvider.${always.clientId}.${who.username}.randomPasswordKey`, "x" + password);
    const outcome = await signInRemembering(always, phone, who.username, who.password, { code: who.code });
    expect(outcome.ok ? "signed in" : `${outcome.err.code}: ${outcome.err.message}`).toBe(
      "NotAuthorizedException: Incorrect username or password.",
    );
    expect(outcome.codesAsked).toBe(0);
  });

  test("user opt-in: ConfirmDevice says the user must decide; the code is asked until the device is remembered", async () => {
    const who = await user(optIn, true);
    const phone = new PhoneStorage();
    const first = await signedIn(optIn, phone, who);
    expect(first.userConfirmationNecessary).toBe(true);
    const second = await signedIn(optIn, phone, who);
    expect(second.codesAsked).toBe(1);
    // A sign-in with the key gets no new device: still the same one.
    const key = phone.device(optIn.clientId, who.username).key;
    const status = async () => {
      const reply = await call<{ Device: any }>("GetDevice", {
        AccessToken: second.session.getAccessToken().getJwtToken(),
        DeviceKey: key,
      });
      return expectOk(reply).Device.DeviceAttributes.find((a: any) => a.Name === "dev:device_remembered_status").Value;
    };
    expect(await status()).toBe("not_remembered");

    await deviceCall(second.user, "setDeviceStatusRemembered");
    expect(await status()).toBe("remembered");
    const third = await signedIn(optIn, phone, who);
    expect(third.codesAsked).toBe(0);
  });

  test("a forgotten device no longer exists: its key is refused, and the library signs in afresh without it", async () => {
    const who = await user(always, true);
    const phone = new PhoneStorage();
    const { session } = await signedIn(always, phone, who);
    const key = phone.device(always.clientId, who.username).key as string;
    const accessToken = session.getAccessToken().getJwtToken();
    // Forgotten behind the library's back (another app, the console), so the library still sends its key.
    expectOk(await call("ForgetDevice", { AccessToken: accessToken, DeviceKey: key }));
    expect(refused(await call("GetDevice", { AccessToken: accessToken, DeviceKey: key }))).toBe(
      "ResourceNotFoundException: Device does not exist.",
    );
    expect(refused(await refresh(always, session.getRefreshToken().getToken(), key))).toBe(
      "ResourceNotFoundException: Device does not exist.",
    );
    expect(refused(await refresh(always, session.getRefreshToken().getToken()))).toBe("NotAuthorizedException: Invalid Refresh Token");

    const { actions } = recordCognitoRequests();
    const again = await signedIn(always, phone, who);
    // PASSWORD_VERIFIER with the key → "Device does not exist." → the same claim again without it → the
    // TOTP code (no remembered device now), a new device, confirmed.
    expect(actions()).toEqual([
      "InitiateAuth:USER_SRP_AUTH",
      "RespondToAuthChallenge",
      "RespondToAuthChallenge",
      "RespondToAuthChallenge",
      "ConfirmDevice",
    ]);
    expect(again.codesAsked).toBe(1);
    expect(phone.device(always.clientId, who.username).key).not.toBe(key);
  });
});

describe("what Cognito enforces, asked directly", () => {
  test("a client that ignores NewDeviceMetadata loses the session at its first refresh", async () => {
    const who = await user(always);
    const tokens = expectOk(await passwordSignIn(emulator.endpoint, always.clientId, who.username, who.password))
      .AuthenticationResult as any;
    const { DeviceKey } = tokens.NewDeviceMetadata;
    expect(refused(await refresh(always, tokens.RefreshToken))).toBe("NotAuthorizedException: Invalid Refresh Token");
    // The key alone is not enough: the device was never confirmed.
    expect(refused(await refresh(always, tokens.RefreshToken, DeviceKey))).toBe("NotAuthorizedException: Invalid Refresh Token");
  });

  test("a pool without a DeviceConfiguration tracks nothing: no device, refresh without a key as before", async () => {
    const who = await user(untracked);
    const tokens = expectOk(await passwordSignIn(emulator.endpoint, untracked.clientId, who.username, who.password))
      .AuthenticationResult as any;
    expect(tokens.NewDeviceMetadata).toBeUndefined();
    expect(refused(await refresh(untracked, tokens.RefreshToken))).toBe("accepted");
  });

  test("the device calls take only the user's own, valid access token, for the user's own devices", async () => {
    const ann = await user(always);
    const bob = await user(always);
    const annTokens = expectOk(await passwordSignIn(emulator.endpoint, always.clientId, ann.username, ann.password))
      .AuthenticationResult as any;
    const bobTokens = expectOk(await passwordSignIn(emulator.endpoint, always.clientId, bob.username, bob.password))
      .AuthenticationResult as any;
    const DeviceKey = annTokens.NewDeviceMetadata.DeviceKey;
    const config = { PasswordVerifier: Buffer.from([5]).toString("base64"), Salt: Buffer.from([1, 2, 3]).toString("base64") };
    const confirm = (AccessToken: unknown, more: object = {}) =>
      call("ConfirmDevice", { AccessToken, DeviceKey, DeviceSecretVerifierConfig: config, ...more });

    expect(refused(await confirm(undefined))).toBe("InvalidParameterException: Missing required parameter AccessToken");
    expect(refused(await confirm(bobTokens.AccessToken))).toBe("ResourceNotFoundException: Device does not exist.");
    expect(refused(await confirm(annTokens.IdToken))).toBe("NotAuthorizedException: Invalid Access Token");
    const [header, , signature] = annTokens.AccessToken.split(".");
    const forged = Buffer.from(JSON.stringify({ ...jwtPayload(annTokens.AccessToken), username: bob.username })).toString("base64url");
    expect(refused(await confirm(`${header}.${forged}.${signature}`))).toBe("NotAuthorizedException: Invalid Access Token");
    expect(refused(await confirm(emulatorSigned({ ...jwtPayload(annTokens.AccessToken), exp: Math.floor(Date.now() / 1000) - 1 })))).toBe(
      "NotAuthorizedException: Access Token has expired",
    );
    // A verifier of zero would let anyone prove the device.
    expect(refused(await confirm(annTokens.AccessToken, { DeviceSecretVerifierConfig: { ...config, PasswordVerifier: "AA==" } }))).toBe(
      "InvalidParameterException: Invalid device secret verifier config",
    );
    expect(refused(await confirm(annTokens.AccessToken))).toBe("accepted");
    expect(
      refused(await call("UpdateDeviceStatus", { AccessToken: bobTokens.AccessToken, DeviceKey, DeviceRememberedStatus: "remembered" })),
    ).toBe("ResourceNotFoundException: Device does not exist.");
    expect(refused(await call("ForgetDevice", { AccessToken: bobTokens.AccessToken, DeviceKey }))).toBe(
      "ResourceNotFoundException: Device does not exist.",
    );
    expect(expectOk(await call<{ Devices: unknown[] }>("ListDevices", { AccessToken: bobTokens.AccessToken })).Devices).toEqual([]);
    expect(refused(await call("ForgetDevice", { AccessToken: annTokens.AccessToken, DeviceKey }))).toBe("accepted");
  });
});

/** A token signed with the emulator's own key (so only its claims can be wrong). */
function emulatorSigned(claims: object): string {
  const keys = join(dirname(require.resolve("cognito-local/package.json")), "lib", "keys", "cognitoLocal.private.json");
  const key = createPrivateKey({ key: require(keys).jwk, format: "jwk" });
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const signed = `${part({ alg: "RS256", typ: "JWT", kid: "CognitoLocal" })}.${part(claims)}`;
  return `${signed}.${sign("RSA-SHA256", Buffer.from(signed), key).toString("base64url")}`;
}
