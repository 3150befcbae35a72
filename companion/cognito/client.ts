// The Cognito client: sign-in flows, challenge answers, refresh, sign-out and "who am I", over raw
// HTTPS. Free of Fitbit imports so the companion, the CLI and the tests all run this same code.
import { Challenge, ChallengeAnswer, answerResponses, readChallenge, stringFields } from "./challenges";
import { CognitoClientSettings, CognitoEndpointConfig, validateSettings, validateUsername } from "./config";
import { CognitoBadResponseError, CognitoConfigError, CognitoServiceError } from "./errors";
import { secretHash } from "./secret-hash";
import { SrpSecret, answerPasswordVerifier, startSrp } from "./srp";
import { RefreshedTokens, SignInTokens, readAuthenticationResult } from "./tokens";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  FetchLike,
  JsonObject,
  TransportOptions,
  callCognito,
} from "./transport";

export interface CognitoClientOptions extends CognitoClientSettings {
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Per request, body included. Default 15 s. */
  timeoutMs?: number;
  /** Local clock in ms; a parameter so tests can move time. */
  now?: () => number;
  /** Cryptographically strong random bytes (SRP's secret exponent). Defaults to crypto.getRandomValues. */
  randomBytes?: (n: number) => Uint8Array;
}

/** How the password is proven. "auto" tries SRP and falls back to USER_PASSWORD_AUTH when the app
 *  client does not allow SRP; "choice" is USER_AUTH, where Cognito offers the methods. */
export type SignInFlow = "password" | "srp" | "auto" | "choice";

/** A challenge waiting for the user, with what the next request needs to answer it. */
export interface PendingChallenge {
  readonly challenge: Challenge;
  readonly session: string;
  /** The name Cognito knows the user by (USER_ID_FOR_SRP when it gave one). */
  readonly username: string;
  readonly flow: ResolvedFlow;
}

export type SignInStep =
  | { readonly kind: "signedIn"; readonly tokens: SignInTokens; readonly flow: ResolvedFlow }
  | { readonly kind: "challenge"; readonly pending: PendingChallenge };

export type ResolvedFlow = "USER_PASSWORD_AUTH" | "USER_SRP_AUTH" | "USER_AUTH";

export interface UserInfo {
  readonly username: string;
  readonly attributes: { [name: string]: string };
}

/** What a step may need to go on without asking the user again: the password, for a
 *  PASSWORD_VERIFIER that follows, and the SRP secret that goes with it. Lives for one call only. */
interface StepContext {
  readonly password?: string;
  readonly srp?: SrpSecret;
  readonly flow: ResolvedFlow;
}

declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T } | undefined;

/** Made by `cognitoClient`; one per app client configuration. */
export interface CognitoClient {
  readonly config: CognitoEndpointConfig;
  /** Precomputes SRP's public value A (the slow part that does not depend on the password), so it
   *  can run while the wearer is still typing. Pass the result to signIn. */
  prepareSrp(): SrpSecret;
  signIn(username: string, password: string, options?: { flow?: SignInFlow; srp?: SrpSecret }): Promise<SignInStep>;
  /** Answers a challenge. A SELECT_CHALLENGE answer carries the password when it chooses one. */
  respond(pending: PendingChallenge, answer: ChallengeAnswer): Promise<SignInStep>;
  /** REFRESH_TOKEN_AUTH. `username` is the token's own username claim (the SECRET_HASH needs it). */
  refresh(refreshToken: string, username: string): Promise<RefreshedTokens>;
  /** GetTokensFromRefreshToken: the only refresh that works when the app client rotates refresh
   *  tokens. The answer carries the new refresh token; the old one dies after a grace period. */
  refreshRotating(refreshToken: string): Promise<RefreshedTokens>;
  getUser(accessToken: string): Promise<UserInfo>;
  /** Ends this refresh token (and the tokens issued from it). */
  revokeToken(refreshToken: string): Promise<void>;
  /** Ends every session of the user, on every device. */
  globalSignOut(accessToken: string): Promise<void>;
  /** Any other action of the API, unsigned, through the same transport and error handling. */
  call(action: string, body: JsonObject): Promise<JsonObject>;
}

type Params = { [k: string]: string };

