// Runs inside the cognito-local child process (see cognito-local.ts, which transpiles this file and passes
// it to `node -e`, so the child needs no TypeScript loader). Its inputs come from the environment because
// `-e` code has no script arguments of its own.

import { rmSync } from "node:fs";

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

if (process.env.FITBIT_COGNITO_LOCAL_STORE_CHALLENGE_REFRESH_TOKENS === "1") storeChallengeRefreshTokens();

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
