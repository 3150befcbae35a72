// SRP for Cognito's USER_SRP_AUTH. startSrp runs ahead (while the wearer types); answerPasswordVerifier
// is the part that waits for the password. Native BigInt is used where the runtime has it, 22-bit limbs
// in doubles everywhere else.
import { Ring } from "./group";
import { limbRing } from "./limbs";
import { hasBigInt, nativeRing } from "./native";
import { SrpSecret, startSrpWith } from "./session";

export { answerPasswordVerifier, passwordClaim } from "./session";
export type { PasswordVerifierAnswer, PasswordVerifierChallenge, PasswordVerifierInput, SrpSecret } from "./session";
export { formatSrpTimestamp } from "./timestamp";

/** The arithmetic this runtime will use: native BigInt when present, otherwise limbs. */
export function defaultRing(): Ring<unknown> {
  return hasBigInt() ? nativeRing() : limbRing();
}

/** Picks a random 512-bit a and computes A = g^a mod N (SRP_A). `randomBytes` must be a CSPRNG. */
export function startSrp(randomBytes: (n: number) => Uint8Array): SrpSecret {
  return startSrpWith(defaultRing(), randomBytes);
}
