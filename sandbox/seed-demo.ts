// The demo user pool `npm start` offers: a pool, an app client set up the way the app needs one, and a
// user who must choose a new password at first sign-in — so trying the app walks the whole first-login path.
import { cognitoAdmin, Lifetime } from "./cognito-admin";

export interface SeedDemoOptions {
  username?: string;
  temporaryPassword?: string;
  email?: string;
  /** Access and ID token lifetime; short by default so a refresh shows up within a minute of watching. */
  tokenLifetime?: Lifetime;
  /** Create the app client with a secret (then every call needs SECRET_HASH). Default false. */
  withSecret?: boolean;
}

export interface DemoSeed {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  clientSecret?: string;
  username: string;
  temporaryPassword: string;
  tokenLifetime: Lifetime;
}

export const DEMO_DEFAULTS = {
  username: "demo",
  // Letters and digits only, so it is quick to type on the watch keyboard; meets the demo pool's policy.
  temporaryPassword: "Demo1234",
  email: "demo@example.com",
  tokenLifetime: { value: 60, unit: "seconds" } as Lifetime,
};

export async function seedDemo(endpoint: string, options: SeedDemoOptions = {}): Promise<DemoSeed> {
  const admin = cognitoAdmin(endpoint);
  const username = options.username ?? DEMO_DEFAULTS.username;
  const temporaryPassword = options.temporaryPassword ?? DEMO_DEFAULTS.temporaryPassword;
  const tokenLifetime = options.tokenLifetime ?? DEMO_DEFAULTS.tokenLifetime;

  const { userPoolId } = await admin.createUserPool({
    name: "fitbit-cognito-demo",
    passwordPolicy: {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 7,
    },
  });
  // SRP as the console's default app client allows it (the sandbox's emulator serves it: see
  // cognito-local-child.ts), so the companion's "auto" signs in with SRP; the password flow stays for
  // `--flow password`.
  const client = await admin.createUserPoolClient({
    userPoolId,
    name: "fitbit-cognito-demo-app",
    generateSecret: options.withSecret ?? false,
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    accessToken: tokenLifetime,
    idToken: tokenLifetime,
    refreshToken: { value: 1, unit: "days" },
  });
  await admin.adminCreateUser({
    userPoolId,
    username,
    temporaryPassword,
    attributes: { email: options.email ?? DEMO_DEFAULTS.email, email_verified: "true" },
  });
  return { endpoint, userPoolId, ...client, username, temporaryPassword, tokenLifetime };
}
