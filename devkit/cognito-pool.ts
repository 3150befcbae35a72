// A fresh cognito-local with one pool, app clients and users made through its API: the fixture that
// the integration tests of the client, the CLI and the companion share.
import { startCognitoLocal, CognitoLocal } from "../sandbox/cognito-local";
import { cognitoAdmin, CognitoAdmin, ExplicitAuthFlow, Lifetime } from "../sandbox/cognito-admin";

export interface TestPool {
  local: CognitoLocal;
  admin: CognitoAdmin;
  endpoint: string;
  userPoolId: string;
  clientId: string;
  /** A second app client of the same pool, created with a secret. */
  secretClient: { clientId: string; clientSecret: string };
  /** Creates a user who must choose a new password at first sign-in. */
  newUser(name?: string, attributes?: Record<string, string>): Promise<{ username: string; temporaryPassword: string }>;
  /** Creates a user whose password is already permanent. */
  confirmedUser(name?: string): Promise<{ username: string; password: string }>;
  /** Creates a confirmed user with TOTP MFA (the pool's MFA becomes OPTIONAL); `secret` is base32. */
  totpUser(name?: string): Promise<{ username: string; password: string; secret: string }>;
  stop(): Promise<void>;
}

let counter = 0;

/** `srp`: the app clients also allow ALLOW_USER_SRP_AUTH (as the console's default does), so "auto" signs
 *  in with SRP (served by the sandbox in front of the emulator); without it, with the password. */
export async function startTestPool(options: { tokenLifetime?: Lifetime; srp?: boolean } = {}): Promise<TestPool> {
  const local = await startCognitoLocal();
  try {
    const admin = cognitoAdmin(local.endpoint);
    const { userPoolId } = await admin.createUserPool({
      name: "test-pool",
      passwordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false },
    });
    const flows: ExplicitAuthFlow[] = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
    if (options.srp) flows.unshift("ALLOW_USER_SRP_AUTH");
    const lifetimes = options.tokenLifetime ? { accessToken: options.tokenLifetime, idToken: options.tokenLifetime } : {};
    const { clientId } = await admin.createUserPoolClient({ userPoolId, name: "app", explicitAuthFlows: flows, ...lifetimes });
    const withSecret = await admin.createUserPoolClient({
      userPoolId,
      name: "app-with-secret",
      generateSecret: true,
      explicitAuthFlows: flows,
      ...lifetimes,
    });
    if (!withSecret.clientSecret) throw new Error("cognito-local did not generate a client secret");
    const pool: TestPool = {
      local,
      admin,
      endpoint: local.endpoint,
      userPoolId,
      clientId,
      secretClient: { clientId: withSecret.clientId, clientSecret: withSecret.clientSecret },
      async newUser(name, attributes) {
        const username = name || `user${++counter}`;
        const temporaryPassword = `Temp${counter}pass`;
        await admin.adminCreateUser({
          userPoolId,
          username,
          temporaryPassword,
          attributes: attributes || { email: `${username}@example.com` },
        });
        return { username, temporaryPassword };
      },
      async confirmedUser(name) {
        const username = name || `user${++counter}`;
        const password = `Perm${counter}Pass`;
        await admin.adminCreateUser({
          userPoolId,
          username,
          temporaryPassword: `Temp${counter}pass`,
          attributes: { email: `${username}@example.com` },
        });
        await admin.adminSetUserPassword({ userPoolId, username, password, permanent: true });
        return { username, password };
      },
      async totpUser(name) {
        const user = await pool.confirmedUser(name);
        await admin.setUserPoolMfaConfig({ userPoolId, mfa: "OPTIONAL", softwareToken: true });
        const { secret } = await admin.enableTotpMfa({ clientId, username: user.username, password: user.password });
        return { ...user, secret };
      },
      stop: () => local.stop(),
    };
    return pool;
  } catch (err) {
    await local.stop();
    throw err;
  }
}
