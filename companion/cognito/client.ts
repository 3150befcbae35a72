// The Cognito client: sign-in flows, challenge answers, refresh, sign-out and "who am I", over raw
// HTTPS. Free of Fitbit imports so the companion, the CLI and the tests all run this same code.
import { Challenge, ChallengeAnswer, answerResponses, readChallenge } from "./challenges";
import { CognitoClientSettings, CognitoEndpointConfig, validateSettings, validateUsername } from "./config";
import { CognitoBadResponseError, CognitoConfigError, CognitoServiceError } from "./errors";
import { readClaims } from "./jwt";
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

export class CognitoClient {
  readonly config: CognitoEndpointConfig;
  private readonly transport: TransportOptions;
  private readonly now: () => number;
  private readonly randomBytes: (n: number) => Uint8Array;
  /** What "auto" settled on for this app client, so later sign-ins skip the probe. */
  private autoFlow: "USER_SRP_AUTH" | "USER_PASSWORD_AUTH" | undefined;

  constructor(options: CognitoClientOptions) {
    this.config = validateSettings(options);
    const fetchImpl = options.fetch || defaultFetch();
    this.transport = {
      url: this.config.url,
      fetch: fetchImpl,
      timeoutMs: options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    };
    this.now = options.now || Date.now;
    this.randomBytes = options.randomBytes || defaultRandomBytes;
  }

  /** Precomputes SRP's public value A (the slow part that does not depend on the password), so it
   *  can run while the wearer is still typing. Pass the result to signIn. */
  prepareSrp(): SrpSecret {
    return startSrp(this.randomBytes);
  }

  async signIn(
    username: string,
    password: string,
    options: { flow?: SignInFlow; srp?: SrpSecret } = {},
  ): Promise<SignInStep> {
    const user = validateUsername(username);
    const flow = options.flow || "auto";
    if (flow === "password") return this.passwordSignIn(user, password);
    if (flow === "srp") return this.srpSignIn(user, password, options.srp);
    if (flow === "choice") return this.choiceSignIn(user, password);
    if (this.autoFlow === "USER_PASSWORD_AUTH") return this.passwordSignIn(user, password);
    try {
      const step = await this.srpSignIn(user, password, options.srp);
      this.autoFlow = "USER_SRP_AUTH";
      return step;
    } catch (err) {
      if (!flowNotAllowed(err)) throw err;
    }
    try {
      const step = await this.passwordSignIn(user, password);
      this.autoFlow = "USER_PASSWORD_AUTH";
      return step;
    } catch (err) {
      if (flowNotAllowed(err)) {
        throw new CognitoConfigError("app client", "allows neither USER_SRP_AUTH nor USER_PASSWORD_AUTH: enable one");
      }
      throw err;
    }
  }

  /** Answers a challenge. A SELECT_CHALLENGE answer carries the password when it chooses one. */
  async respond(pending: PendingChallenge, answer: ChallengeAnswer): Promise<SignInStep> {
    const responses = answerResponses(pending.challenge, answer);
    let srp: SrpSecret | undefined;
    if (answer.name === "SELECT_CHALLENGE" && answer.choice === "PASSWORD_SRP") {
      srp = startSrp(this.randomBytes);
      responses.SRP_A = srp.srpA;
    }
    const password = answer.name === "SELECT_CHALLENGE" ? answer.password : undefined;
    return this.respondRaw(pending, responses, { password, srp, flow: pending.flow });
  }

