// Email MFA (EMAIL_OTP), which cognito-local 5.3.0 lacks: it drops SetUserPoolMfaConfig's
// EmailMfaConfiguration and knows no EMAIL_OTP challenge. This adds, as Cognito does it:
// - SetUserPoolMfaConfig / GetUserPoolMfaConfig keep and show a pool's EmailMfaConfiguration (its presence
//   turns email MFA on: MFA_SETUP then offers EMAIL_OTP, see mfa-setup.ts);
// - the EMAIL_OTP challenge {CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "d***@e***"}
//   with a Session, its code sent to the sandbox's mailbox (code-mailbox.ts); RespondToAuthChallenge
//   EMAIL_OTP {USERNAME, EMAIL_OTP_CODE} → tokens, a wrong code CodeMismatchException (the Session stays
//   good for another try);
// - for a user whose MFA is email alone, the password sign-in (and SRP's, which goes on as it) asks EMAIL_OTP
//   where the emulator, which does not count EMAIL_OTP, would refuse the user.
// When the challenge ends an MFA set-up, the address becomes the user's verified email and their MFA.
import { randomInt, randomUUID } from "node:crypto";
import type { CodeMailbox } from "./code-mailbox";
import { Emulator, EmulatorPool, EmulatorUser, Wire, attributeOf, fieldsOf, issueTokens, namedUser } from "./emulator";
import { maskedEmail } from "./password-reset";

/** What a pool's email MFA says (Cognito's EmailMfaConfiguration); the sandbox only needs it to exist. */
export interface EmailMfaConfiguration {
  Message?: string;
  Subject?: string;
}

const INVALID_SESSION = "Invalid session for the user.";
/** Cognito's default for an app client's auth session: 3 minutes. */
const SESSION_LIFETIME_MS = 3 * 60_000;
const SIGN_INS_KEPT = 1000;

/** An EMAIL_OTP challenge waiting for its code. `setUp`: the address it makes the user's email MFA. */
interface Pending {
  poolId: string;
  clientId: string;
  username: string;
  code: string;
  expires: number;
  setUp?: string;
}

export interface EmailOtp {
  /** Sends a code to `email` and answers the EMAIL_OTP challenge; `setUp`: the challenge ends an MFA set-up. */
  challenge(pool: EmulatorPool, user: EmulatorUser, clientId: string, email: string, setUp: boolean): Wire;
}

/** Whether the pool has email MFA turned on. */
export function emailMfaOn(pool: EmulatorPool): boolean {
  return !!(pool.options as { EmailMfaConfiguration?: EmailMfaConfiguration }).EmailMfaConfiguration;
}

