// The Cognito client: sign-in flows, challenge answers, refresh, sign-out and "who am I", over raw
// HTTPS. Free of Fitbit imports so the companion, the CLI and the tests all run this same code.
import { Challenge, ChallengeAnswer, ChallengeName, answerResponses, readChallenge, stringFields } from "./challenges";
import {
  ClientMetadata,
  CognitoClientSettings,
  CognitoEndpointConfig,
  validateClientMetadata,
  validateSecret,
  validateSettings,
  validateUsername,
} from "./config";
import { CognitoConfigError, checkAnswer } from "./errors";
import { flowNotAllowed } from "./classify";
import { secretHash } from "./secret-hash";
import { PasswordVerifierChallenge, SrpSecret, defaultRing, passwordClaim, startSrp } from "./srp";
import {
  DevicePasswordVerifierChallenge,
  NewDevice,
  RememberedDevice,
  answerDevicePasswordVerifier,
  deviceVerifierWith,
} from "./srp/device";
import { RefreshedTokens, SignInTokens, readAuthenticationResult } from "./tokens";
import { nonEmptyString } from "./json";
import { DEFAULT_TIMEOUT_MS, FetchLike, JsonObject, cognitoTransport } from "./transport";
import { later } from "./deadline";

export interface CognitoClientOptions extends CognitoClientSettings {
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Per request, body included. Default 15 s. */
  timeoutMs?: number;
  /** Local clock in ms; a parameter so tests can move time. */
  now?: () => number;
  /** Cryptographically strong random bytes (SRP's secret exponent, a device's password). Defaults to
   *  crypto.getRandomValues. */
  randomBytes?: (n: number) => Uint8Array;
  /** For the pool's Lambda triggers: sent on every sign-in request, refresh and password reset. */
  clientMetadata?: ClientMetadata;
  /** What Cognito lists this device as (ConfirmDevice, the authenticator app's entry). */
  deviceName?: string;
}

/** How the password is proven. "auto" tries SRP and falls back to USER_PASSWORD_AUTH when the app
 *  client does not allow SRP; "choice" is USER_AUTH, where Cognito offers the methods; "custom" is
 *  CUSTOM_AUTH, the pool's Lambdas asking their own questions, and "customSrp" the same after the
 *  password is proven with SRP. */
export type SignInFlow = "password" | "srp" | "auto" | "choice" | "custom" | "customSrp";

/** A challenge waiting for the user (of name N, when that is known), with what the next request needs
 *  to answer it. */
export interface PendingChallenge<N extends ChallengeName = ChallengeName> {
  readonly challenge: Challenge<N>;
  readonly session: string;
  /** The name Cognito knows the user by (USER_ID_FOR_SRP when it gave one). */
  readonly username: string;
  readonly flow: ResolvedFlow;
  /** The remembered device this sign-in named: it answers DEVICE_SRP_AUTH should Cognito ask later. */
  readonly device?: RememberedDevice;
}

export type SignInStep =
  | {
      readonly kind: "signedIn";
      readonly tokens: SignInTokens;
      readonly flow: ResolvedFlow;
      /** The remembered device the sign-in named: the refresh token works only with its key. */
      readonly device?: RememberedDevice;
      /** A pool that tracks devices issued this sign-in a new one: confirmDevice it, or the refresh token
       *  is refused ("Invalid Refresh Token") at its first use. */
      readonly newDevice?: NewDevice;
    }
  | { readonly kind: "challenge"; readonly pending: PendingChallenge };

export type ResolvedFlow = "USER_PASSWORD_AUTH" | "USER_SRP_AUTH" | "USER_AUTH" | "CUSTOM_AUTH";

/** Where ForgotPassword sent the code, as Cognito masks it. */
export interface CodeDelivery {
  readonly destination: string | undefined;
  /** EMAIL or SMS. */
  readonly medium: string | undefined;
}

