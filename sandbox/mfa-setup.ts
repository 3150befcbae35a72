// MFA set-up during sign-in (MFA_SETUP), which cognito-local 5.3.0 lacks: on a pool whose MFA is ON, it
// refuses the sign-in of a user who has no MFA yet (NotAuthorizedException), and its AssociateSoftwareToken
// and VerifySoftwareToken take an AccessToken only. Cognito instead lets the user set MFA up then and there:
// - the password sign-in (USER_PASSWORD_AUTH, and USER_SRP_AUTH, whose proven claim goes on as the
//   password flow: cognito-local-child.ts) answers MFA_SETUP {MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]'}
//   with a Session (software tokens are offered unless the pool turned them off; EMAIL_OTP too where the
//   pool has email MFA, email-otp.ts); so does a new password chosen at NEW_PASSWORD_REQUIRED, which the
//   emulator would follow with tokens;
// - AssociateSoftwareToken {Session} → {SecretCode, Session}; VerifySoftwareToken {Session, UserCode} →
//   {Status: "SUCCESS", Session} (a wrong code: EnableSoftwareTokenMFAException, the Session still good for
//   another try), after which the user has TOTP MFA;
// - RespondToAuthChallenge MFA_SETUP {USERNAME} with Verify's Session → tokens. The next sign-in asks for
//   SOFTWARE_TOKEN_MFA, the emulator's own challenge;
// - or, for email, RespondToAuthChallenge MFA_SETUP {USERNAME, EMAIL} with the first Session → EMAIL_OTP,
//   a code sent to that address (email-otp.ts), whose right answer gives the tokens and the user email MFA.
// Each Session answers once; an old or unknown one is NotAuthorizedException "Invalid session for the user.".
// The AccessToken forms of the two calls are the emulator's, unchanged.
import { randomUUID } from "node:crypto";
import { EmailOtp, emailMfaOn } from "./email-otp";
import { Emulator, EmulatorPool, EmulatorServices, EmulatorUser, Wire, fieldsOf, issueTokens, namedUser } from "./emulator";

const INVALID_SESSION = "Invalid session for the user.";
/** Cognito's default for an app client's auth session: 3 minutes. */
const SESSION_LIFETIME_MS = 3 * 60_000;
const SIGN_INS_KEPT = 1000;

/** A set-up under way: whose, and how far it got. */
interface SetUp {
  poolId: string;
  clientId: string;
  username: string;
  step: "MFA_SETUP" | "ASSOCIATED" | "VERIFIED";
  expires: number;
}

