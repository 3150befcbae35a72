// The CLI's answer to each challenge the client can bring, asked on standard input one line per value,
// in a fixed order. One table keyed by the client's ChallengeName, complete by its type: a new challenge
// has no line here until one is written. Names that come from Cognito (attributes, where a code went, a
// Lambda's question) are outside text in the prompts.
import { Challenge, ChallengeAnswer, ChallengeName, CognitoClient, PendingChallenge, SignInStep } from "../core/cognito";
import { printable } from "../devkit/printable";
import { UsageError } from "./args";
import { LineSource } from "./input";
import { setUpMfa } from "./mfa-setup";

/** What asking needs: the lines typed, a way to tell the user something (stderr: shown even when the
 *  answers are piped, where prompts are not), the client, and the username as typed at login. */
export interface AskIo {
  readonly lines: LineSource;
  readonly say: (text: string) => void;
  readonly client: CognitoClient;
  readonly user: string;
}

/** Asks for a challenge's answer and sends it: the next step of the sign-in. */
export type Ask<N extends ChallengeName> = (pending: PendingChallenge<N>, io: AskIo) => Promise<SignInStep>;

/** An Ask for the challenges answered by one RespondToAuthChallenge: asks with `ask`, then responds. */
function answering<N extends ChallengeName>(ask: (challenge: Challenge<N>, io: AskIo) => Promise<ChallengeAnswer<N>>): Ask<N> {
  return (pending, io) => ask(pending.challenge, io).then((answer) => io.client.respond(pending, answer));
}

const ASK: { [N in ChallengeName]: Ask<N> } = {
  NEW_PASSWORD_REQUIRED: answering(async (challenge, { lines }) => {
    const newPassword = await lines.read("New password: ", { secret: true });
    const attributes: { [name: string]: string } = {};
    for (const attr of challenge.requiredAttributes) {
      attributes[attr] = await lines.read(`Value for ${printable(attr, 80)}: `);
    }
    return { name: challenge.name, newPassword, attributes };
  }),
  SOFTWARE_TOKEN_MFA: answering(async (challenge, { lines }) => ({
    name: challenge.name,
    code: await lines.read("Code from your authenticator app: "),
  })),
  SMS_MFA: answering(codeSent),
  SMS_OTP: answering(codeSent),
  EMAIL_OTP: answering(codeSent),
  SELECT_MFA_TYPE: answering(async (challenge, { lines }) => ({
    name: challenge.name,
    choice: await choose("MFA method", challenge.options, lines),
  })),
  SELECT_CHALLENGE: answering(async (challenge, { lines }) => {
    const choice = await choose("sign-in method", challenge.options, lines);
    const password = choice === "PASSWORD" || choice === "PASSWORD_SRP" ? await lines.read("Password: ", { secret: true }) : undefined;
    return { name: challenge.name, choice, password };
  }),
  MFA_SETUP: (pending, io) => setUpMfa(pending, io, choose),
  CUSTOM_CHALLENGE: answering(async (challenge, { lines, say }) => {
    // The Lambda's question, by the README's convention (`prompt`); a pool that follows none gets its
    // public parameters shown as they are, so the user sees what the Lambda said. A wrong answer's retry
    // is simply the next challenge.
    if (challenge.prompt !== undefined) say(printable(challenge.prompt, 300));
    else for (const key of Object.keys(challenge.parameters)) say(`${printable(key, 80)}: ${printable(challenge.parameters[key], 300)}`);
    return { name: challenge.name, answer: await lines.read(challenge.digits ? "Answer (digits): " : "Answer: ") };
  }),
  // The client answers these itself, within the sign-in.
  PASSWORD_VERIFIER: async (pending) => unsupported(pending.challenge.name),
  DEVICE_SRP_AUTH: async (pending) => unsupported(pending.challenge.name),
  DEVICE_PASSWORD_VERIFIER: async (pending) => unsupported(pending.challenge.name),
  UNSUPPORTED: async (pending) => unsupported(printable(pending.challenge.cognitoName, 80)),
};

/** Asks for the challenge's answer and sends it. */
export function answerChallenge<N extends ChallengeName>(pending: PendingChallenge<N>, io: AskIo): Promise<SignInStep> {
  return (ASK[pending.challenge.name] as Ask<N>)(pending, io);
}

async function codeSent<N extends "SMS_MFA" | "SMS_OTP" | "EMAIL_OTP">(challenge: Challenge<N>, io: AskIo): Promise<ChallengeAnswer<N>> {
  const where = challenge.destination ? ` sent to ${printable(challenge.destination, 80)}` : "";
  return { name: challenge.name, code: await io.lines.read(`Code${where}: `) } as ChallengeAnswer<N>;
}

function unsupported(name: string): never {
  throw new UsageError(`challenge ${name} is not supported`);
}

/** Asks which of `options` (by number or by name); refuses anything else. */
export type Choose = <T extends string>(what: string, options: T[], lines: LineSource) => Promise<T>;

const choose: Choose = async (what, options, lines) => {
  if (options.length === 0) throw new UsageError(`Cognito offered no ${what} this client supports`);
  const list = options.map((o, i) => `${i + 1}=${o}`).join(", ");
  const line = (await lines.read(`Choose a ${what} (${list}): `)).trim();
  const byNumber = options[Number(line) - 1];
  const picked = byNumber || options.filter((o) => o.toLowerCase() === line.toLowerCase())[0];
  if (!picked) throw new UsageError(`"${printable(line, 80)}" is not one of ${options.join(", ")}`);
  return picked;
};
