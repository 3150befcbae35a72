// amazon-cognito-identity-js in custom authentication with the password proven first (CUSTOM_AUTH with
// SRP_A, then PASSWORD_VERIFIER, then the pool's custom challenges), as an app that uses it would: an
// independent client that proves the sandbox's custom authentication before ours is tested against it.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  CognitoUserSession,
  IAuthenticationCallback,
} from "amazon-cognito-identity-js";

export interface LibraryError {
  code?: string;
  name?: string;
  message?: string;
}

export type LibraryCustomSignIn =
  | { ok: true; accessToken: string; challenges: Record<string, string>[] }
  | { ok: false; err: LibraryError; challenges: Record<string, string>[] };

/**
 * Signs `username` in with CUSTOM_AUTH and the password first, answering each CUSTOM_CHALLENGE with
 * `answer(parameters)`; resolves with the access token or the error, and the challenges' parameters seen.
 */
export function customSignInWithLibrary(
  pool: { userPoolId: string; clientId: string; endpoint: string },
  username: string,
  password: string,
  answer: (parameters: Record<string, string>) => string | Promise<string>,
  clientMetadata?: Record<string, string>,
): Promise<LibraryCustomSignIn> {
  const userPool = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.clientId, endpoint: pool.endpoint });
  const user = new CognitoUser({ Username: username, Pool: userPool });
  user.setAuthenticationFlowType("CUSTOM_AUTH");
  const challenges: Record<string, string>[] = [];
  return new Promise((resolve) => {
    const callbacks: IAuthenticationCallback = {
      onSuccess: (session: CognitoUserSession) => resolve({ ok: true, accessToken: session.getAccessToken().getJwtToken(), challenges }),
      onFailure: (err: LibraryError) => resolve({ ok: false, err, challenges }),
      customChallenge(parameters: Record<string, string>) {
        challenges.push(parameters);
        Promise.resolve(answer(parameters)).then((text) => user.sendCustomChallengeAnswer(text, callbacks, clientMetadata));
      },
    };
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password, ClientMetadata: clientMetadata }), callbacks);
  });
}
