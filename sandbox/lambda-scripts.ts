// The "Lambdas" of the sandbox's custom authentication (custom-auth.ts). cognito-local runs no Lambda, so a
// pool opts in as a real pool does, with a LambdaConfig naming its Define/Create/VerifyAuthChallenge
// functions, and the sandbox recognises ARNs of the form
//   arn:aws:lambda:sandbox:000000000000:function:<script>
// and runs the script of that name here. Each script models the three triggers of a real pool:
//   code      CUSTOM_CHALLENGE { prompt: "Type the code we sent to your email", answerFormat: "digits" };
//             a fresh 6-digit code per sign-in, sent to the sandbox's mailbox (code-mailbox.ts)
//   question  { prompt: "Name of your first pet?" }; the answer is the user's `custom:pet` attribute, or
//             "rex" for a user without one, compared case-insensitively
//   bare      { q: "Favourite colour?" } and nothing else (no convention at all); the answer is "blue"
//   metadata  { prompt: "Type the name of your organisation" }; every step needs ClientMetadata
//             { tenant: "acme" } (InitiateAuth's reaches Define and Create, RespondToAuthChallenge's
//             Verify, Define and Create, as in Cognito) and the answer is that tenant: proves ClientMetadata
//             arrives end to end
//   fail      Define fails the sign-in at once
// Every script but `fail` allows three wrong answers, each followed by another CUSTOM_CHALLENGE, then
// fails the sign-in; with SRP_A first (CUSTOM_AUTH with CHALLENGE_NAME "SRP_A"), Define asks for the
// password (PASSWORD_VERIFIER) before the first custom challenge, as the AWS samples do.
import { randomInt } from "node:crypto";

export const SANDBOX_LAMBDA_ARN_PREFIX = "arn:aws:lambda:sandbox:000000000000:function:";

export const SCRIPT_NAMES = ["code", "question", "bare", "metadata", "fail"] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

/** The ARN that makes the sandbox run `script`. */
export function sandboxLambdaArn(script: ScriptName): string {
  return SANDBOX_LAMBDA_ARN_PREFIX + script;
}

/** The script an ARN names, or undefined when it is not a sandbox script's ARN. */
export function scriptOfArn(arn: unknown): ScriptName | undefined {
  if (typeof arn !== "string" || !arn.startsWith(SANDBOX_LAMBDA_ARN_PREFIX)) return undefined;
  const name = arn.slice(SANDBOX_LAMBDA_ARN_PREFIX.length);
  return (SCRIPT_NAMES as readonly string[]).indexOf(name) >= 0 ? (name as ScriptName) : undefined;
}

/** One step of the sign-in so far, as Cognito hands it to the triggers (`event.request.session`). */
export interface ChallengeResult {
  challengeName: "SRP_A" | "PASSWORD_VERIFIER" | "CUSTOM_CHALLENGE";
  challengeResult: boolean;
  challengeMetadata?: string;
}

/** What a trigger is told: the steps so far, the user, and the ClientMetadata of the request under way. */
export interface TriggerEvent {
  session: ChallengeResult[];
  username: string;
  userAttributes: Record<string, string>;
  clientMetadata: Record<string, string>;
}

/** DefineAuthChallenge's answer. */
export type Decision =
  { kind: "tokens" } | { kind: "fail" } | { kind: "challenge"; challengeName: "PASSWORD_VERIFIER" | "CUSTOM_CHALLENGE" };

/** CreateAuthChallenge's answer; `send`: a code to deliver to the user (the mailbox). */
export interface CreatedChallenge {
  publicChallengeParameters: Record<string, string>;
  privateChallengeParameters: { answer: string };
  challengeMetadata?: string;
  send?: string;
}

export interface LambdaScript {
  define(event: TriggerEvent): Decision;
  create(event: TriggerEvent): CreatedChallenge;
  verify(event: TriggerEvent & { answer: string; privateChallengeParameters: { answer: string } }): boolean;
}

const TRIES = 3;
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The Define of the AWS samples: password first when SRP_A came, then up to three custom rounds. */
function defineWithTries(event: TriggerEvent): Decision {
  const last = event.session[event.session.length - 1];
  if (last && last.challengeName === "SRP_A") return { kind: "challenge", challengeName: "PASSWORD_VERIFIER" };
  if (last && last.challengeName === "PASSWORD_VERIFIER" && !last.challengeResult) return { kind: "fail" };
  if (last && last.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult) return { kind: "tokens" };
  const rounds = event.session.filter((s) => s.challengeName === "CUSTOM_CHALLENGE").length;
  return rounds >= TRIES ? { kind: "fail" } : { kind: "challenge", challengeName: "CUSTOM_CHALLENGE" };
}

const verifyAnswer: LambdaScript["verify"] = (event) => same(event.answer, event.privateChallengeParameters.answer);

const SCRIPTS: Record<ScriptName, LambdaScript> = {
  code: {
    define: defineWithTries,
    // One code per sign-in: a retry asks for the same code again (carried in the challenge's metadata, as
    // real Create triggers carry it), so only the first round sends one.
    create(event) {
      const earlier = event.session.filter((s) => s.challengeName === "CUSTOM_CHALLENGE" && s.challengeMetadata);
      const previous = earlier.length ? (earlier[earlier.length - 1].challengeMetadata as string).replace(/^CODE-/, "") : undefined;
      const code = previous || String(randomInt(0, 1_000_000)).padStart(6, "0");
      return {
        publicChallengeParameters: { prompt: "Type the code we sent to your email", answerFormat: "digits" },
        privateChallengeParameters: { answer: code },
        challengeMetadata: `CODE-${code}`,
        ...(previous ? {} : { send: code }),
      };
    },
    verify: verifyAnswer,
  },
  question: {
    define: defineWithTries,
    create: (event) => ({
      publicChallengeParameters: { prompt: "Name of your first pet?" },
      privateChallengeParameters: { answer: event.userAttributes["custom:pet"] || "rex" },
    }),
    verify: verifyAnswer,
  },
  bare: {
    define: defineWithTries,
    create: () => ({ publicChallengeParameters: { q: "Favourite colour?" }, privateChallengeParameters: { answer: "blue" } }),
    verify: verifyAnswer,
  },
  metadata: {
    define: (event) => (event.clientMetadata.tenant === "acme" ? defineWithTries(event) : { kind: "fail" }),
    create: () => ({
      publicChallengeParameters: { prompt: "Type the name of your organisation" },
      privateChallengeParameters: { answer: "acme" },
    }),
    verify: (event) => event.clientMetadata.tenant === "acme" && verifyAnswer(event),
  },
  fail: {
    define: () => ({ kind: "fail" }),
    create: () => {
      throw new Error("the fail script never creates a challenge");
    },
    verify: () => false,
  },
};

export function lambdaScript(name: ScriptName): LambdaScript {
  return SCRIPTS[name];
}
