// Custom authentication (CUSTOM_AUTH), which cognito-local 5.3.0 lacks (it runs no Lambda), served in front
// of it for pools whose LambdaConfig names a sandbox script (lambda-scripts.ts), as Cognito serves it:
// - InitiateAuth CUSTOM_AUTH {USERNAME} on an app client with ALLOW_CUSTOM_AUTH: Define decides, Create
//   makes the CUSTOM_CHALLENGE, whose ChallengeParameters are its public parameters plus USERNAME, with a
//   Session; with SRP_A and CHALLENGE_NAME "SRP_A" the password is proven first (PASSWORD_VERIFIER, the
//   same SRP as USER_SRP_AUTH: srp-server.ts), then the custom rounds;
// - RespondToAuthChallenge CUSTOM_CHALLENGE {USERNAME, ANSWER} with the newest Session only (each Session
//   answers once): Verify, then Define again: tokens, another CUSTOM_CHALLENGE with a new Session, or
//   NotAuthorizedException "Incorrect username or password." (what Cognito answers when Define fails);
// - ClientMetadata of each request reaches the scripts (the `metadata` script needs it).
// SECRET_HASH is accepted and not checked, as elsewhere in cognito-local.
import { randomUUID } from "node:crypto";
import type { CodeMailbox } from "./code-mailbox";
import { Emulator, EmulatorPool, EmulatorServices, EmulatorUser, Wire, attributeOf, fieldsOf, issueTokens, namedUser } from "./emulator";
import { ChallengeResult, LambdaScript, ScriptName, TriggerEvent, lambdaScript, scriptOfArn } from "./lambda-scripts";
import { SrpRefusal, SrpVerifier, srpAccount, srpVerifier } from "./srp-server";

const INVALID_SESSION = "Invalid session for the user.";
const FAILED = "Incorrect username or password.";
/** Cognito's default for an app client's auth session: 3 minutes. */
const SESSION_LIFETIME_MS = 3 * 60_000;
const SIGN_INS_KEPT = 1000;

/** A custom sign-in under way: whose, which script, the steps so far, the challenge waiting for its answer. */
interface SignIn {
  poolId: string;
  clientId: string;
  username: string;
  script: ScriptName;
  session: ChallengeResult[];
  expires: number;
  /** InitiateAuth's SRP_A, when the password is proven first. */
  srpA?: unknown;
  /** Waiting for an answer to this: the PASSWORD_VERIFIER (SRP) or a CUSTOM_CHALLENGE and its answer. */
  waiting: "PASSWORD_VERIFIER" | { answer: string; challengeMetadata?: string };
}

