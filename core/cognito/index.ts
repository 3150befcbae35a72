// The public face of the Cognito client.
export { cognitoClient } from "./client";
export type { CognitoClient, CognitoClientOptions, PendingChallenge, ResolvedFlow, SignInFlow, SignInStep, UserInfo } from "./client";
export type { Challenge, ChallengeAnswer, CodeChallengeName, FirstFactor, MfaMethod } from "./challenges";
export type { CognitoClientSettings, CognitoEndpointConfig } from "./config";
export { validateSettings, validateUsername } from "./config";
export { checkUrl } from "./url";
export {
  CognitoBadResponseError,
  CognitoConfigError,
  CognitoFailure,
  CognitoNetworkError,
  CognitoServiceError,
  CognitoTimeoutError,
  endsSession,
  failureCode,
  isCognitoFailure,
  isTransient,
} from "./errors";
export type { AnyCognitoFailure, CognitoFailureKind } from "./errors";
export { describeFailure } from "./describe";
export type { FailureStage } from "./describe";
export { readClaims, decodeJwtPayload, tokenUsername } from "./jwt";
export type { TokenClaims } from "./jwt";
export type { IssuedTokens, RefreshedTokens, SignInTokens } from "./tokens";
export type { FetchLike, FetchResponseLike } from "./transport";
