// The challenges Cognito can put between a user and their tokens, as one union the UI can switch on,
// and the answers to them, as another. Each answer kind fits exactly one challenge kind.
import { CognitoBadResponseError, checkConfig } from "./errors";
import { isJsonObject } from "./json";

export type MfaMethod = "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP";
/** USER_AUTH (choice-based) sign-in methods that a watch can offer. */
export type FirstFactor = "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP";

export type Challenge =
  | {
      readonly name: "NEW_PASSWORD_REQUIRED";
      /** Attribute names (without the "userAttributes." prefix) that the answer must supply. */
      readonly requiredAttributes: string[];
      readonly userAttributes: { [name: string]: string };
    }
  | { readonly name: "SOFTWARE_TOKEN_MFA" }
  | { readonly name: "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP"; readonly destination: string | undefined }
  | { readonly name: "SELECT_MFA_TYPE"; readonly options: MfaMethod[] }
  | { readonly name: "SELECT_CHALLENGE"; readonly options: FirstFactor[] }
  | { readonly name: "MFA_SETUP" }
  | { readonly name: "PASSWORD_VERIFIER"; readonly parameters: { [key: string]: string } }
  | { readonly name: "UNSUPPORTED"; readonly cognitoName: string };

export type CodeChallengeName = "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP";

export type ChallengeAnswer =
  | { readonly name: "NEW_PASSWORD_REQUIRED"; readonly newPassword: string; readonly attributes?: { [name: string]: string } }
  | { readonly name: CodeChallengeName; readonly code: string }
  | { readonly name: "SELECT_MFA_TYPE"; readonly choice: MfaMethod }
  /** PASSWORD and PASSWORD_SRP need the password; the OTP choices lead to a code challenge. */
  | { readonly name: "SELECT_CHALLENGE"; readonly choice: FirstFactor; readonly password?: string };

const MFA_METHODS: MfaMethod[] = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"];
const FIRST_FACTORS: FirstFactor[] = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"];

/** Reads ChallengeName + ChallengeParameters (their string fields) + AvailableChallenges for USER_AUTH. */
export function readChallenge(name: string, p: { [key: string]: string }, available: unknown): Challenge {
  switch (name) {
    case "NEW_PASSWORD_REQUIRED":
      return {
        name,
        requiredAttributes: strings(nestedJson(p, "requiredAttributes")).map((a) => a.replace(/^userAttributes\./, "")),
        userAttributes: stringFields(nestedJson(p, "userAttributes")),
      };
    case "SOFTWARE_TOKEN_MFA":
    case "MFA_SETUP":
      return { name };
    case "SMS_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP":
      return { name, destination: p.CODE_DELIVERY_DESTINATION || undefined };
    case "SELECT_MFA_TYPE":
      return { name, options: known(nestedJson(p, "MFAS_CAN_CHOOSE"), MFA_METHODS) };
    case "SELECT_CHALLENGE":
      return { name, options: known(available, FIRST_FACTORS) };
    case "PASSWORD_VERIFIER":
      return { name, parameters: p };
  }
  return { name: "UNSUPPORTED", cognitoName: name };
}

/** The ChallengeResponses for an answer, without USERNAME and SECRET_HASH (the client adds those). */
export function answerResponses(challenge: Challenge, answer: ChallengeAnswer): { [key: string]: string } {
  if (challenge.name !== answer.name) throw new Error(`${answer.name} answer to challenge ${challenge.name}`);
  // SOFTWARE_TOKEN_MFA_CODE, SMS_MFA_CODE, EMAIL_OTP_CODE, SMS_OTP_CODE.
  if ("code" in answer) return { [answer.name + "_CODE"]: answer.code };
  if ("choice" in answer) {
    // Only a choice of PASSWORD carries the password: PASSWORD_SRP proves it in the next step.
    return answer.choice === "PASSWORD" ? { ANSWER: "PASSWORD", PASSWORD: answer.password || "" } : { ANSWER: answer.choice };
  }
  const out: { [key: string]: string } = { NEW_PASSWORD: answer.newPassword };
  const given = answer.attributes || {};
  // The names matched above, so the challenge is a NEW_PASSWORD_REQUIRED too.
  for (const attr of (challenge as { requiredAttributes: string[] }).requiredAttributes) {
    checkConfig(given[attr], `attribute "${attr}"`, "is required by the user pool");
  }
  for (const attr in given) if (given[attr]) out["userAttributes." + attr] = given[attr];
  return out;
}

/** The string-valued fields of a JSON object; none of anything else. */
export function stringFields(value: unknown): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  if (isJsonObject(value)) for (const k in value) if (typeof value[k] === "string") out[k] = value[k] as string;
  return out;
}

// Cognito nests JSON inside JSON for some parameters: requiredAttributes is the string '["userAttributes.name"]'.
// One that does not parse is named (its value, which may hold the user's attributes, is not).
function nestedJson(p: { [key: string]: string }, name: string): unknown {
  const text = p[name];
  try {
    return text ? JSON.parse(text) : undefined;
  } catch (_) {
    throw new CognitoBadResponseError(200, name + " is not JSON");
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The values of `ours` that Cognito offered, in our order; whatever else it offered is left out. */
function known<T extends string>(offered: unknown, ours: T[]): T[] {
  return ours.filter((v) => strings(offered).indexOf(v) >= 0);
}