export function serveCustomAuth(emulator: Emulator, mailbox: CodeMailbox): void {
  const { targets, refuse } = emulator;
  const initiateAuth = targets.InitiateAuth;
  const respondToAuthChallenge = targets.RespondToAuthChallenge;
  if (typeof initiateAuth !== "function" || typeof respondToAuthChallenge !== "function")
    throw new Error("cognito-local has no InitiateAuth or RespondToAuthChallenge target to patch");

  // Keyed by Session, or by PASSWORD_VERIFIER's secret block (the SRP claim carries no Session of ours).
  const signIns = new Map<string, SignIn>();
  const keep = (handle: string, signIn: SignIn) => {
    signIns.set(handle, signIn);
    if (signIns.size > SIGN_INS_KEPT) signIns.delete(signIns.keys().next().value as string);
  };
  /** The sign-in `handle` names, taken out: a Session or secret block answers once. */
  const takeSignIn = (handle: unknown): SignIn | undefined => {
    if (typeof handle !== "string") return undefined;
    const signIn = signIns.get(handle);
    signIns.delete(handle);
    return signIn && signIn.expires > Date.now() ? signIn : undefined;
  };
  const verifiers = new Map<string, SrpVerifier>();
  const verifierOf = (poolId: string) => {
    let verifier = verifiers.get(poolId);
    if (!verifier) verifiers.set(poolId, (verifier = srpVerifier(poolId.split("_")[1])));
    return verifier;
  };
  const srp = <T>(step: () => T): T => {
    try {
      return step();
    } catch (err) {
      throw err instanceof SrpRefusal ? refuse(err.type, err.message) : err;
    }
  };

  targets.InitiateAuth = (services) => {
    const original = initiateAuth(services);
    return async (ctx, req) => {
      if (req.AuthFlow !== "CUSTOM_AUTH") return original(ctx, req);
      const clientId = String(req.ClientId);
      const client = (await services.cognito.getAppClient(ctx, clientId)) as { ExplicitAuthFlows?: string[] } | null;
      if (!client) return refuse("NotAuthorizedException", "Invalid client id");
      if ((client.ExplicitAuthFlows || []).indexOf("ALLOW_CUSTOM_AUTH") < 0)
        return refuse("InvalidParameterException", "CUSTOM_AUTH flow not enabled for this client");
      const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
      const script = scriptOf(pool);
      const params = fieldsOf(req.AuthParameters);
      const user = await namedUser(pool, ctx, params.USERNAME);
      if (!user) return refuse("NotAuthorizedException", FAILED);
      if (user.UserStatus === "UNCONFIRMED") return refuse("UserNotConfirmedException", "User is not confirmed.");
      const signIn: SignIn = {
        poolId: pool.options.Id,
        clientId,
        username: user.Username,
        script,
        session: [],
        expires: Date.now() + SESSION_LIFETIME_MS,
        waiting: "PASSWORD_VERIFIER",
      };
      if (params.CHALLENGE_NAME === "SRP_A") {
        signIn.srpA = params.SRP_A;
        signIn.session.push({ challengeName: "SRP_A", challengeResult: true });
      }
      return next(services, ctx, pool, user, signIn, req.ClientMetadata);
    };
  };

  targets.RespondToAuthChallenge = (services) => {
    const original = respondToAuthChallenge(services);
    return async (ctx, req) => {
      const answers = fieldsOf(req.ChallengeResponses);
      if (req.ChallengeName === "PASSWORD_VERIFIER") {
        // Ours only when its secret block is (a USER_SRP_AUTH claim goes on to the SRP in front of the emulator).
        const block = answers.PASSWORD_CLAIM_SECRET_BLOCK;
        if (typeof block !== "string" || !signIns.has(block)) return original(ctx, req);
        const signIn = takeSignIn(block);
        if (!signIn || signIn.clientId !== req.ClientId) return refuse("NotAuthorizedException", INVALID_SESSION);
        srp(() => verifierOf(signIn.poolId).verify(answers));
        signIn.session.push({ challengeName: "PASSWORD_VERIFIER", challengeResult: true });
        const { pool, user } = await signedInUser(services, ctx, signIn);
        return next(services, ctx, pool, user, signIn, req.ClientMetadata);
      }
      if (req.ChallengeName !== "CUSTOM_CHALLENGE") return original(ctx, req);
      const signIn = takeSignIn(req.Session);
      if (!signIn || signIn.clientId !== req.ClientId || signIn.waiting === "PASSWORD_VERIFIER")
        return refuse("NotAuthorizedException", INVALID_SESSION);
      const { pool, user } = await signedInUser(services, ctx, signIn);
      if (typeof answers.USERNAME !== "string" || (await namedUser(pool, ctx, answers.USERNAME))?.Username !== user.Username)
        return refuse("NotAuthorizedException", FAILED);
      if (typeof answers.ANSWER !== "string") return refuse("InvalidParameterException", "Missing required parameter ANSWER");
      const waiting = signIn.waiting;
      const correct = lambdaScript(signIn.script).verify({
        ...event(signIn, user, req.ClientMetadata),
        answer: answers.ANSWER,
        privateChallengeParameters: { answer: waiting.answer },
      });
      signIn.session.push({ challengeName: "CUSTOM_CHALLENGE", challengeResult: correct, challengeMetadata: waiting.challengeMetadata });
      return next(services, ctx, pool, user, signIn, req.ClientMetadata);
    };
  };

  /** The pool's custom authentication script, or Cognito's refusal (none configured; not a sandbox script). */
  function scriptOf(pool: EmulatorPool): ScriptName {
    const lambdas = pool.options.LambdaConfig || {};
    if (!lambdas.DefineAuthChallenge)
      return refuse("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.");
    const script = scriptOfArn(lambdas.DefineAuthChallenge);
    if (!script || scriptOfArn(lambdas.CreateAuthChallenge) !== script || scriptOfArn(lambdas.VerifyAuthChallengeResponse) !== script)
      return refuse(
        "UnexpectedLambdaException",
        "The sandbox runs no Lambda: Define, Create and VerifyAuthChallengeResponse must all name the same sandbox script, " +
          "arn:aws:lambda:sandbox:000000000000:function:<code|question|bare|metadata|fail>",
      );
    return script;
  }

  async function signedInUser(services: EmulatorServices, ctx: unknown, signIn: SignIn) {
    const pool = await services.cognito.getUserPool(ctx, signIn.poolId);
    const user = await namedUser(pool, ctx, signIn.username);
    return user ? { pool, user } : refuse("NotAuthorizedException", FAILED);
  }

  /** Define's decision on the steps so far, carried out: tokens, a refusal, or the next challenge. */
  async function next(
    services: EmulatorServices,
    ctx: unknown,
    pool: EmulatorPool,
    user: EmulatorUser,
    signIn: SignIn,
    clientMetadata: unknown,
  ): Promise<Wire> {
    const script: LambdaScript = lambdaScript(signIn.script);
    const trigger = event(signIn, user, clientMetadata);
    const decision = script.define(trigger);
    if (decision.kind === "fail") return refuse("NotAuthorizedException", FAILED);
    if (decision.kind === "tokens") return issueTokens(services, ctx, pool, user, signIn.clientId, clientMetadata);
    if (decision.challengeName === "PASSWORD_VERIFIER") return passwordVerifier(pool, user, signIn);
    const created = script.create(trigger);
    if (created.send !== undefined)
      mailbox.send(signIn.poolId, user.Username, "CUSTOM_CHALLENGE", created.send, attributeOf(user, "email"));
    signIn.waiting = { answer: created.privateChallengeParameters.answer, challengeMetadata: created.challengeMetadata };
    const session = randomUUID();
    keep(session, signIn);
    return {
      ChallengeName: "CUSTOM_CHALLENGE",
      ChallengeParameters: { ...created.publicChallengeParameters, USERNAME: user.Username },
      Session: session,
    };
  }

  function passwordVerifier(pool: EmulatorPool, user: EmulatorUser, signIn: SignIn): Wire {
    if (typeof user.Password !== "string") return refuse("NotAuthorizedException", FAILED);
    const poolName = pool.options.Id.split("_")[1];
    const account = srpAccount(poolName, user.Username, user.Password);
    const challenge = srp(() => verifierOf(pool.options.Id).challenge(account, signIn.srpA));
    signIn.waiting = "PASSWORD_VERIFIER";
    keep(challenge.SECRET_BLOCK, signIn);
    return { ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters: challenge };
  }
}

function event(signIn: SignIn, user: EmulatorUser, clientMetadata: unknown): TriggerEvent {
  const attributes: Record<string, string> = {};
  for (const a of user.Attributes || []) if (typeof a.Value === "string") attributes[a.Name] = a.Value;
  const metadata: Record<string, string> = {};
  const given = fieldsOf(clientMetadata);
  for (const key of Object.keys(given)) if (typeof given[key] === "string") metadata[key] = given[key] as string;
  return { session: signIn.session.slice(), username: user.Username, userAttributes: attributes, clientMetadata: metadata };
}
