// The challenges Cognito can put between a user and their tokens, and the answers to them: both by the
// challenge's name, from the two maps below. A new challenge starts in ChallengeParts; the compiler then
// points at its line in AnswerParts, and at every table keyed by ChallengeName (the client's
// RESPONSES below, the sign-in controller's, the CLI's).
import { CognitoBadResponseError, checkConfig } from "./errors";
import { isJsonObject } from "./json";

export type MfaMethod = "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP";
/** MFA methods a user can set up during sign-in (MFA_SETUP) from a watch: an authenticator app, or codes
 *  by email (SMS needs a phone number verified by other means). */
export type MfaSetupMethod = "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP";
/** USER_AUTH (choice-based) sign-in methods that a watch can offer. */
export type FirstFactor = "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP";

interface CodeSent {
  /** Where the code went, as Cognito masks it ("+*******1234"). */
  readonly destination: string | undefined;
}

/** What each challenge carries, by the name Cognito gives it. */
interface ChallengeParts {
  NEW_PASSWORD_REQUIRED: {
    /** Attribute names (without the "userAttributes." prefix) that the answer must supply. */
    readonly requiredAttributes: string[];
    readonly userAttributes: { [name: string]: string };
  };
  SOFTWARE_TOKEN_MFA: {};
  SMS_MFA: CodeSent;
  EMAIL_OTP: CodeSent;
  SMS_OTP: CodeSent;
  SELECT_MFA_TYPE: { readonly options: MfaMethod[] };
  SELECT_CHALLENGE: { readonly options: FirstFactor[] };
  /** The methods the user may set up now (MFAS_CAN_SETUP), of those this client can set up. */
  MFA_SETUP: { readonly options: MfaSetupMethod[] };
  /** A custom authentication Lambda's question: its public ChallengeParameters (USERNAME left out),
   *  read by the convention the README gives Lambda authors: `prompt` is shown; `answerFormat: "digits"`
   *  asks for digits (a code pad), anything else for text. */
  CUSTOM_CHALLENGE: {
    readonly prompt: string | undefined;
    readonly digits: boolean;
    readonly parameters: { [key: string]: string };
  };
  PASSWORD_VERIFIER: { readonly parameters: { [key: string]: string } };
  /** A remembered device may stand in for MFA: the client proves the device's password itself. */
  DEVICE_SRP_AUTH: {};
  DEVICE_PASSWORD_VERIFIER: { readonly parameters: { [key: string]: string } };
  /** One this client does not know, by the name Cognito gave it. */
  UNSUPPORTED: { readonly cognitoName: string };
}

export type ChallengeName = keyof ChallengeParts;

/** A challenge of name N (of any name by default): a union discriminated by `name`. Written as a mapped
 *  type so that code generic in N (a table lookup by `challenge.name`) keeps name and shape together. */
export type Challenge<N extends ChallengeName = ChallengeName> = { [K in N]: { readonly name: K } & ChallengeParts[K] }[N];

/** The challenges answered with a code the user types. */
export type CodeChallengeName = "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP";

interface Code {
  readonly code: string;
}

/** What answers each challenge; `never` for those no caller answers: the client answers the verifiers
 *  and DEVICE_SRP_AUTH itself, and the ones it does not know cannot be answered here. */
interface AnswerParts {
  NEW_PASSWORD_REQUIRED: { readonly newPassword: string; readonly attributes?: { [name: string]: string } };
  SOFTWARE_TOKEN_MFA: Code;
  SMS_MFA: Code;
  EMAIL_OTP: Code;
  SMS_OTP: Code;
  SELECT_MFA_TYPE: { readonly choice: MfaMethod };
  /** PASSWORD and PASSWORD_SRP need the password; the OTP choices lead to a code challenge. */
  SELECT_CHALLENGE: { readonly choice: FirstFactor; readonly password?: string };
  /** After the authenticator app's code was verified (verifySoftwareToken, whose Session it then carries):
   *  nothing more. For codes by email: the address they go to. */
  MFA_SETUP: { readonly email?: string };
  /** The text (or digits) the Lambda asked for. */
  CUSTOM_CHALLENGE: { readonly answer: string };
  PASSWORD_VERIFIER: never;
  DEVICE_SRP_AUTH: never;
  DEVICE_PASSWORD_VERIFIER: never;
  UNSUPPORTED: never;
}

