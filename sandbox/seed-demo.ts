// The demo user pool `npm start` offers: a pool, an app client set up the way the app needs one, and a
// user who must choose a new password at first sign-in — so trying the app walks the whole first-login path.
// A second pool, the same in all else, remembers devices, for trying remembered devices beside it.
import { CognitoAdmin, cognitoAdmin, DeviceConfiguration, Lifetime } from "./cognito-admin";

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
  /** The pool that remembers devices ("always", and a remembered device stands in for MFA, which is
   *  optional there: TOTP), its app client (with a secret when the demo's has one) and the same user. */
  devices: { userPoolId: string; clientId: string; clientSecret?: string };
}

export const DEMO_DEFAULTS = {
  username: "demo",
  // Letters and digits only, so it is quick to type on the watch keyboard; meets the demo pool's policy.
  temporaryPassword: "Demo1234",
  email: "demo@example.com",
  tokenLifetime: { value: 60, unit: "seconds" } as Lifetime,
};

/** Device tracking of the second demo pool: the console's "always remember", MFA skipped on a remembered device. */
export const DEMO_DEVICE_TRACKING: DeviceConfiguration = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false };

export async function seedDemo(endpoint: string, options: SeedDemoOptions = {}): Promise<DemoSeed> {
  const admin = cognitoAdmin(endpoint);
  const username = options.username ?? DEMO_DEFAULTS.username;
  const temporaryPassword = options.temporaryPassword ?? DEMO_DEFAULTS.temporaryPassword;
  const tokenLifetime = options.tokenLifetime ?? DEMO_DEFAULTS.tokenLifetime;
  const seedPool = (name: string, deviceConfiguration?: DeviceConfiguration) =>
    demoPool(admin, { ...options, username, temporaryPassword, tokenLifetime }, name, deviceConfiguration);

  const main = await seedPool("fitbit-cognito-demo");
  const devices = await seedPool("fitbit-cognito-demo-devices", DEMO_DEVICE_TRACKING);
  await admin.setUserPoolMfaConfig({ userPoolId: devices.userPoolId, mfa: "OPTIONAL", softwareToken: true });
  return { endpoint, ...main, username, temporaryPassword, tokenLifetime, devices };
}

async function demoPool(
  admin: CognitoAdmin,
  options: SeedDemoOptions & { username: string; temporaryPassword: string; tokenLifetime: Lifetime },
  name: string,
  deviceConfiguration?: DeviceConfiguration,
): Promise<{ userPoolId: string; clientId: string; clientSecret?: string }> {
  const { username, temporaryPassword, tokenLifetime } = options;
  const { userPoolId } = await admin.createUserPool({
    name,
    passwordPolicy: {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 7,
    },
    deviceConfiguration,
  });
  // SRP as the console's default app client allows it (the sandbox's emulator serves it: see
  // cognito-local-child.ts), so the companion's "auto" signs in with SRP; the password flow stays for
  // `--flow password`.
  const client = await admin.createUserPoolClient({
    userPoolId,
    name: `${name}-app`,
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
  return { userPoolId, ...client };
}
