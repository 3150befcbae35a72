// amazon-cognito-identity-js on a phone that remembers its device, as an app that uses it would: it signs
// in (SRP or the password flow), answers a TOTP code when asked, confirms a new device by itself
// (NewDeviceMetadata → ConfirmDevice) and keeps the device's key and password in its storage, which is
// each test's own here. What proves the sandbox's device tracking before our client is tested against it.
import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  CognitoUserSession,
  ICognitoStorage,
} from "amazon-cognito-identity-js";

export interface LibraryPool {
  userPoolId: string;
  clientId: string;
  endpoint: string;
}

/** The library's storage on one phone: a map, so a test can read (and spoil) what it remembers. */
export class PhoneStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  getItem(key: string): string | null {
    return this.items.has(key) ? (this.items.get(key) as string) : null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
  /** What the library remembers of its device for `username` (its keys, as CognitoUser names them). */
  device(clientId: string, username: string): { key: string | null; groupKey: string | null; password: string | null } {
    const prefix = `CognitoIdentityServiceProvider.${clientId}.${username}`;
    return {
      key: this.getItem(`${prefix}.deviceKey`),
      groupKey: this.getItem(`${prefix}.deviceGroupKey`),
      password: this.getItem(`${prefix}.randomPasswordKey`),
    };
  }
}

export type LibraryOutcome = { user: CognitoUser; codesAsked: number } & (
  { ok: true; session: CognitoUserSession; userConfirmationNecessary: boolean } | { ok: false; err: any }
);

export interface LibrarySignInOptions {
  /** Default USER_SRP_AUTH, the library's default. */
  flow?: "USER_SRP_AUTH" | "USER_PASSWORD_AUTH";
  /** The TOTP code to answer SOFTWARE_TOKEN_MFA with; without it a code asked for fails the sign-in. */
  code?: () => string;
}

export function libraryUser(pool: LibraryPool, storage: PhoneStorage, username: string): CognitoUser {
  const userPool = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.clientId, endpoint: pool.endpoint, Storage: storage });
  return new CognitoUser({ Username: username, Pool: userPool, Storage: storage });
}

export function signInRemembering(
  pool: LibraryPool,
  storage: PhoneStorage,
  username: string,
  password: string,
  options: LibrarySignInOptions = {},
): Promise<LibraryOutcome> {
  const user = libraryUser(pool, storage, username);
  if (options.flow) user.setAuthenticationFlowType(options.flow);
  let codesAsked = 0;
  return new Promise((resolve) => {
    const callbacks = {
      onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) =>
        resolve({ ok: true, user, codesAsked, session, userConfirmationNecessary: userConfirmationNecessary === true }),
      onFailure: (err: any) => resolve({ ok: false, user, codesAsked, err }),
      totpRequired: () => {
        codesAsked++;
        if (!options.code) return resolve({ ok: false, user, codesAsked, err: new Error("asked for a TOTP code") });
        user.sendMFACode(options.code(), callbacks, "SOFTWARE_TOKEN_MFA");
      },
      mfaRequired: () => resolve({ ok: false, user, codesAsked, err: new Error("asked for an SMS code") }),
      newPasswordRequired: () => resolve({ ok: false, user, codesAsked, err: new Error("asked for a new password") }),
    };
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks);
  });
}

/** The library's refresh (refreshSession sends the remembered DEVICE_KEY). */
export function refreshWithLibrary(
  user: CognitoUser,
  refreshToken: string,
): Promise<{ ok: true; session: CognitoUserSession } | { ok: false; err: any }> {
  return new Promise((resolve) =>
    user.refreshSession(new CognitoRefreshToken({ RefreshToken: refreshToken }), (err: any, session: CognitoUserSession) =>
      resolve(err ? { ok: false, err } : { ok: true, session }),
    ),
  );
}

/** One of the library's device calls made with its session (setDeviceStatusRemembered, forgetDevice…). */
export function deviceCall(user: CognitoUser, call: "setDeviceStatusRemembered" | "forgetDevice"): Promise<string> {
  return new Promise((resolve, reject) => user[call]({ onSuccess: resolve, onFailure: reject }));
}
