// The device side of a sign-in, the same for the companion and the CLI: name the device remembered for
// the user; when Cognito no longer knows it (forgotten, deleted: ResourceNotFoundException), forget it
// and sign in once more without it; when a pool that tracks devices issues a new one, confirm it (and
// remember it where the pool leaves that to the user), so the refresh token keeps working.
import { CognitoClient, CognitoServiceError, SignInFlow, SignInStep, SrpSecret, failureCode, tokenUsername } from "../cognito";
import { DeviceBook } from "./device-book";

/** client.signIn with the user's remembered device; `password` lives only as long as this call. */
export function signInWithDevice(
  client: CognitoClient,
  book: DeviceBook,
  user: string,
  password: string,
  options: { flow?: SignInFlow; srp?: SrpSecret },
  log: (line: string) => void,
): Promise<SignInStep> {
  const pool = client.config.userPoolId;
  const device = book.find(pool, user);
  return client.signIn(user, password, { flow: options.flow, srp: options.srp, device }).catch((err) => {
    if (!device || !(err instanceof CognitoServiceError) || err.type !== "ResourceNotFoundException") throw err;
    log("device: Cognito no longer knows this device; signing in without it");
    book.forget(pool, device.deviceKey);
    // The prepared SRP value went with the first try.
    return client.signIn(user, password, { flow: options.flow });
  });
}

export interface DeviceOptions {
  /** Remember a new device where the pool asks the user (the setting "Remember this watch"). */
  readonly remember: boolean;
  /** What Cognito lists the device as. */
  readonly deviceName: string;
}

/**
 * After tokens: the device key the refresh token needs, if any. A new device is confirmed with a fresh
 * verifier and kept; one that fails to confirm is not kept, and the session goes on without a key (a
 * refresh may then be refused, and the wearer signs in again: the next sign-in gets a new device).
 */
export function settleDevice(
  client: CognitoClient,
  book: DeviceBook,
  typedUser: string,
  step: Extract<SignInStep, { kind: "signedIn" }>,
  options: DeviceOptions,
  log: (line: string) => void,
): Promise<string | undefined> {
  if (step.device) return Promise.resolve(step.device.deviceKey);
  const issued = step.newDevice;
  if (!issued) return Promise.resolve(undefined);
  const accessToken = step.tokens.accessToken;
  return client
    .confirmDevice(accessToken, issued, options.deviceName)
    .then((confirmed) => {
      const pool = client.config.userPoolId;
      book.keep(pool, tokenUsername(step.tokens) || typedUser, typedUser, confirmed.device);
      if (!confirmed.userConfirmationNecessary || !options.remember) return issued.deviceKey;
      // Remembering is a convenience (MFA skipped next time): its failure leaves a working session.
      return client.rememberDevice(accessToken, issued.deviceKey).then(
        () => issued.deviceKey,
        (err) => {
          log(`device: not remembered: ${failureCode(err)}`);
          return issued.deviceKey;
        },
      );
    })
    .catch((err) => {
      log(`device: not confirmed: ${failureCode(err)}`);
      return undefined;
    });
}

/**
 * Makes Cognito forget the device the session signed in with (ForgetDevice, with fresh tokens), and
 * forgets it here. Resolves whether or not there was one; the session itself goes on (sign out next).
 * Cognito's "no such device" counts as done.
 */
export function forgetSessionDevice(
  fresh: () => Promise<{ accessToken: string; deviceKey?: string }>,
  client: CognitoClient,
  book: DeviceBook,
): Promise<void> {
  return fresh().then((s) => {
    const key = s.deviceKey;
    if (!key) return;
    const pool = client.config.userPoolId;
    return client.forgetDevice(s.accessToken, key).then(
      () => book.forget(pool, key),
      (err) => {
        if (!(err instanceof CognitoServiceError && err.type === "ResourceNotFoundException")) throw err;
        book.forget(pool, key);
      },
    );
  });
}