/** A confirmed device, and whether the pool leaves remembering it to the user (then rememberDevice). */
export interface ConfirmedDevice {
  readonly device: RememberedDevice;
  readonly userConfirmationNecessary: boolean;
}

export interface UserInfo {
  readonly username: string;
  readonly attributes: { [name: string]: string };
}

/** T, but not a place to infer it from: respond()'s answer is typed by the pending challenge, rather
 *  than widening N to fit the answer (a SMS_MFA answer to a SOFTWARE_TOKEN_MFA challenge). */
type NotInferred<T> = [T][T extends unknown ? 0 : never];

declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T } | undefined;

/** Made by `cognitoClient`; one per app client configuration. */
export interface CognitoClient {
  readonly config: CognitoEndpointConfig;
  /** Precomputes SRP's public value A (the slow part that does not depend on the password), so it
   *  can run while the wearer is still typing. Pass the result to signIn. */
  prepareSrp(): SrpSecret;
  /** `device`: a device remembered for this user: its key goes with the sign-in (and may spare the user
   *  MFA). Cognito answers ResourceNotFoundException when it no longer knows it. */
  signIn(
    username: string,
    password: string,
    options?: { flow?: SignInFlow; srp?: SrpSecret; device?: RememberedDevice },
  ): Promise<SignInStep>;
  /** Answers a challenge with the answer its name takes (any challenge's when N is a union, which the
   *  client then checks). A SELECT_CHALLENGE answer carries the password when it chooses one. */
  respond<N extends ChallengeName>(pending: PendingChallenge<N>, answer: ChallengeAnswer<NotInferred<N>>): Promise<SignInStep>;
  /** MFA_SETUP with an authenticator app: AssociateSoftwareToken. The secret goes to the user's app;
   *  the pending challenge returned carries the new Session for verifySoftwareToken. */
  associateSoftwareToken(pending: PendingChallenge<"MFA_SETUP">): Promise<{ secretCode: string; pending: PendingChallenge<"MFA_SETUP"> }>;
  /** VerifySoftwareToken with the app's first code; then respond({ name: "MFA_SETUP" }) to what it returns. */
  verifySoftwareToken(pending: PendingChallenge<"MFA_SETUP">, code: string): Promise<PendingChallenge<"MFA_SETUP">>;
  /** REFRESH_TOKEN_AUTH. `username` is the token's own username claim (the SECRET_HASH needs it);
   *  `deviceKey`: the device the refresh token was issued with, where the pool tracks devices. */
  refresh(refreshToken: string, username: string, deviceKey?: string): Promise<RefreshedTokens>;
  /** GetTokensFromRefreshToken: the only refresh that works when the app client rotates refresh
   *  tokens. The answer carries the new refresh token; the old one dies after a grace period. */
  refreshRotating(refreshToken: string, deviceKey?: string): Promise<RefreshedTokens>;
  /** ConfirmDevice for a sign-in's new device, with a verifier made from a fresh random password. */
  confirmDevice(accessToken: string, device: NewDevice, deviceName: string): Promise<ConfirmedDevice>;
  /** UpdateDeviceStatus "remembered": where the pool leaves it to the user, MFA may then be skipped. */
  rememberDevice(accessToken: string, deviceKey: string): Promise<void>;
  /** ForgetDevice: Cognito forgets the device; its key no longer refreshes or signs in. */
  forgetDevice(accessToken: string, deviceKey: string): Promise<void>;
  /** ForgotPassword: Cognito sends the user a code. */
  forgotPassword(username: string): Promise<CodeDelivery>;
  /** ConfirmForgotPassword: the code and the new password. */
  confirmForgotPassword(username: string, code: string, newPassword: string): Promise<void>;
  getUser(accessToken: string): Promise<UserInfo>;
  /** Ends this refresh token (and the tokens issued from it). */
  revokeToken(refreshToken: string): Promise<void>;
  /** Ends every session of the user, on every device. */
  globalSignOut(accessToken: string): Promise<void>;
  /** Any other action of the API, unsigned, through the same transport and error handling. */
  call(action: string, body: JsonObject): Promise<JsonObject>;
}

