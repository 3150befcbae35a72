// amazon-cognito-identity-js signing a user in with SRP, as an app that uses it would: what proves a
// test server (or the sandbox's SRP) before our client is tested against it.
import { AuthenticationDetails, CognitoUser, CognitoUserPool, CognitoUserSession } from "amazon-cognito-identity-js";

export type LibrarySignIn = { ok: true; session: CognitoUserSession } | { ok: false; err: any };

export function signInWithLibrary(
  pool: { userPoolId: string; clientId: string; endpoint: string },
  username: string,
  password: string,
): Promise<LibrarySignIn> {
  const userPool = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.clientId, endpoint: pool.endpoint });
  const user = new CognitoUser({ Username: username, Pool: userPool });
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ ok: true, session }),
      onFailure: (err) => resolve({ ok: false, err }),
    }),
  );
}
