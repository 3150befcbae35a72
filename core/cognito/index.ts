/**
 * The Cognito client: the one entry outsiders import (`npm run lint` refuses any import past it). It speaks
 * Cognito's own JSON API over any `fetch`, knows no platform and no wearer's words, and imports nothing
 * outside this folder. Start at {@link cognitoClient}; failures are the `Cognito*Error` classes, told apart by
 * `kind` and named by `failureCode`, and read for their meaning by the predicates of ./classify.ts.
 *
 * @example
 * ```ts
 * import { cognitoClient, isCognitoFailure } from "../core/cognito";
 * const client = cognitoClient({ userPoolId, clientId, fetch });
 * try {
 *   const step = await client.signIn(username, password);
 * } catch (err) {
 *   if (isCognitoFailure(err) && err.kind === "service") console.log(err.type); // e.g. NotAuthorizedException
 * }
 * ```
 * @packageDocumentation
 */
export { cognitoClient } from "./client";
export type {
  CodeDelivery,
  CognitoClient,
  CognitoClientOptions,
  ConfirmedDevice,
  PendingChallenge,
  ResolvedFlow,
  SignInFlow,
  SignInStep,
  UserInfo,
} from "./client";
export type { Challenge, ChallengeAnswer, ChallengeName, CodeChallengeName, FirstFactor, MfaMethod, MfaSetupMethod } from "./challenges";
export type { ClientMetadata, CognitoClientSettings, CognitoEndpointConfig } from "./config";
export { CLIENT_METADATA_LIMITS, validateClientMetadata, validateSettings, validateUsername } from "./config";
export type { NewDevice, RememberedDevice } from "./srp/device";
export { checkUrl } from "./url";
export {
  CognitoBadResponseError,
  CognitoConfigError,
  CognitoFailure,
  CognitoNetworkError,
  CognitoServiceError,
  CognitoTimeoutError,
  failureCode,
  isCognitoFailure,
} from "./errors";
export type { AnyCognitoFailure, CognitoFailureKind } from "./errors";
// What a failure means: the one place that reads error types for it.
export { actionUnknown, endsSession, flowNotAllowed, isTransient } from "./classify";
export type { SessionEndingFailure, SessionEndingType } from "./classify";
export { readClaims, decodeJwtPayload, tokenUsername } from "./jwt";
export type { TokenClaims } from "./jwt";
export type { IssuedTokens, RefreshedTokens, SignInTokens } from "./tokens";
export type { FetchLike, FetchResponseLike } from "./transport";
// SRP's parts, for the bench that measures each arithmetic side by side.
export { answerPasswordVerifier, startSrpWith } from "./srp/session";
export { limbRing } from "./srp/limbs";
export { nativeRing } from "./srp/native";
export { N_HEX } from "./srp/group";
export type { Ring } from "./srp/group";
// Shared with the session keeper, which times its own calls and reads back what it stored.
export { systemTimers, withDeadline, describeCause, later } from "./deadline";
export type { Timers } from "./deadline";
export { checkConfig } from "./errors";
export { finiteNumber, isJsonObject, nonEmptyString, parseJsonObject } from "./json";
export type { JsonObject } from "./json";
export { startSrp } from "./srp";
export type { SrpSecret } from "./srp";