export function serveEmailOtp(emulator: Emulator, mailbox: CodeMailbox): EmailOtp {
  const { targets, refuse } = emulator;
  for (const name of ["InitiateAuth", "RespondToAuthChallenge", "SetUserPoolMfaConfig", "GetUserPoolMfaConfig"])
    if (typeof targets[name] !== "function") throw new Error(`cognito-local has no ${name} target to patch`);
  const { InitiateAuth: initiateAuth, RespondToAuthChallenge: respondToAuthChallenge } = targets;
  const { SetUserPoolMfaConfig: setUserPoolMfaConfig, GetUserPoolMfaConfig: getUserPoolMfaConfig } = targets;
  const pending = new Map<string, Pending>();

  const emailOtp: EmailOtp = {
    challenge(pool, user, clientId, email, setUp) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
      mailbox.send(pool.options.Id, user.Username, "EMAIL_OTP", code, email);
      const session = randomUUID();
      pending.set(session, {
        poolId: pool.options.Id,
        clientId,
        username: user.Username,
        code,
        expires: Date.now() + SESSION_LIFETIME_MS,
        ...(setUp ? { setUp: email } : {}),
      });
      if (pending.size > SIGN_INS_KEPT) pending.delete(pending.keys().next().value as string);
      return {
        ChallengeName: "EMAIL_OTP",
        ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: maskedEmail(email) },
        Session: session,
      };
    },
  };

  targets.SetUserPoolMfaConfig = (services) => {
    const original = setUserPoolMfaConfig(services);
    return async (ctx, req) => {
      const result = await original(ctx, req);
      const pool = await services.cognito.getUserPool(ctx, String(req.UserPoolId));
      const given = req.EmailMfaConfiguration;
      const options = pool.options as EmulatorPool["options"] & { EmailMfaConfiguration?: EmailMfaConfiguration };
      if (given !== undefined) {
        const updated = { ...options, EmailMfaConfiguration: given ? (fieldsOf(given) as EmailMfaConfiguration) : undefined };
        await (pool as unknown as { updateOptions(ctx: unknown, options: object): Promise<void> }).updateOptions(ctx, updated);
      }
      const current = given !== undefined ? given : options.EmailMfaConfiguration;
      return current ? { ...result, EmailMfaConfiguration: current } : result;
    };
  };

  targets.GetUserPoolMfaConfig = (services) => {
    const original = getUserPoolMfaConfig(services);
    return async (ctx, req) => {
      const result = await original(ctx, req);
      const pool = await services.cognito.getUserPool(ctx, String(req.UserPoolId));
      const config = (pool.options as { EmailMfaConfiguration?: EmailMfaConfiguration }).EmailMfaConfiguration;
      return config ? { ...result, EmailMfaConfiguration: config } : result;
    };
  };

  targets.InitiateAuth = (services) => {
    const original = initiateAuth(services);
    return async (ctx, req) => {
      if (req.AuthFlow !== "USER_PASSWORD_AUTH" || typeof req.ClientId !== "string") return original(ctx, req);
      if (!(await services.cognito.getAppClient(ctx, req.ClientId))) return original(ctx, req);
      const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const params = fieldsOf(req.AuthParameters);
      const user = await namedUser(pool, ctx, params.USERNAME);
      const email = user && attributeOf(user, "email");
      const emailOnly = !!user && (user.UserMFASettingList || []).join() === "EMAIL_OTP" && (user.MFAOptions || []).length === 0;
      // Everything else (a wrong password, another status, another MFA) is the emulator's to answer.
      if (!user || !email || !emailOnly || user.UserStatus !== "CONFIRMED" || user.Password !== params.PASSWORD) return original(ctx, req);
      if (pool.options.MfaConfiguration === "OFF" || !pool.options.MfaConfiguration || !emailMfaOn(pool)) return original(ctx, req);
      return emailOtp.challenge(pool, user, req.ClientId, email, false);
    };
  };

  targets.RespondToAuthChallenge = (services) => {
    const original = respondToAuthChallenge(services);
    return async (ctx, req) => {
      if (req.ChallengeName !== "EMAIL_OTP") return original(ctx, req);
      const waiting = typeof req.Session === "string" ? pending.get(req.Session) : undefined;
      if (!waiting || waiting.expires <= Date.now() || waiting.clientId !== req.ClientId)
        return refuse("NotAuthorizedException", INVALID_SESSION);
      const pool = await services.cognito.getUserPool(ctx, waiting.poolId);
      const answers = fieldsOf(req.ChallengeResponses);
      const user = await namedUser(pool, ctx, answers.USERNAME);
      if (!user || user.Username !== waiting.username) return refuse("NotAuthorizedException", "Incorrect username or password.");
      if (answers.EMAIL_OTP_CODE !== waiting.code) return refuse("CodeMismatchException", "Invalid code or auth state for the user.");
      pending.delete(req.Session as string);
      if (waiting.setUp !== undefined) {
        const methods = user.UserMFASettingList || [];
        const others = (user.Attributes || []).filter((a) => a.Name !== "email" && a.Name !== "email_verified");
        await pool.saveUser(ctx, {
          ...user,
          Attributes: [...others, { Name: "email", Value: waiting.setUp }, { Name: "email_verified", Value: "true" }],
          UserMFASettingList: methods.indexOf("EMAIL_OTP") >= 0 ? methods : [...methods, "EMAIL_OTP"],
        });
      }
      const saved = (await pool.getUserByUsername(ctx, user.Username)) || user;
      return issueTokens(services, ctx, pool, saved, waiting.clientId, req.ClientMetadata);
    };
  };

  return emailOtp;
}