/** AuthParameters or ChallengeResponses. An undefined value (the SECRET_HASH of an app client
 *  without a secret) is left out of the JSON. */
type Params = { [key: string]: string | undefined };
/** The fields of AuthParameters and ChallengeResponses that the client fills in itself. */
type UserFields = { USERNAME?: string; SECRET_HASH?: string };

type FixedFlow = Exclude<SignInFlow, "auto">;
const AUTH_FLOWS: { [flow in FixedFlow]: ResolvedFlow } = {
  password: "USER_PASSWORD_AUTH",
  srp: "USER_SRP_AUTH",
  choice: "USER_AUTH",
  custom: "CUSTOM_AUTH",
  customSrp: "CUSTOM_AUTH",
};

/**
 * A Cognito client for one app client of one user pool: sign-in (SRP, password, USER_AUTH) with every
 * challenge, refresh, sign-out and "who am I", as raw HTTPS requests to Cognito's JSON API. Stateless
 * between calls: what a challenge needs next is in the `PendingChallenge` it returns. Failures reject with
 * a `CognitoFailure` (`kind`: service, network, timeout, badResponse, config), never with a wearer's words.
 *
 * @example
 * ```ts
 * const client = cognitoClient({ userPoolId: "eu-west-1_AbC123", clientId: "3n4b5urk1ft4fl3mg5e62d9ado" });
 * let step = await client.signIn("ann", password); // SRP where the app client allows it
 * if (step.kind === "challenge" && step.pending.challenge.name === "SOFTWARE_TOKEN_MFA") {
 *   step = await client.respond(step.pending, { name: "SOFTWARE_TOKEN_MFA", code: "123456" });
 * }
 * if (step.kind === "signedIn") {
 *   const { accessToken, refreshToken } = step.tokens;
 *   const me = await client.getUser(accessToken);
 *   await client.revokeToken(refreshToken); // sign out
 * }
 * ```
 */
