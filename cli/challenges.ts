// The CLI's answer to each challenge the client can bring, asked on standard input one line per value,
// in a fixed order. One table keyed by the client's ChallengeName, complete by its type: a new challenge
// has no line here until one is written. Names that come from Cognito (attributes, where a code went)
// are outside text in the prompts.
import { Challenge, ChallengeAnswer, ChallengeName, CognitoClient, PendingChallenge, SignInStep } from "../core/cognito";
import { printable } from "../devkit/printable";
import { UsageError } from "./args";
import { LineSource } from "./input";

type Ask<N extends ChallengeName> = (challenge: Challenge<N>, lines: LineSource) => Promise<ChallengeAnswer<N>>;

const ASK: { [N in ChallengeName]: Ask<N> } = {
  NEW_PASSWORD_REQUIRED: async (challenge, lines) => {
    const newPassword = await lines.read("New password: ", { secret: true });
    const attributes: { [name: string]: string } = {};
    for (const attr of challenge.requiredAttributes) {
      attributes[attr] = await lines.read(`Value for ${printable(attr, 80)}: `);
    }
    return { name: challenge.name, newPassword, attributes };
  },
  SOFTWARE_TOKEN_MFA: async (challenge, lines) => ({ name: challenge.name, code: await lines.read("Code from your authenticator app: ") }),
  SMS_MFA: codeSent,
  SMS_OTP: codeSent,
  EMAIL_OTP: codeSent,
  SELECT_MFA_TYPE: async (challenge, lines) => ({ name: challenge.name, choice: await choose("MFA method", challenge.options, lines) }),
  SELECT_CHALLENGE: async (challenge, lines) => {
    const choice = await choose("sign-in method", challenge.options, lines);
    const password = choice === "PASSWORD" || choice === "PASSWORD_SRP" ? await lines.read("Password: ", { secret: true }) : undefined;
    return { name: challenge.name, choice, password };
  },
  MFA_SETUP: async () => {
    throw new UsageError("this user must set up MFA first (an authenticator app), then sign in again");
  },
  // The client answers it itself, within the sign-in.
  PASSWORD_VERIFIER: async (challenge) => unsupported(challenge.name),
  UNSUPPORTED: async (challenge) => unsupported(printable(challenge.cognitoName, 80)),
};

/** Asks for the challenge's answer and sends it. */
export function answerChallenge<N extends ChallengeName>(
  client: CognitoClient,
  pending: PendingChallenge<N>,
  lines: LineSource,
): Promise<SignInStep> {
  return ASK[pending.challenge.name](pending.challenge, lines).then((answer) => client.respond(pending, answer));
}

async function codeSent<N extends "SMS_MFA" | "SMS_OTP" | "EMAIL_OTP">(
  challenge: Challenge<N>,
  lines: LineSource,
): Promise<ChallengeAnswer<N>> {
  const where = challenge.destination ? ` sent to ${printable(challenge.destination, 80)}` : "";
  return { name: challenge.name, code: await lines.read(`Code${where}: `) };
}

function unsupported(name: string): never {
  throw new UsageError(`challenge ${name} is not supported`);
}

async function choose<T extends string>(what: string, options: T[], lines: LineSource): Promise<T> {
  if (options.length === 0) throw new UsageError(`Cognito offered no ${what} this client supports`);
  const list = options.map((o, i) => `${i + 1}=${o}`).join(", ");
  const line = (await lines.read(`Choose a ${what} (${list}): `)).trim();
  const byNumber = options[Number(line) - 1];
  const picked = byNumber || options.filter((o) => o.toLowerCase() === line.toLowerCase())[0];
  if (!picked) throw new UsageError(`"${printable(line, 80)}" is not one of ${options.join(", ")}`);
  return picked;
}