/** Fails to compile when a challenge has no line in T. */
type ForEveryChallenge<T extends { [K in ChallengeName]: unknown }> = T;

/** The answer to a challenge of name N, named after it (so a mismatched pair is caught even where the
 *  names are only known at run time); none for the challenges no caller answers. */
export type ChallengeAnswer<N extends ChallengeName = ChallengeName> = {
  [K in N]: { readonly name: K } & ForEveryChallenge<AnswerParts>[K];
}[N];

const MFA_METHODS: MfaMethod[] = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"];
const FIRST_FACTORS: FirstFactor[] = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"];
const SETUP_METHODS: MfaSetupMethod[] = ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"];

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
      return { name };
    case "MFA_SETUP":
      return { name, options: known(nestedJson(p, "MFAS_CAN_SETUP"), SETUP_METHODS) };
    case "CUSTOM_CHALLENGE": {
      const parameters: { [key: string]: string } = {};
      for (const k in p) if (k !== "USERNAME") parameters[k] = p[k];
      return { name, prompt: p.prompt || undefined, digits: p.answerFormat === "digits", parameters };
    }
    case "SMS_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP":
      return { name, destination: p.CODE_DELIVERY_DESTINATION || undefined };
    case "SELECT_MFA_TYPE":
      return { name, options: known(nestedJson(p, "MFAS_CAN_CHOOSE"), MFA_METHODS) };
    case "SELECT_CHALLENGE":
      return { name, options: known(available, FIRST_FACTORS) };
    case "DEVICE_SRP_AUTH":
      return { name };
    case "PASSWORD_VERIFIER":
    case "DEVICE_PASSWORD_VERIFIER":
      return { name, parameters: p };
  }
  return { name: "UNSUPPORTED", cognitoName: name };
}

type Responses = { [key: string]: string };

/** How each answer goes on the wire, as ChallengeResponses without USERNAME and SECRET_HASH (the client
 *  adds those). */
const RESPONSES: { [K in ChallengeName]: (challenge: Challenge<K>, answer: ChallengeAnswer<K>) => Responses } = {
  NEW_PASSWORD_REQUIRED: (challenge, answer) => {
    const out: Responses = { NEW_PASSWORD: answer.newPassword };
    const given = answer.attributes || {};
    for (const attr of challenge.requiredAttributes) checkConfig(given[attr], `attribute "${attr}"`, "is required by the user pool");
    for (const attr in given) if (given[attr]) out["userAttributes." + attr] = given[attr];
    return out;
  },
  SOFTWARE_TOKEN_MFA: code,
  SMS_MFA: code,
  EMAIL_OTP: code,
  SMS_OTP: code,
  SELECT_MFA_TYPE: choice,
  SELECT_CHALLENGE: choice,
  MFA_SETUP: (_, answer): Responses => (answer.email ? { EMAIL: answer.email } : {}),
  CUSTOM_CHALLENGE: (_, answer) => ({ ANSWER: answer.answer }),
  PASSWORD_VERIFIER: unanswered,
  DEVICE_SRP_AUTH: unanswered,
  DEVICE_PASSWORD_VERIFIER: unanswered,
  UNSUPPORTED: unanswered,
};

// SOFTWARE_TOKEN_MFA_CODE, SMS_MFA_CODE, EMAIL_OTP_CODE, SMS_OTP_CODE.
function code(challenge: { name: CodeChallengeName }, answer: Code): Responses {
  return { [challenge.name + "_CODE"]: answer.code };
}

// Only a choice of PASSWORD carries the password: PASSWORD_SRP proves it in the next step.
function choice(_: unknown, answer: { choice: string; password?: string }): Responses {
  return answer.choice === "PASSWORD" ? { ANSWER: "PASSWORD", PASSWORD: answer.password || "" } : { ANSWER: answer.choice };
}

// These challenges have no answer (ChallengeAnswer<N> is never), so this is never called.
function unanswered(_: unknown, answer: never): Responses {
  return answer;
}

/** The ChallengeResponses for an answer. Its name is checked: with a challenge known only at run time
 *  (a union), the types let any answer through. */
export function answerResponses<N extends ChallengeName>(challenge: Challenge<N>, answer: ChallengeAnswer<N>): Responses {
  if (challenge.name !== answer.name) throw new Error(`${answer.name} answer to challenge ${challenge.name}`);
  return RESPONSES[challenge.name](challenge, answer);
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
