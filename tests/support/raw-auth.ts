// Raw sign-in calls for tests that exercise the emulator itself, independent of core/cognito/
// (the client under test elsewhere). Each returns the reply as data, failures included.
import { callCognito, CognitoReply } from "../../sandbox/cognito-call";

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn?: number;
  TokenType?: string;
}

export interface AuthReply {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
}

export function passwordSignIn(endpoint: string, clientId: string, username: string, password: string): Promise<CognitoReply<AuthReply>> {
  return callCognito<AuthReply>(endpoint, "InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
}

export function refreshSignIn(endpoint: string, clientId: string, refreshToken: string): Promise<CognitoReply<AuthReply>> {
  return callCognito<AuthReply>(endpoint, "InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
}

export function answerChallenge(
  endpoint: string,
  clientId: string,
  challengeName: string,
  session: string,
  responses: Record<string, string>,
): Promise<CognitoReply<AuthReply>> {
  return callCognito<AuthReply>(endpoint, "RespondToAuthChallenge", {
    ClientId: clientId,
    ChallengeName: challengeName,
    Session: session,
    ChallengeResponses: responses,
  });
}

/** The body of a successful reply; fails the test with the Cognito error otherwise. */
export function expectOk<T>(reply: CognitoReply<T>): T {
  if (!reply.ok) throw new Error(`expected success, got HTTP ${reply.status} ${reply.type}: ${reply.message}`);
  return reply.body;
}

/** A JWT's payload, decoded without checking the signature (the tests read claims, nothing more). */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split(".")[1];
  if (part === undefined) throw new Error("not a JWT");
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}
