// Every challenge the client can bring, by name: the screen the watch (and the settings page) shows for
// it, and how what the wearer sent there answers it. One table, checked by the compiler: a challenge new
// to the client's ChallengeName has no line here until one is written. A challenge the wearer cannot
// answer on the watch has its line too: its screen is why (a Note), which sign-in then shows.
import { ChoiceKind, CodeKind, Note, ToCompanion, View } from "../../common/protocol";
import { MAX_DESTINATION_LENGTH, MAX_OPTIONS, MAX_PROMPT_LENGTH } from "../../common/limits";
import { clip } from "../../common/text";
import { Challenge, ChallengeAnswer, ChallengeName, CodeChallengeName, CognitoClient, PendingChallenge, SignInStep } from "../cognito";
import { note } from "./describe";
import { name } from "./views";

/** What the wearer sends from a challenge's screen. */
export type Sent = Extract<ToCompanion, { t: "newPassword" | "code" | "choose" | "answer" }>;

/** The answer to send; or, for a choice that needs the wearer's password (USER_AUTH's PASSWORD and
 *  PASSWORD_SRP), the answer that password makes: the watch asks for it first. */
type Answer<N extends ChallengeName> = ChallengeAnswer<N> | ((password: string) => ChallengeAnswer<N>);

/** An answer bound to its challenge, ready to go with the client of the moment. Free of the challenge's
 *  name, so the flow can hold it whichever challenge it answers. */
export type Send = (client: CognitoClient) => Promise<SignInStep>;

/** What a request from a challenge's screen does: send the answer, or first ask for the password that
 *  makes it. */
export type Reply = Send | { readonly withPassword: (password: string) => Send };

interface ChallengeEntry<N extends ChallengeName> {
  /** The screen where the wearer answers it, or why they cannot. */
  screen(challenge: Challenge<N>, user: string, error: Note | undefined): View | Note;
  /** What `sent` answers; undefined when it does not fit this challenge (a stale screen). */
  answer(challenge: Challenge<N>, sent: Sent): Answer<N> | undefined;
}

// Declared with its type rather than `satisfies`: as complete, and a lookup by a generic name then gives
// that name's entry (below), not a union of every entry's.
const CHALLENGES: { [N in ChallengeName]: ChallengeEntry<N> } = {
  NEW_PASSWORD_REQUIRED: {
    screen: (_, user, error) => ({ s: "newPassword", user: name(user), error }),
    answer: (challenge, sent) => (sent.t === "newPassword" ? { name: challenge.name, newPassword: sent.pw } : undefined),
  },
  SOFTWARE_TOKEN_MFA: { screen: (_, __, error) => ({ s: "code", kind: "totp", error }), answer: byCode },
  SMS_MFA: codeSentBy("sms"),
  EMAIL_OTP: codeSentBy("email"),
  SMS_OTP: codeSentBy("sms"),
  SELECT_MFA_TYPE: choiceOf("mfa", (challenge, choice) => ({ name: challenge.name, choice })),
  SELECT_CHALLENGE: choiceOf("challenge", (challenge, choice) =>
    choice === "PASSWORD" || choice === "PASSWORD_SRP"
      ? (password) => ({ name: challenge.name, choice, password })
      : { name: challenge.name, choice },
  ),
  // The choice of a method to set up, where there is one; the set-up itself (the authenticator app's key,
  // its first code, or the email address) is the controller's (mfa-setup.ts): it takes calls, not one answer.
  MFA_SETUP: {
    screen: (challenge) =>
      challenge.options.length ? { s: "choose", kind: "setup", options: challenge.options.slice(0, MAX_OPTIONS) } : note("setUpMfa"),
    answer: () => undefined,
  },
  CUSTOM_CHALLENGE: {
    screen: (challenge, _, error) => ({ s: "answer", prompt: promptOf(challenge), digits: challenge.digits || undefined, error }),
    answer: (challenge, sent) => {
      const text = sent.t === "answer" ? sent.text : sent.t === "code" && challenge.digits ? sent.code : undefined;
      return text === undefined ? undefined : { name: challenge.name, answer: text };
    },
  },
  // The client answers these itself, within the sign-in; none reaches the wearer.
  PASSWORD_VERIFIER: cannot((challenge) => note("unsupportedStep", challenge.name)),
  DEVICE_SRP_AUTH: cannot((challenge) => note("unsupportedStep", challenge.name)),
  DEVICE_PASSWORD_VERIFIER: cannot((challenge) => note("unsupportedStep", challenge.name)),
  UNSUPPORTED: cannot((challenge) => note("unsupportedStep", challenge.cognitoName)),
};

