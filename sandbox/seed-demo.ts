// The demo user pool `npm start` offers: a pool, an app client set up the way the app needs one, and a
// user who must choose a new password at first sign-in — so trying the app walks the whole first-login path.
// A second pool, the same in all else, remembers devices, for trying remembered devices beside it. Two more
// show the sign-ins of issue 13: one whose custom authentication sends a code (the sandbox's `code`
// script), one whose MFA is required and not yet set up for the user (MFA_SETUP). In every pool the demo
// user has an email, so "Forgot password?" works; its codes are read at GET /sandbox/codes (last-code.ts).
import {
  CognitoAdmin,
  cognitoAdmin,
  customAuthLambdas,
  DeviceConfiguration,
  ExplicitAuthFlow,
  LambdaConfig,
  Lifetime,
} from "./cognito-admin";

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
  /** The pool whose custom authentication is the sandbox script `code` (a 6-digit code sent to the mailbox,
   *  three tries), its app client (ALLOW_CUSTOM_AUTH, and SRP for the password-first variant; with a secret
   *  when the demo's has one) and the same user, CONFIRMED with `password`. */
  customAuth: { userPoolId: string; clientId: string; clientSecret?: string; script: "code"; password: string };
  /** The pool whose MFA is ON (an authenticator app), its app client and the same user, CONFIRMED with
   *  `password` and without MFA: the first sign-in asks MFA_SETUP, later ones SOFTWARE_TOKEN_MFA. */
  mfaSetup: { userPoolId: string; clientId: string; clientSecret?: string; password: string };
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
  const seedPool = (name: string, extra: PoolExtras = {}) =>
    demoPool(admin, { ...options, username, temporaryPassword, tokenLifetime }, name, extra);

  const main = await seedPool("fitbit-cognito-demo");
  const devices = await seedPool("fitbit-cognito-demo-devices", { deviceConfiguration: DEMO_DEVICE_TRACKING });
  await admin.setUserPoolMfaConfig({ userPoolId: devices.userPoolId, mfa: "OPTIONAL", softwareToken: true });
  // The user's password is the demo's temporary one, made permanent: these pools show what follows it.
  const customAuth = await seedPool("fitbit-cognito-demo-custom", {
    lambdaConfig: customAuthLambdas("code"),
    explicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    confirmed: true,
  });
  const mfaSetup = await seedPool("fitbit-cognito-demo-mfa", { confirmed: true });
  await admin.setUserPoolMfaConfig({ userPoolId: mfaSetup.userPoolId, mfa: "ON", softwareToken: true });
  return {
    endpoint,
    ...main,
    username,
    temporaryPassword,
    tokenLifetime,
    devices,
    customAuth: { ...customAuth, script: "code", password: temporaryPassword },
    mfaSetup: { ...mfaSetup, password: temporaryPassword },
  };
}

/** What sets a demo pool apart from the first. */
interface PoolExtras {
  deviceConfiguration?: DeviceConfiguration;
  lambdaConfig?: LambdaConfig;
  /** Default: SRP, the password flow and refresh. */
  explicitAuthFlows?: ExplicitAuthFlow[];
  /** The user's temporary password made permanent (CONFIRMED) instead of NEW_PASSWORD_REQUIRED first. */
  confirmed?: boolean;
}

async function demoPool(
  admin: CognitoAdmin,
  options: SeedDemoOptions & { username: string; temporaryPassword: string; tokenLifetime: Lifetime },
  name: string,
  extra: PoolExtras,
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
    deviceConfiguration: extra.deviceConfiguration,
    lambdaConfig: extra.lambdaConfig,
  });
  // SRP as the console's default app client allows it (the sandbox's emulator serves it: see
  // cognito-local-child.ts), so the companion's "auto" signs in with SRP; the password flow stays for
  // `--flow password`.
  const client = await admin.createUserPoolClient({
    userPoolId,
    name: `${name}-app`,
    generateSecret: options.withSecret ?? false,
    explicitAuthFlows: extra.explicitAuthFlows ?? ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
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
  if (extra.confirmed) await admin.adminSetUserPassword({ userPoolId, username, password: temporaryPassword, permanent: true });
  return { userPoolId, ...client };
}
