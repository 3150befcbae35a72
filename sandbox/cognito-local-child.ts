// Runs inside the cognito-local child process (see cognito-local.ts, which transpiles this file and passes
// it to `node -e`, so the child needs no TypeScript loader). Its inputs come from the environment because
// `-e` code has no script arguments of its own.

import { rmSync } from "node:fs";
import type { PasswordPolicy } from "./cognito-admin";
import { CodeMailbox, serveMailboxRoute } from "./code-mailbox";
import { serveCustomAuth } from "./custom-auth";
import { serveDeviceActions } from "./device-actions";
import { serveDeviceSignIn } from "./device-sign-in";
import { DeviceStore } from "./device-store";
import { serveEmailOtp } from "./email-otp";
import { loadEmulator } from "./emulator";
import { serveMfaSetup } from "./mfa-setup";
import { passwordPolicyViolation } from "./password-policy";
import { servePasswordReset } from "./password-reset";
import { PasswordClaim, SrpAccount, SrpRefusal, SrpVerifier, srpAccount, srpVerifier } from "./srp-server";

// The parent holds an IPC channel open; when the parent dies for any reason, SIGKILL of a crashed jest
// worker included, the channel closes and the emulator goes with it instead of living on as an orphan,
// taking along the temp data directory the parent can no longer remove.
process.on("disconnect", () => {
  if (process.env.FITBIT_COGNITO_LOCAL_REMOVE_DIR_ON_ORPHAN === "1") rmSync(process.cwd(), { recursive: true, force: true });
  process.exit(0);
});

// What `ps` shows instead of the whole script passed to `node -e`.
process.title = `cognito-local (fitbit-cognito sandbox) port ${process.env.PORT}`;

const lib = process.env.FITBIT_COGNITO_LOCAL_LIB as string;

// Each patch wraps the action table as the ones before it left it, so the order matters: SRP's proven
// password claim goes on as the password flow, through the MFA set-up installed before it; custom
// authentication takes its own SRP claims before SRP sees them; a RESET_REQUIRED user is refused before
// any flow starts; device tracking sees every sign-in's outcome last.
if (process.env.FITBIT_COGNITO_LOCAL_AS_REAL_COGNITO === "1") {
  const emulator = loadEmulator(lib);
  // Where the codes the sandbox "sends" go, and the route that shows them (GET /sandbox/codes).
  const mailbox = new CodeMailbox();
  serveMailboxRoute(mailbox);
  storeChallengeRefreshTokens();
  serveMfaSetup(emulator, serveEmailOtp(emulator, mailbox));
  serveSrp();
  enforcePasswordPolicy();
  serveCustomAuth(emulator, mailbox);
  servePasswordReset(emulator, mailbox);
  trackDevices();
}

require(`${lib}/bin/start.js`);

// cognito-local 5.3.0 stores the refresh token it issues from InitiateAuth but not the one it issues from
// RespondToAuthChallenge, so a first sign-in through NEW_PASSWORD_REQUIRED (or an MFA code) ends with a
// refresh token that REFRESH_TOKEN_AUTH then refuses. Real Cognito accepts it. This wraps that one action
// to store the token the way InitiateAuth does; nothing else changes.
function storeChallengeRefreshTokens(): void {
  type Handler = (ctx: unknown, req: RespondRequest) => Promise<RespondResult>;
  interface RespondRequest {
    ClientId: string;
    ChallengeResponses?: { USERNAME?: string };
  }
  interface RespondResult {
    AuthenticationResult?: { RefreshToken?: string };
  }
  interface UserPool {
    getUserByUsername(ctx: unknown, username: string): Promise<object | null>;
    storeRefreshToken(ctx: unknown, token: string, user: object): Promise<void>;
  }
  interface Services {
    cognito: { getUserPoolForClientId(ctx: unknown, clientId: string): Promise<UserPool> };
  }

  const targets: Record<string, (services: Services) => Handler> = require(`${lib}/targets/targets.js`).Targets;
  const original = targets.RespondToAuthChallenge;
  if (typeof original !== "function") throw new Error("cognito-local has no RespondToAuthChallenge target to patch");
  targets.RespondToAuthChallenge = (services) => {
    const respond = original(services);
    return async (ctx, req) => {
      const result = await respond(ctx, req);
      const token = result.AuthenticationResult?.RefreshToken;
      const username = req.ChallengeResponses?.USERNAME;
      if (token && username) {
        const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
        const user = await pool.getUserByUsername(ctx, username);
        if (user) await pool.storeRefreshToken(ctx, token, user);
      }
      return result;
    };
  };
}