/** The screen for a challenge, or why the wearer cannot answer it on the watch. */
export function challengeScreen<N extends ChallengeName>(challenge: Challenge<N>, user: string, error?: Note): View | Note {
  return CHALLENGES[challenge.name].screen(challenge, user, error);
}

/** What the wearer's request does to the pending challenge; undefined when it does not fit it. */
export function replyTo<N extends ChallengeName>(pending: PendingChallenge<N>, sent: Sent): Reply | undefined {
  const answer = CHALLENGES[pending.challenge.name].answer(pending.challenge, sent);
  if (typeof answer === "function") return { withPassword: (password) => sending(pending, answer(password)) };
  return answer && sending(pending, answer);
}

/** The answer with its challenge, which the compiler checks is the answer's own. */
function sending<N extends ChallengeName>(pending: PendingChallenge<N>, answer: ChallengeAnswer<N>): Send {
  return (client) => client.respond(pending, answer);
}

/** A Note (why the watch cannot answer), not a screen. */
export function isNote(shown: View | Note): shown is Note {
  return "m" in shown;
}

function byCode<N extends CodeChallengeName>(challenge: Challenge<N>, sent: Sent): ChallengeAnswer<N> | undefined {
  return sent.t === "code" ? { name: challenge.name, code: sent.code } : undefined;
}

/** A code sent to the wearer by `kind`: its screen names where it went. */
function codeSentBy<N extends "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP">(kind: CodeKind): ChallengeEntry<N> {
  return {
    screen: (challenge, _, error) => ({
      s: "code",
      kind,
      dest: challenge.destination ? clip(challenge.destination, MAX_DESTINATION_LENGTH) : undefined,
      error,
    }),
    answer: byCode,
  };
}

/** A choice among the options Cognito offered (none this client knows: nothing to choose on the watch);
 *  `answer` makes the answer to the option chosen, once `offered` has found it among them. */
function choiceOf<N extends "SELECT_MFA_TYPE" | "SELECT_CHALLENGE">(
  kind: ChoiceKind,
  answer: (challenge: Challenge<N>, choice: Challenge<N>["options"][number]) => Answer<N>,
): ChallengeEntry<N> {
  return {
    screen: (challenge) =>
      challenge.options.length ? { s: "choose", kind, options: challenge.options.slice(0, MAX_OPTIONS) } : note("noSupportedMethod"),
    answer: (challenge, sent) => {
      const choice = offered(challenge.options, sent);
      return choice && answer(challenge, choice);
    },
  };
}

/** The chosen option, when Cognito offered it (the watch's list may be stale). */
function offered<T extends string>(options: readonly T[], sent: Sent): T | undefined {
  return sent.t === "choose" ? options.filter((option) => option === sent.option)[0] : undefined;
}

/** What the watch shows of a custom challenge: the Lambda's `prompt` (the README's convention); for a
 *  Lambda that follows none, its public parameters as "key: value" (the words it meant for the user are
 *  among them); nothing when it sent none (the watch then says an answer is needed). */
function promptOf(challenge: Challenge<"CUSTOM_CHALLENGE">): string | undefined {
  const p = challenge.parameters;
  const text =
    challenge.prompt ||
    Object.keys(p)
      .filter((k) => k !== "answerFormat")
      .map((k) => k + ": " + p[k])
      .join("; ");
  return text ? clip(text, MAX_PROMPT_LENGTH) : undefined;
}

function cannot<N extends ChallengeName>(why: (challenge: Challenge<N>) => Note): ChallengeEntry<N> {
  return { screen: why, answer: () => undefined };
}