// A closure rather than a class: its internals stay private, and minify to short local names.
export function cognitoClient(options: CognitoClientOptions): CognitoClient {
  const config = validateSettings(options);
  const { clientId, clientSecret } = config;
  const transport: TransportOptions = {
    url: config.url,
    fetch: options.fetch || defaultFetch(),
    timeoutMs: options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
  };
  const now = options.now || Date.now;
  const randomBytes = options.randomBytes || defaultRandomBytes;
  /** What "auto" settled on for this app client, so later sign-ins skip the probe. */
  let autoFlow: "USER_SRP_AUTH" | "USER_PASSWORD_AUTH" | undefined;

  const call = (action: string, body: JsonObject) => callCognito(transport, action, body);
  const tokensOf = (answer: JsonObject) => readAuthenticationResult(answer.AuthenticationResult, now());

  /** SECRET_HASH into the AuthParameters or ChallengeResponses, for an app client with a secret. */
  const withSecretHash = (params: Params, username: string): Params => {
    if (clientSecret) params.SECRET_HASH = secretHash(clientSecret, username, clientId);
    return params;
  };
  /** The ClientSecret field of the token calls that take one instead of a SECRET_HASH. */
  const withClientSecret = (body: JsonObject): JsonObject => {
    if (clientSecret) body.ClientSecret = clientSecret;
    return body;
  };

  const initiate = (authFlow: ResolvedFlow, username: string, params: Params, context: StepContext) =>
    call("InitiateAuth", { AuthFlow: authFlow, ClientId: clientId, AuthParameters: withSecretHash(params, username) }).then(
      (answer) => step(answer, username, context),
    );

  const passwordSignIn = (username: string, password: string) =>
    initiate("USER_PASSWORD_AUTH", username, { USERNAME: username, PASSWORD: password }, { flow: "USER_PASSWORD_AUTH" });

  const srpSignIn = (username: string, password: string, prepared: SrpSecret | undefined) => {
    const srp = prepared || startSrp(randomBytes);
    return initiate("USER_SRP_AUTH", username, { USERNAME: username, SRP_A: srp.srpA }, { password, srp, flow: "USER_SRP_AUTH" });
  };

  /** USER_AUTH with the password as the preferred first factor where the pool allows it; Cognito
   *  may answer with a choice (SELECT_CHALLENGE) or a one-time code challenge instead. */
  const choiceSignIn = (username: string, password: string) => {
    const params: Params = { USERNAME: username };
    if (password) {
      params.PREFERRED_CHALLENGE = "PASSWORD";
      params.PASSWORD = password;
    }
    return initiate("USER_AUTH", username, params, { password: password || undefined, flow: "USER_AUTH" });
  };

  const respondRaw = (pending: PendingChallenge, responses: Params, context: StepContext): Promise<SignInStep> => {
    responses.USERNAME = pending.username;
    const body: JsonObject = {
      ChallengeName: pending.challenge.name === "UNSUPPORTED" ? pending.challenge.cognitoName : pending.challenge.name,
      ClientId: clientId,
      ChallengeResponses: withSecretHash(responses, pending.username),
    };
    // Cognito may send PASSWORD_VERIFIER without a Session; an empty one would be refused.
    if (pending.session) body.Session = pending.session;
    return call("RespondToAuthChallenge", body).then((answer) => step(answer, pending.username, context));
  };

  /** Turns an InitiateAuth / RespondToAuthChallenge answer into the next step, answering a
   *  PASSWORD_VERIFIER at once (it must be answered within seconds, and needs no user input).
   *  Runs inside then(), so what it throws rejects the step. */
  const step = (answer: JsonObject, username: string, context: StepContext): SignInStep | Promise<SignInStep> => {
    if (answer.AuthenticationResult) {
      const tokens = tokensOf(answer);
      if (!tokens.refreshToken) throw new CognitoBadResponseError(200, "sign-in answered no refresh token");
      return { kind: "signedIn", tokens: { ...tokens, refreshToken: tokens.refreshToken }, flow: context.flow };
    }
    if (typeof answer.ChallengeName !== "string" || !answer.ChallengeName) {
      throw new CognitoBadResponseError(200, "neither tokens nor a challenge");
    }
    const params = stringFields(answer.ChallengeParameters);
    const challenge = readChallenge(answer.ChallengeName, params, answer.AvailableChallenges);
    const session = typeof answer.Session === "string" ? answer.Session : "";
    const cognitoUser = params.USER_ID_FOR_SRP || params.USERNAME || username;
    const pending: PendingChallenge = { challenge, session, username: cognitoUser, flow: context.flow };
    if (challenge.name === "PASSWORD_VERIFIER") {
      if (!context.srp || context.password === undefined) {
        throw new CognitoBadResponseError(200, "PASSWORD_VERIFIER without an SRP sign-in under way");
      }
      const claim = answerPasswordVerifier(context.srp, {
        poolName: config.poolName,
        password: context.password,
        challenge: {
          SALT: challenge.parameters.SALT,
          SRP_B: challenge.parameters.SRP_B,
          SECRET_BLOCK: challenge.parameters.SECRET_BLOCK,
          USER_ID_FOR_SRP: cognitoUser,
        },
        now: new Date(now()),
      });
      // PASSWORD_CLAIM_SIGNATURE, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and USERNAME, as they are.
      // The verifier is answered once; what follows (MFA...) needs the user, not the password.
      return respondRaw(pending, { ...claim }, { flow: context.flow });
    }
    if (!session) throw new CognitoBadResponseError(200, `challenge ${answer.ChallengeName} without a Session`);
    return { kind: "challenge", pending };
  };

  return {
    config,
    call,
    prepareSrp: () => startSrp(randomBytes),

    async signIn(username, password, signInOptions = {}) {
      const user = validateUsername(username);
      const flow = signInOptions.flow || "auto";
      if (flow === "password") return passwordSignIn(user, password);
      if (flow === "srp") return srpSignIn(user, password, signInOptions.srp);
      if (flow === "choice") return choiceSignIn(user, password);
      if (autoFlow === "USER_PASSWORD_AUTH") return passwordSignIn(user, password);
      try {
        const result = await srpSignIn(user, password, signInOptions.srp);
        autoFlow = "USER_SRP_AUTH";
        return result;
      } catch (err) {
        if (!flowNotAllowed(err)) throw err;
      }
      try {
        const result = await passwordSignIn(user, password);
        autoFlow = "USER_PASSWORD_AUTH";
        return result;
      } catch (err) {
        if (flowNotAllowed(err)) {
          throw new CognitoConfigError("app client", "allows neither USER_SRP_AUTH nor USER_PASSWORD_AUTH: enable one");
        }
        throw err;
      }
    },

    async respond(pending, answer) {
      const responses = answerResponses(pending.challenge, answer);
      let srp: SrpSecret | undefined;
      if (answer.name === "SELECT_CHALLENGE" && answer.choice === "PASSWORD_SRP") {
        srp = startSrp(randomBytes);
        responses.SRP_A = srp.srpA;
      }
      const password = answer.name === "SELECT_CHALLENGE" ? answer.password : undefined;
      return respondRaw(pending, responses, { password, srp, flow: pending.flow });
    },

    refresh: (refreshToken, username) =>
      call("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: clientId,
        AuthParameters: withSecretHash({ REFRESH_TOKEN: refreshToken }, username),
      }).then(tokensOf),

    refreshRotating: (refreshToken) =>
      call("GetTokensFromRefreshToken", withClientSecret({ RefreshToken: refreshToken, ClientId: clientId })).then(tokensOf),

    getUser: (accessToken) =>
      call("GetUser", { AccessToken: accessToken }).then((answer) => {
        if (typeof answer.Username !== "string") throw new CognitoBadResponseError(200, "GetUser without Username");
        const attributes: { [name: string]: string } = {};
        if (Array.isArray(answer.UserAttributes)) {
          for (const a of answer.UserAttributes as { Name?: unknown; Value?: unknown }[]) {
            if (a && typeof a.Name === "string" && typeof a.Value === "string") attributes[a.Name] = a.Value;
          }
        }
        return { username: answer.Username, attributes };
      }),

    revokeToken: (refreshToken) => call("RevokeToken", withClientSecret({ Token: refreshToken, ClientId: clientId })).then(nothing),

    globalSignOut: (accessToken) => call("GlobalSignOut", { AccessToken: accessToken }).then(nothing),
  };
}

const nothing = (): void => undefined;

/** The app client does not permit the flow that was tried (real Cognito: InvalidParameterException
 *  "USER_SRP_AUTH is not enabled for the client."; cognito-local: its Unsupported error). */
function flowNotAllowed(err: unknown): boolean {
  if (!(err instanceof CognitoServiceError)) return false;
  if (err.type === "InvalidParameterException") return /not enabled|not allowed|not supported/i.test(err.serverMessage);
  return /Unsupported/i.test(err.type);
}

function defaultFetch(): FetchLike {
  if (typeof fetch !== "function") throw new CognitoConfigError("fetch", "is not available in this runtime");
  return (url, init) => fetch(url, init as any) as unknown as ReturnType<FetchLike>;
}

function defaultRandomBytes(n: number): Uint8Array {
  if (typeof crypto === "undefined" || !crypto || typeof crypto.getRandomValues !== "function") {
    throw new CognitoConfigError("crypto.getRandomValues", "is not available in this runtime");
  }
  return crypto.getRandomValues(new Uint8Array(n));
}