// cognito-local 5.3.0 has no USER_SRP_AUTH, the flow the console's default app client allows. This adds it
// in front of the emulator: InitiateAuth USER_SRP_AUTH answers PASSWORD_VERIFIER (where the app client
// lists ALLOW_USER_SRP_AUTH, as Cognito checks), and a password claim that proves the user's password
// goes on as the emulator's own USER_PASSWORD_AUTH, so what follows (a new password, MFA, the tokens) is
// the emulator's. The emulator keeps passwords, not verifiers: each sign-in makes one from the password
// in the user record, with a fresh salt (the client takes whatever salt it is given).
function serveSrp(): void {
  interface User {
    Username: string;
    Password?: string;
  }
  interface Services {
    cognito: {
      getUserPoolForClientId(
        ctx: unknown,
        clientId: string,
      ): Promise<{ options: { Id: string }; getUserByUsername(ctx: unknown, name: string): Promise<User | null> }>;
      getAppClient(ctx: unknown, clientId: string): Promise<{ ExplicitAuthFlows?: string[] } | null>;
    };
  }
  type Request = {
    ClientId: string;
    AuthFlow?: string;
    AuthParameters?: { USERNAME?: string; SRP_A?: string };
    ChallengeName?: string;
    ChallengeResponses?: PasswordClaim;
    ClientMetadata?: unknown;
  };
  type Handler = (ctx: unknown, req: Request) => Promise<unknown>;
  const targets: Record<string, (services: Services) => Handler> = require(`${lib}/targets/targets.js`).Targets;
  const errors: { CognitoError: new (code: string, message: string) => Error } = require(`${lib}/errors.js`);
  const initiateAuth = targets.InitiateAuth;
  const respondToAuthChallenge = targets.RespondToAuthChallenge;
  if (typeof initiateAuth !== "function" || typeof respondToAuthChallenge !== "function")
    throw new Error("cognito-local has no InitiateAuth or RespondToAuthChallenge target to patch");
  const verifiers = new Map<string, SrpVerifier>();
  /** Throws `err` as the emulator's own error type, so it answers with Cognito's error document. */
  const rethrow = (err: unknown) => {
    throw err instanceof SrpRefusal ? new errors.CognitoError(err.type, err.message) : err;
  };
  const refuse = (type: SrpRefusal["type"], message: string) => rethrow(new SrpRefusal(type, message));

  targets.InitiateAuth = (services) => {
    const original = initiateAuth(services);
    return async (ctx, req) => {
      if (req.AuthFlow !== "USER_SRP_AUTH") return original(ctx, req);
      const client = await services.cognito.getAppClient(ctx, req.ClientId);
      if (!client) return refuse("NotAuthorizedException", "Invalid client id");
      if ((client.ExplicitAuthFlows || []).indexOf("ALLOW_USER_SRP_AUTH") < 0)
        return refuse("InvalidParameterException", "USER_SRP_AUTH flow not enabled for this client");
      const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const poolName = pool.options.Id.split("_")[1];
      const params = req.AuthParameters || {};
      const user = typeof params.USERNAME === "string" ? await pool.getUserByUsername(ctx, params.USERNAME) : null;
      if (!user || typeof user.Password !== "string") return refuse("NotAuthorizedException", "Incorrect username or password.");
      let verifier = verifiers.get(pool.options.Id);
      if (!verifier) verifiers.set(pool.options.Id, (verifier = srpVerifier(poolName)));
      try {
        return {
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeParameters: verifier.challenge(srpAccount(poolName, user.Username, user.Password), params.SRP_A),
        };
      } catch (err) {
        return rethrow(err);
      }
    };
  };

  targets.RespondToAuthChallenge = (services) => {
    const original = respondToAuthChallenge(services);
    // The emulator's InitiateAuth as this patch found it, not whatever wraps it later: a proven password
    // claim continues the sign-in under way, which must not be taken for a second one (device tracking).
    const signIn = initiateAuth(services);
    return async (ctx, req) => {
      if (req.ChallengeName !== "PASSWORD_VERIFIER") return original(ctx, req);
      const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const verifier = verifiers.get(pool.options.Id);
      let account: SrpAccount;
      try {
        if (!verifier) throw new SrpRefusal("NotAuthorizedException", "Incorrect username or password.");
        account = verifier.verify(req.ChallengeResponses || {});
      } catch (err) {
        return rethrow(err);
      }
      // The password was proven: sign in with it as the emulator does, reading it from the same record.
      const user = await pool.getUserByUsername(ctx, account.userId);
      if (!user || typeof user.Password !== "string") return refuse("NotAuthorizedException", "Incorrect username or password.");
      return signIn(ctx, {
        ClientId: req.ClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: user.Username, PASSWORD: user.Password } as Request["AuthParameters"],
        ClientMetadata: req.ClientMetadata,
      });
    };
  };
}