  /** REFRESH_TOKEN_AUTH. `username` is the token's own username claim (the SECRET_HASH needs it). */
  async refresh(refreshToken: string, username: string): Promise<RefreshedTokens> {
    const params: { [k: string]: string } = { REFRESH_TOKEN: refreshToken };
    this.addSecretHash(params, username);
    const answer = await this.call("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: this.config.clientId,
      AuthParameters: params,
    });
    return readAuthenticationResult(answer.AuthenticationResult, this.now());
  }

  /** GetTokensFromRefreshToken: the only refresh that works when the app client rotates refresh
   *  tokens. The answer carries the new refresh token; the old one dies after a grace period. */
  async refreshRotating(refreshToken: string): Promise<RefreshedTokens> {
    const body: JsonObject = { RefreshToken: refreshToken, ClientId: this.config.clientId };
    if (this.config.clientSecret) body.ClientSecret = this.config.clientSecret;
    const answer = await this.call("GetTokensFromRefreshToken", body);
    return readAuthenticationResult(answer.AuthenticationResult, this.now());
  }

  async getUser(accessToken: string): Promise<UserInfo> {
    const answer = await this.call("GetUser", { AccessToken: accessToken });
    if (typeof answer.Username !== "string") throw new CognitoBadResponseError(200, "GetUser without Username");
    const attributes: { [name: string]: string } = {};
    if (Array.isArray(answer.UserAttributes)) {
      for (const a of answer.UserAttributes as { Name?: unknown; Value?: unknown }[]) {
        if (a && typeof a.Name === "string" && typeof a.Value === "string") attributes[a.Name] = a.Value;
      }
    }
    return { username: answer.Username, attributes };
  }

  /** Ends this refresh token (and the tokens issued from it). */
  async revokeToken(refreshToken: string): Promise<void> {
    const body: JsonObject = { Token: refreshToken, ClientId: this.config.clientId };
    if (this.config.clientSecret) body.ClientSecret = this.config.clientSecret;
    await this.call("RevokeToken", body);
  }

  /** Ends every session of the user, on every device. */
  async globalSignOut(accessToken: string): Promise<void> {
    await this.call("GlobalSignOut", { AccessToken: accessToken });
  }

  /** Any other action of the API, unsigned, through the same transport and error handling. */
  call(action: string, body: JsonObject): Promise<JsonObject> {
    return callCognito(this.transport, action, body);
  }

  private async passwordSignIn(username: string, password: string): Promise<SignInStep> {
    const params: { [k: string]: string } = { USERNAME: username, PASSWORD: password };
    return this.initiate("USER_PASSWORD_AUTH", username, params, { flow: "USER_PASSWORD_AUTH" });
  }

  private async srpSignIn(username: string, password: string, prepared: SrpSecret | undefined): Promise<SignInStep> {
    const srp = prepared || startSrp(this.randomBytes);
    const params: { [k: string]: string } = { USERNAME: username, SRP_A: srp.srpA };
    return this.initiate("USER_SRP_AUTH", username, params, { password, srp, flow: "USER_SRP_AUTH" });
  }

  /** USER_AUTH with the password as the preferred first factor where the pool allows it; Cognito
   *  may answer with a choice (SELECT_CHALLENGE) or a one-time code challenge instead. */
  private async choiceSignIn(username: string, password: string): Promise<SignInStep> {
    const params: { [k: string]: string } = { USERNAME: username };
    if (password) {
      params.PREFERRED_CHALLENGE = "PASSWORD";
      params.PASSWORD = password;
    }
    return this.initiate("USER_AUTH", username, params, { password: password || undefined, flow: "USER_AUTH" });
  }

  private async initiate(
    authFlow: ResolvedFlow,
    username: string,
    params: { [k: string]: string },
    context: StepContext,
  ): Promise<SignInStep> {
    this.addSecretHash(params, username);
    const answer = await this.call("InitiateAuth", {
      AuthFlow: authFlow,
      ClientId: this.config.clientId,
      AuthParameters: params,
    });
    return this.step(answer, username, context);
  }

  private async respondRaw(
    pending: PendingChallenge,
    responses: { [k: string]: string },
    context: StepContext,
  ): Promise<SignInStep> {
    responses.USERNAME = pending.username;
    this.addSecretHash(responses, pending.username);
    const body: JsonObject = {
      ChallengeName: pending.challenge.name === "UNSUPPORTED" ? pending.challenge.cognitoName : pending.challenge.name,
      ClientId: this.config.clientId,
      ChallengeResponses: responses,
    };
    // Cognito may send PASSWORD_VERIFIER without a Session; an empty one would be refused.
    if (pending.session) body.Session = pending.session;
    const answer = await this.call("RespondToAuthChallenge", body);
    return this.step(answer, pending.username, context);
  }

  /** Turns an InitiateAuth / RespondToAuthChallenge answer into the next step, answering a
   *  PASSWORD_VERIFIER at once (it must be answered within seconds, and needs no user input). */
  private async step(answer: JsonObject, username: string, context: StepContext): Promise<SignInStep> {
    if (answer.AuthenticationResult) {
      const tokens = readAuthenticationResult(answer.AuthenticationResult, this.now());
      if (!tokens.refreshToken) throw new CognitoBadResponseError(200, "sign-in answered no refresh token");
      return { kind: "signedIn", tokens: { ...tokens, refreshToken: tokens.refreshToken }, flow: context.flow };
    }
    if (typeof answer.ChallengeName !== "string" || !answer.ChallengeName) {
      throw new CognitoBadResponseError(200, "neither tokens nor a challenge");
    }
    const params = (answer.ChallengeParameters && typeof answer.ChallengeParameters === "object"
      ? answer.ChallengeParameters
      : {}) as { [k: string]: unknown };
    const challenge = readChallenge(answer.ChallengeName, params, answer.AvailableChallenges);
    const session = typeof answer.Session === "string" ? answer.Session : "";
    const cognitoUser =
      typeof params.USER_ID_FOR_SRP === "string" && params.USER_ID_FOR_SRP
        ? params.USER_ID_FOR_SRP
        : typeof params.USERNAME === "string" && params.USERNAME
        ? params.USERNAME
        : username;
    const pending: PendingChallenge = { challenge, session, username: cognitoUser, flow: context.flow };
    if (challenge.name === "PASSWORD_VERIFIER") {
      if (!context.srp || context.password === undefined) {
        throw new CognitoBadResponseError(200, "PASSWORD_VERIFIER without an SRP sign-in under way");
      }
      const claim = answerPasswordVerifier(context.srp, {
        poolName: this.config.poolName,
        password: context.password,
        challenge: {
          SALT: challenge.parameters.SALT,
          SRP_B: challenge.parameters.SRP_B,
          SECRET_BLOCK: challenge.parameters.SECRET_BLOCK,
          USER_ID_FOR_SRP: cognitoUser,
        },
        now: new Date(this.now()),
      });
      const responses: { [k: string]: string } = {
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
        PASSWORD_CLAIM_SECRET_BLOCK: claim.PASSWORD_CLAIM_SECRET_BLOCK,
        TIMESTAMP: claim.TIMESTAMP,
      };
      // The verifier is answered once; what follows (MFA...) needs the user, not the password.
      return this.respondRaw(pending, responses, { flow: context.flow });
    }
    if (!session) throw new CognitoBadResponseError(200, `challenge ${answer.ChallengeName} without a Session`);
    return { kind: "challenge", pending };
  }

  private addSecretHash(params: { [k: string]: string }, username: string): void {
    if (this.config.clientSecret) {
      params.SECRET_HASH = secretHash(this.config.clientSecret, username, this.config.clientId);
    }
  }
}

/** The username Cognito knows a signed-in user by, from their tokens: what refresh's SECRET_HASH
 *  needs (with email sign-in it is the internal name, not the address typed). */
export function tokenUsername(tokens: { accessToken: string; idToken: string }): string | undefined {
  return readClaims(tokens.accessToken).username || readClaims(tokens.idToken).username;
}

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