// A closure rather than a class: its internals stay private, and minify to short local names.
export function cognitoClient(options: CognitoClientOptions): CognitoClient {
  const config = validateSettings(options);
  const clientSecret = validateSecret(options);
  const clientId = config.clientId;
  const timeoutMs = options.timeoutMs || 0;
  const call = cognitoTransport(config.url, options.fetch || defaultFetch(), timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS);
  const now = options.now || Date.now;
  const randomBytes = options.randomBytes || defaultRandomBytes;
  const metadata = validateClientMetadata(options.clientMetadata);
  const newSrp = () => startSrp(randomBytes);
  /** Set once "auto" found that this app client does not allow SRP, so later sign-ins skip the probe; set
   *  from the start where SRP cannot run at all (no randomBytes given and no crypto.getRandomValues, as in
   *  some phone runtimes): "auto" then signs in with USER_PASSWORD_AUTH instead of failing. */
  let passwordOnly = !options.randomBytes && !canDraw();

  const tokensOf = (answer: JsonObject) => readAuthenticationResult(answer.AuthenticationResult, now());

  /** The SECRET_HASH for `username`, for an app client with a secret. */
  const secretOf = (username: string) => clientSecret && secretHash(clientSecret, username, clientId);

  /** SECRET_HASH into the AuthParameters or ChallengeResponses. */
  const hashed = <T extends UserFields>(params: T, username: string): T => {
    params.SECRET_HASH = secretOf(username);
    return params;
  };

  const initiate = (flow: string, params: Params, username: string) =>
    call("InitiateAuth", { AuthFlow: flow, ClientId: clientId, AuthParameters: hashed(params, username), ClientMetadata: metadata });

  /** The first request of a sign-in. `srp` (and the password with it) stays for the PASSWORD_VERIFIER
   *  that follows; the password goes on the wire only in USER_PASSWORD_AUTH, or in USER_AUTH as the
   *  preferred first factor where the pool allows it (Cognito may still answer with a choice). */
  const start = (flow: FixedFlow, username: string, password: string, prepared?: SrpSecret, device?: RememberedDevice) => {
    const authFlow = AUTH_FLOWS[flow];
    const params: Params = { USERNAME: username, DEVICE_KEY: device && device.deviceKey };
    let srp: SrpSecret | undefined;
    if (flow === "srp" || flow === "customSrp") params.SRP_A = (srp = prepared || newSrp()).srpA;
    else if (flow === "password" || (flow === "choice" && password)) params.PASSWORD = password;
    if (flow === "choice" && password) params.PREFERRED_CHALLENGE = "PASSWORD";
    // CUSTOM_AUTH proves the password first when it names SRP_A as its first challenge.
    if (flow === "customSrp") params.CHALLENGE_NAME = "SRP_A";
    return initiate(authFlow, params, username).then((answer) => step(answer, username, authFlow, device, srp, password));
  };

  const respondWith = (pending: PendingChallenge, responses: UserFields, srp?: SrpSecret, password?: string): Promise<SignInStep> => {
    const username = (responses.USERNAME = pending.username);
    return call("RespondToAuthChallenge", {
      ChallengeName: pending.challenge.name,
      ClientId: clientId,
      // Cognito may send PASSWORD_VERIFIER without a Session; an empty one would be refused.
      Session: pending.session || undefined,
      ChallengeResponses: hashed(responses, username),
      ClientMetadata: metadata,
    }).then((answer) => step(answer, username, pending.flow, pending.device, srp, password));
  };

  /** Turns an InitiateAuth / RespondToAuthChallenge answer into the next step, answering a
   *  PASSWORD_VERIFIER at once (it must be answered within seconds, and needs no user input).
   *  Runs inside then(), so what it throws rejects the step. */
  const step = (
    answer: JsonObject,
    username: string,
    flow: ResolvedFlow,
    device: RememberedDevice | undefined,
    srp?: SrpSecret,
    password?: string,
  ): SignInStep | Promise<SignInStep> => {
    if (answer.AuthenticationResult) {
      const tokens = tokensOf(answer);
      checkAnswer(tokens.refreshToken, "no refresh token");
      const issued = stringFields((answer.AuthenticationResult as JsonObject).NewDeviceMetadata);
      const newDevice =
        issued.DeviceKey && issued.DeviceGroupKey ? { deviceKey: issued.DeviceKey, deviceGroupKey: issued.DeviceGroupKey } : undefined;
      return { kind: "signedIn", tokens: tokens as SignInTokens, flow, device: newDevice ? undefined : device, newDevice };
    }
    const name = nonEmptyString(answer.ChallengeName);
    checkAnswer(name, "no tokens, no challenge");
    const params = stringFields(answer.ChallengeParameters);
    const challenge = readChallenge(name, params, answer.AvailableChallenges);
    const session = nonEmptyString(answer.Session) || "";
    // The name Cognito knows the user by from here on (a PASSWORD_VERIFIER must give it: SRP proves
    // the password for exactly that name).
    const pending: PendingChallenge = { challenge, session, username: params.USER_ID_FOR_SRP || params.USERNAME || username, flow, device };
    if (challenge.name === "PASSWORD_VERIFIER") {
      checkAnswer(srp && password !== undefined, "PASSWORD_VERIFIER outside SRP");
      // SALT, SRP_B, SECRET_BLOCK and USER_ID_FOR_SRP: one missing or malformed is a BadResponse naming it.
      const claim = passwordClaim(srp, config.poolName, password, params as unknown as PasswordVerifierChallenge, new Date(now()));
      // PASSWORD_CLAIM_SIGNATURE, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and USERNAME, as they are, and the
      // device's key. The verifier is answered once; what follows (MFA...) needs the user, not the password.
      return respondWith(pending, Object.assign({ DEVICE_KEY: device && device.deviceKey }, claim));
    }
    // A remembered device stands in for MFA: it proves its own password, SRP with its group key as the
    // pool and its key as the user (srp/device.ts). Both steps need no one, and must be quick.
    if (challenge.name === "DEVICE_SRP_AUTH") {
      checkAnswer(device, "DEVICE_SRP_AUTH without a device");
      const deviceSrp = newSrp();
      const responses: Params = { DEVICE_KEY: device.deviceKey, SRP_A: deviceSrp.srpA };
      return respondWith(pending, responses, deviceSrp);
    }
    if (challenge.name === "DEVICE_PASSWORD_VERIFIER") {
      checkAnswer(device && srp, "DEVICE_PASSWORD_VERIFIER outside DEVICE_SRP_AUTH");
      const challengeParams = params as unknown as DevicePasswordVerifierChallenge;
      const proof = answerDevicePasswordVerifier(srp, {
        device,
        username: pending.username,
        challenge: challengeParams,
        now: new Date(now()),
      });
      return respondWith(pending, proof);
    }
    checkAnswer(session, `${name} without Session`);
    return { kind: "challenge", pending };
  };

  /** "auto": SRP, or USER_PASSWORD_AUTH where the app client does not allow SRP. */
  const auto = (username: string, password: string, srp?: SrpSecret, device?: RememberedDevice) =>
    passwordOnly
      ? start("password", username, password, undefined, device)
      : start("srp", username, password, srp, device).catch((err) => {
          if (!flowNotAllowed(err)) throw err;
          return start("password", username, password, undefined, device).then(
            (step) => {
              passwordOnly = true;
              return step;
            },
            (err) => {
              throw flowNotAllowed(err)
                ? new CognitoConfigError("app client", "allows neither USER_SRP_AUTH nor USER_PASSWORD_AUTH: enable one")
                : err;
            },
          );
        });

  return {
    config,
    call,
    prepareSrp: newSrp,

    // Inside then(): a username refused before sending rejects like any other failure.
    signIn: (username, password, { flow = "auto", srp, device } = {}) =>
      later(() => {
        const user = validateUsername(username);
        return flow === "auto" ? auto(user, password, srp, device) : start(flow, user, password, srp, device);
      }),

    respond: (pending, answer) =>
      later(() => {
        const responses: Params = answerResponses(pending.challenge, answer);
        let srp: SrpSecret | undefined;
        let password: string | undefined;
        // USER_AUTH's PASSWORD_SRP (no other answer has this ANSWER): the password stays here, for the
        // PASSWORD_VERIFIER that follows.
        if (responses.ANSWER === "PASSWORD_SRP") {
          responses.SRP_A = (srp = newSrp()).srpA;
          password = passwordOf(answer);
        }
        return respondWith(pending, responses, srp, password);
      }),

    associateSoftwareToken: (pending) =>
      call("AssociateSoftwareToken", { Session: pending.session }).then((answer) => {
        const secretCode = nonEmptyString(answer.SecretCode);
        checkAnswer(secretCode, "no SecretCode");
        return { secretCode, pending: nextSession(pending, answer) };
      }),

    verifySoftwareToken: (pending, code) =>
      call("VerifySoftwareToken", { Session: pending.session, UserCode: code, FriendlyDeviceName: options.deviceName }).then((answer) => {
        checkAnswer(answer.Status === "SUCCESS", "software token not verified");
        return nextSession(pending, answer);
      }),

    refresh: (refreshToken, username, deviceKey) =>
      initiate("REFRESH_TOKEN_AUTH", { REFRESH_TOKEN: refreshToken, DEVICE_KEY: deviceKey }, username).then(tokensOf),

    refreshRotating: (refreshToken, deviceKey) =>
      call("GetTokensFromRefreshToken", {
        RefreshToken: refreshToken,
        ClientId: clientId,
        ClientSecret: clientSecret,
        DeviceKey: deviceKey,
        ClientMetadata: metadata,
      }).then(tokensOf),

    confirmDevice: (accessToken, device, deviceName) =>
      later(() => {
        const made = deviceVerifierWith(defaultRing(), randomBytes, device);
        return call("ConfirmDevice", {
          AccessToken: accessToken,
          DeviceKey: device.deviceKey,
          DeviceSecretVerifierConfig: made.config,
          DeviceName: deviceName,
        }).then((answer) => ({ device: made.device, userConfirmationNecessary: answer.UserConfirmationNecessary === true }));
      }),

    rememberDevice: (accessToken, deviceKey) =>
      call("UpdateDeviceStatus", { AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: "remembered" }).then(nothing),

    forgetDevice: (accessToken, deviceKey) => call("ForgetDevice", { AccessToken: accessToken, DeviceKey: deviceKey }).then(nothing),

    forgotPassword: (username) =>
      later(() => {
        const user = validateUsername(username);
        return call("ForgotPassword", { ClientId: clientId, Username: user, SecretHash: secretOf(user), ClientMetadata: metadata });
      }).then((answer) => {
        const delivery = stringFields(answer.CodeDeliveryDetails);
        return { destination: delivery.Destination || undefined, medium: delivery.DeliveryMedium || undefined };
      }),

    confirmForgotPassword: (username, code, newPassword) =>
      later(() => {
        const user = validateUsername(username);
        return call("ConfirmForgotPassword", {
          ClientId: clientId,
          Username: user,
          ConfirmationCode: code,
          Password: newPassword,
          SecretHash: secretOf(user),
          ClientMetadata: metadata,
        });
      }).then(nothing),

    getUser: (accessToken) =>
      call("GetUser", { AccessToken: accessToken }).then((answer) => {
        const username = nonEmptyString(answer.Username);
        checkAnswer(username, "no Username");
        const attributes: { [name: string]: string } = {};
        const list = answer.UserAttributes;
        for (const item of Array.isArray(list) ? list : []) {
          const { Name, Value } = stringFields(item);
          if (Name && Value !== undefined) attributes[Name] = Value;
        }
        return { username, attributes };
      }),

    revokeToken: (refreshToken) =>
      call("RevokeToken", { Token: refreshToken, ClientId: clientId, ClientSecret: clientSecret }).then(nothing),

    globalSignOut: (accessToken) => call("GlobalSignOut", { AccessToken: accessToken }).then(nothing),
  };
}