// cognito-local 5.3.0 keeps a pool's PasswordPolicy but never applies it: it sets a new password of "abc".
// Cognito refuses a password that breaks the policy with InvalidPasswordException, naming the rule, and
// the app shows those words to the wearer. This applies the policy where a user chooses a password while
// signing in (NEW_PASSWORD_REQUIRED, after SRP or the password flow alike), before the emulator sets it.
// Passwords an administrator sets (AdminCreateUser, AdminSetUserPassword) are left to the emulator.
function enforcePasswordPolicy(): void {
  interface Request {
    ClientId: string;
    ChallengeName?: string;
    ChallengeResponses?: { NEW_PASSWORD?: unknown };
  }
  interface Services {
    cognito: {
      getUserPoolForClientId(ctx: unknown, clientId: string): Promise<{ options: { Policies?: { PasswordPolicy?: PasswordPolicy } } }>;
    };
  }
  type Handler = (ctx: unknown, req: Request) => Promise<unknown>;
  const targets: Record<string, (services: Services) => Handler> = require(`${lib}/targets/targets.js`).Targets;
  const errors: { CognitoError: new (code: string, message: string) => Error } = require(`${lib}/errors.js`);
  const original = targets.RespondToAuthChallenge;
  if (typeof original !== "function") throw new Error("cognito-local has no RespondToAuthChallenge target to patch");
  targets.RespondToAuthChallenge = (services) => {
    const respond = original(services);
    return async (ctx, req) => {
      const password =
        req.ChallengeName === "NEW_PASSWORD_REQUIRED" && req.ChallengeResponses ? req.ChallengeResponses.NEW_PASSWORD : undefined;
      if (typeof password === "string") {
        const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
        const refused = passwordPolicyViolation(password, (pool.options.Policies && pool.options.Policies.PasswordPolicy) || {});
        if (refused) throw new errors.CognitoError("InvalidPasswordException", refused);
      }
      return respond(ctx, req);
    };
  };
}

// cognito-local 5.3.0 stores a pool's DeviceConfiguration and ignores it. This adds device tracking in front
// of everything above, for pools that have one: new devices in sign-ins, refresh only with the device's
// key, DEVICE_SRP_AUTH instead of MFA for a remembered device (device-sign-in.ts), and the device actions
// (device-actions.ts). Pools without a DeviceConfiguration are served exactly as before.
function trackDevices(): void {
  const emulator = loadEmulator(lib);
  const store = new DeviceStore();
  serveDeviceSignIn(emulator, store);
  serveDeviceActions(emulator, store);
}