export function serveMfaSetup(emulator: Emulator, emailOtp: EmailOtp): void {
  const { targets, refuse } = emulator;
  for (const name of ["InitiateAuth", "RespondToAuthChallenge", "AssociateSoftwareToken", "VerifySoftwareToken"])
    if (typeof targets[name] !== "function") throw new Error(`cognito-local has no ${name} target to patch`);
  const { InitiateAuth: initiateAuth, RespondToAuthChallenge: respondToAuthChallenge } = targets;
  const { AssociateSoftwareToken: associateSoftwareToken, VerifySoftwareToken: verifySoftwareToken } = targets;

  const setUps = new Map<string, SetUp>();
  /** A new Session for the set-up at its next step. */
  const handOn = (setUp: SetUp, step: SetUp["step"]): string => {
    const session = randomUUID();
    setUps.set(session, { ...setUp, step, expires: Date.now() + SESSION_LIFETIME_MS });
    if (setUps.size > SIGN_INS_KEPT) setUps.delete(setUps.keys().next().value as string);
    return session;
  };
  /** The set-up a Session names if it is at one of `steps`; refused otherwise. Not yet consumed. */
  const setUpOf = (session: unknown, steps: SetUp["step"][]): SetUp => {
    const setUp = typeof session === "string" ? setUps.get(session) : undefined;
    if (!setUp || setUp.expires <= Date.now() || steps.indexOf(setUp.step) < 0) return refuse("NotAuthorizedException", INVALID_SESSION);
    return setUp;
  };
  const userOf = async (services: EmulatorServices, ctx: unknown, setUp: SetUp): Promise<{ pool: EmulatorPool; user: EmulatorUser }> => {
    const pool = await services.cognito.getUserPool(ctx, setUp.poolId);
    const user = await namedUser(pool, ctx, setUp.username);
    return user ? { pool, user } : refuse("NotAuthorizedException", INVALID_SESSION);
  };

  const mfaSetUpChallenge = (pool: EmulatorPool, user: EmulatorUser, clientId: string, offered: string[]): Wire => {
    const session = handOn({ poolId: pool.options.Id, clientId, username: user.Username, step: "MFA_SETUP", expires: 0 }, "MFA_SETUP");
    return { ChallengeName: "MFA_SETUP", ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(offered) }, Session: session };
  };

  targets.InitiateAuth = (services) => {
    const original = initiateAuth(services);
    return async (ctx, req) => {
      if (req.AuthFlow !== "USER_PASSWORD_AUTH" || typeof req.ClientId !== "string") return original(ctx, req);
      if (!(await services.cognito.getAppClient(ctx, req.ClientId))) return original(ctx, req);
      const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const params = fieldsOf(req.AuthParameters);
      const user = await namedUser(pool, ctx, params.USERNAME);
      const offered = canSetUp(pool);
      // Everything else (a wrong password, another status, a user who has MFA) is the emulator's to answer.
      if (!user || user.UserStatus !== "CONFIRMED" || user.Password !== params.PASSWORD || hasMfa(user) || !offered.length)
        return original(ctx, req);
      return mfaSetUpChallenge(pool, user, req.ClientId, offered);
    };
  };

  targets.AssociateSoftwareToken = (services) => {
    const original = associateSoftwareToken(services);
    return async (ctx, req) => {
      if (req.Session === undefined || req.AccessToken !== undefined) return original(ctx, req);
      const setUp = setUpOf(req.Session, ["MFA_SETUP", "ASSOCIATED"]);
      const { pool, user } = await userOf(services, ctx, setUp);
      setUps.delete(req.Session as string);
      const secret = emulator.totp.generateSecret();
      await pool.saveUser(ctx, { ...user, SoftwareTokenMfaConfiguration: { Secret: secret, Verified: false } });
      return { SecretCode: secret, Session: handOn(setUp, "ASSOCIATED") };
    };
  };

  targets.VerifySoftwareToken = (services) => {
    const original = verifySoftwareToken(services);
    return async (ctx, req) => {
      if (req.Session === undefined || req.AccessToken !== undefined) return original(ctx, req);
      if (typeof req.UserCode !== "string") return refuse("InvalidParameterException", "Missing required parameter UserCode");
      const setUp = setUpOf(req.Session, ["ASSOCIATED"]);
      const { pool, user } = await userOf(services, ctx, setUp);
      const secret = user.SoftwareTokenMfaConfiguration && user.SoftwareTokenMfaConfiguration.Secret;
      if (!secret || !emulator.totp.verify(secret, req.UserCode))
        return refuse("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
      setUps.delete(req.Session as string);
      const methods = user.UserMFASettingList || [];
      await pool.saveUser(ctx, {
        ...user,
        SoftwareTokenMfaConfiguration: {
          Secret: secret,
          Verified: true,
          ...(typeof req.FriendlyDeviceName === "string" ? { FriendlyDeviceName: req.FriendlyDeviceName } : {}),
        },
        UserMFASettingList: methods.indexOf("SOFTWARE_TOKEN_MFA") >= 0 ? methods : [...methods, "SOFTWARE_TOKEN_MFA"],
      });
      return { Status: "SUCCESS", Session: handOn(setUp, "VERIFIED") };
    };
  };

  targets.RespondToAuthChallenge = (services) => {
    const original = respondToAuthChallenge(services);
    return async (ctx, req) => {
      if (req.ChallengeName === "NEW_PASSWORD_REQUIRED") return afterNewPassword(services, ctx, req, await original(ctx, req));
      if (req.ChallengeName !== "MFA_SETUP") return original(ctx, req);
      const answers = fieldsOf(req.ChallengeResponses);
      const byEmail = answers.EMAIL !== undefined;
      const setUp = setUpOf(req.Session, byEmail ? ["MFA_SETUP"] : ["VERIFIED"]);
      if (setUp.clientId !== req.ClientId) return refuse("NotAuthorizedException", INVALID_SESSION);
      const { pool, user } = await userOf(services, ctx, setUp);
      if ((await namedUser(pool, ctx, answers.USERNAME))?.Username !== user.Username)
        return refuse("NotAuthorizedException", "Incorrect username or password.");
      if (byEmail) {
        if (!emailMfaOn(pool)) return refuse("InvalidParameterException", "Email MFA is not enabled for the user pool");
        if (typeof answers.EMAIL !== "string" || !/^[^@\s]+@[^@\s]+$/.test(answers.EMAIL))
          return refuse("InvalidParameterException", "Invalid email address format.");
        setUps.delete(req.Session as string);
        return emailOtp.challenge(pool, user, setUp.clientId, answers.EMAIL, true);
      }
      setUps.delete(req.Session as string);
      return issueTokens(services, ctx, pool, user, setUp.clientId, req.ClientMetadata) as Promise<Wire>;
    };
  };

  /** The emulator lets a user who chose a new password straight in; Cognito goes on to MFA_SETUP where
   *  the pool requires MFA and the user has none. The emulator's tokens are not handed out then. */
  async function afterNewPassword(services: EmulatorServices, ctx: unknown, req: Wire, result: Wire): Promise<Wire> {
    if (!result.AuthenticationResult || typeof req.ClientId !== "string") return result;
    const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await namedUser(pool, ctx, fieldsOf(req.ChallengeResponses).USERNAME);
    const offered = canSetUp(pool);
    return user && !hasMfa(user) && offered.length ? mfaSetUpChallenge(pool, user, req.ClientId, offered) : result;
  }
}

/** The MFA types a user of this pool may set up while signing in; none unless the pool's MFA is ON. */
function canSetUp(pool: EmulatorPool): string[] {
  const options = pool.options as EmulatorPool["options"] & { SoftwareTokenMfaConfiguration?: { Enabled?: boolean } };
  if (options.MfaConfiguration !== "ON") return [];
  const softwareToken = !(options.SoftwareTokenMfaConfiguration && options.SoftwareTokenMfaConfiguration.Enabled === false);
  return [...(softwareToken ? ["SOFTWARE_TOKEN_MFA"] : []), ...(emailMfaOn(pool) ? ["EMAIL_OTP"] : [])];
}

function hasMfa(user: EmulatorUser): boolean {
  return (user.MFAOptions || []).length > 0 || (user.UserMFASettingList || []).length > 0;
}