const nothing = (): void => undefined;

/** The same MFA_SETUP challenge with the Session an answer of the set-up gave (AssociateSoftwareToken and
 *  VerifySoftwareToken each answer a new one; the old one is spent). */
function nextSession(pending: PendingChallenge<"MFA_SETUP">, answer: JsonObject): PendingChallenge<"MFA_SETUP"> {
  const session = nonEmptyString(answer.Session);
  checkAnswer(session, "no Session");
  return Object.assign({}, pending, { session });
}

/** The password a SELECT_CHALLENGE answer carries (none in any other answer). */
const passwordOf = (answer: { readonly name: string; readonly password?: string }) => answer.password;

const UNAVAILABLE = "is not available in this runtime";

// The runtime's own fetch, declared here rather than taken from a platform's types: the client knows no
// platform, and a runtime without one (or with Zepp's, which is not the web's) must hand its own in.
declare const fetch: FetchLike | undefined;

function defaultFetch(): FetchLike {
  if (typeof fetch !== "function") throw new CognitoConfigError("fetch", UNAVAILABLE);
  // Called through a wrapper: a browser's fetch throws "Illegal invocation" when called as a method of
  // another object.
  return (url, init) => fetch!(url, init);
}

/** Whether the runtime has a CSPRNG: the shell may say why "auto" did not use SRP. */
function canDraw(): boolean {
  return typeof crypto !== "undefined" && !!crypto && typeof crypto.getRandomValues === "function";
}

function defaultRandomBytes(n: number): Uint8Array {
  try {
    return crypto!.getRandomValues(new Uint8Array(n));
  } catch (_) {
    throw new CognitoConfigError("crypto.getRandomValues", UNAVAILABLE);
  }
}
