// Remembered devices, the phone's side of their SRP: the verifier ConfirmDevice stores for a new device
// (NewDeviceMetadata), and the device's answer to DEVICE_PASSWORD_VERIFIER when it signs in again. The
// group and hashing are the user's SRP's, with the device group key in the place of the pool name, the
// device key in the place of the user, and a random password that never leaves the phone.
import { pad } from "./bytes";
import { Ring, powG } from "./group";
import { SrpSecret, answerPasswordVerifier } from "./session";
import { base64Encode } from "../crypto/base64";
import { concat } from "../crypto/concat";
import { sha256 } from "../crypto/sha256";
import { utf8Encode } from "../crypto/utf8";

/** AuthenticationResult.NewDeviceMetadata, as read from Cognito. */
export interface NewDevice {
  deviceKey: string;
  deviceGroupKey: string;
}

/** What the phone keeps of a confirmed device, with the session (keyed by the username Cognito uses). */
export interface RememberedDevice extends NewDevice {
  /** The device's password: it signs the device in; never logged, never sent. */
  randomPassword: string;
}

/** A new device's secrets: the password to keep, and ConfirmDevice's `DeviceSecretVerifierConfig`. */
export interface DeviceVerifier {
  readonly device: RememberedDevice;
  readonly config: { PasswordVerifier: string; Salt: string };
}

/** DEVICE_PASSWORD_VERIFIER's ChallengeParameters. */
export interface DevicePasswordVerifierChallenge {
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
}

/** RespondToAuthChallenge's ChallengeResponses for DEVICE_PASSWORD_VERIFIER. */
export interface DevicePasswordVerifierAnswer {
  USERNAME: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  TIMESTAMP: string;
  PASSWORD_CLAIM_SIGNATURE: string;
  DEVICE_KEY: string;
}

/** Random bytes of the device's password (sent as their Base64) and of its salt, as every Cognito client draws them. */
export const DEVICE_PASSWORD_BYTES = 40;
export const DEVICE_SALT_BYTES = 16;

/**
 * A new device's password, salt and verifier: PasswordVerifier = Base64(pad(g^x mod N)), Salt =
 * Base64(pad(salt)), x = H(pad(salt) ‖ H(DeviceGroupKey ‖ DeviceKey ‖ ":" ‖ password)). `randomBytes`
 * must be a CSPRNG (the phone's getRandomValues).
 */
export function deviceVerifierWith<T>(ring: Ring<T>, randomBytes: (n: number) => Uint8Array, device: NewDevice): DeviceVerifier {
  // The password first, then the salt: amazon-cognito-identity-js's order, so the same random bytes make
  // the same device in both (the known-answer tests rely on it).
  const password = randomBytes(DEVICE_PASSWORD_BYTES);
  const drawn = randomBytes(DEVICE_SALT_BYTES);
  if (!(password && password.length === DEVICE_PASSWORD_BYTES && drawn && drawn.length === DEVICE_SALT_BYTES))
    throw new Error("bad randomBytes");
  const randomPassword = base64Encode(password);
  // A number, as Cognito reads it back (SALT is its hex): leading zero bytes go, a high bit gets a 00.
  const salt = pad(drawn);
  const x = sha256(concat(salt, sha256(utf8Encode(device.deviceGroupKey + device.deviceKey + ":" + randomPassword))));
  return {
    device: { deviceKey: device.deviceKey, deviceGroupKey: device.deviceGroupKey, randomPassword },
    config: { PasswordVerifier: base64Encode(pad(ring.to(powG(ring, x)))), Salt: base64Encode(salt) },
  };
}

/**
 * The device's password claim: the user's SRP proof (session.ts) for "pool" DeviceGroupKey, "user"
 * DeviceKey and the device's password, answering as the user (`username`: the name Cognito uses) with the
 * device's key. `secret` is a fresh startSrp(), whose srpA went out in the DEVICE_SRP_AUTH answer.
 */
export function answerDevicePasswordVerifier(
  secret: SrpSecret,
  input: { device: RememberedDevice; username: string; challenge: DevicePasswordVerifierChallenge; now: Date },
): DevicePasswordVerifierAnswer {
  const { device, username, challenge, now } = input;
  const claim = answerPasswordVerifier(secret, {
    poolName: device.deviceGroupKey,
    password: device.randomPassword,
    challenge: { SRP_B: challenge.SRP_B, SALT: challenge.SALT, SECRET_BLOCK: challenge.SECRET_BLOCK, USER_ID_FOR_SRP: device.deviceKey },
    now,
  });
  return {
    USERNAME: username,
    PASSWORD_CLAIM_SECRET_BLOCK: claim.PASSWORD_CLAIM_SECRET_BLOCK,
    TIMESTAMP: claim.TIMESTAMP,
    PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
    DEVICE_KEY: device.deviceKey,
  };
}
