// The parts of cognito-local 5.3.0 the sandbox's device tracking reaches into (its action table, error
// type, signing key and services), typed as far as they are used. Loaded from the emulator's own lib/,
// inside its child process (cognito-local-child.ts).
import type { JsonWebKey } from "node:crypto";
import type { DeviceConfiguration, LambdaConfig, MfaConfiguration, PasswordPolicy } from "./cognito-admin";

/** A user record as the emulator keeps it (its JSON file); saveUser writes the whole record back. */
export interface EmulatorUser {
  Username: string;
  Password?: string;
  /** CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, UNCONFIRMED… */
  UserStatus?: string;
  Attributes?: { Name: string; Value?: string }[];
  MFAOptions?: unknown[];
  UserMFASettingList?: string[];
  SoftwareTokenMfaConfiguration?: { Secret?: string; Verified?: boolean; FriendlyDeviceName?: string };
  /** The code ForgotPassword (or SignUp) sent; ConfirmForgotPassword compares with it. */
  ConfirmationCode?: string;
  UserLastModifiedDate?: Date;
}

export interface EmulatorPool {
  options: {
    Id: string;
    DeviceConfiguration?: DeviceConfiguration;
    MfaConfiguration?: MfaConfiguration;
    /** Stored by CreateUserPool as sent, and otherwise ignored by the emulator (it runs no Lambda). */
    LambdaConfig?: LambdaConfig;
    Policies?: { PasswordPolicy?: PasswordPolicy };
  };
  getUserByUsername(ctx: unknown, name: string): Promise<EmulatorUser | null>;
  saveUser(ctx: unknown, user: EmulatorUser): Promise<void>;
  listUserGroupMembership(ctx: unknown, user: EmulatorUser): Promise<string[]>;
  storeRefreshToken(ctx: unknown, token: string, user: EmulatorUser): Promise<void>;
}

export interface EmulatorTokens {
  AccessToken: string;
  IdToken: string;
  RefreshToken: string;
}

export interface EmulatorServices {
  cognito: {
    getAppClient(ctx: unknown, clientId: string): Promise<object | null>;
    getUserPoolForClientId(ctx: unknown, clientId: string): Promise<EmulatorPool>;
    getUserPool(ctx: unknown, userPoolId: string): Promise<EmulatorPool>;
  };
  tokenGenerator: {
    generate(
      ctx: unknown,
      user: EmulatorUser,
      groups: string[],
      client: object,
      metadata: unknown,
      source: string,
    ): Promise<EmulatorTokens>;
  };
}

/** A request or answer as it came over the wire: any field may be missing or of any type. */
export type Wire = Record<string, unknown>;
export type Action = (ctx: unknown, req: Wire) => Promise<Wire>;

/** The fields of a map in a request (AuthParameters, ChallengeResponses…): none when it is not an object. */
export function fieldsOf(value: unknown): Wire {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Wire) : {};
}

export interface Emulator {
  /** Action name → the handler factory the router calls, with the services, for each request. */
  targets: Record<string, (services: EmulatorServices) => Action>;
  /** Throws Cognito's error document: `{"__type": type, "message": message}` with HTTP 400. */
  refuse(type: string, message: string): never;
  /** The public key the emulator's tokens are signed with. */
  publicJwk: JsonWebKey;
  /** The emulator's own TOTP (otplib, ±30 s), so a secret set up here passes its SOFTWARE_TOKEN_MFA check. */
  totp: { generateSecret(): string; verify(secret: string, code: string): boolean };
}

export function loadEmulator(lib: string): Emulator {
  const errors: { CognitoError: new (code: string, message: string) => Error } = require(`${lib}/errors.js`);
  return {
    targets: require(`${lib}/targets/targets.js`).Targets,
    refuse(type, message) {
      throw new errors.CognitoError(type, message);
    },
    publicJwk: require(`${lib}/keys/cognitoLocal.public.json`).jwk,
    totp: require(`${lib}/services/totp.js`),
  };
}

/** The user a sign-in names (USERNAME), or undefined: the caller answers for an unknown one in Cognito's words. */
export async function namedUser(pool: EmulatorPool, ctx: unknown, username: unknown): Promise<EmulatorUser | undefined> {
  return typeof username === "string" && username ? (await pool.getUserByUsername(ctx, username)) || undefined : undefined;
}

/** A user's attribute (email, custom:pet…), or undefined. */
export function attributeOf(user: EmulatorUser, name: string): string | undefined {
  const found = (user.Attributes || []).find((a) => a.Name === name);
  return found ? found.Value : undefined;
}

/** Tokens for `user` as the emulator makes them at the end of a sign-in, their refresh token stored so
 *  REFRESH_TOKEN_AUTH takes it (the emulator stores only InitiateAuth's own). */
export async function issueTokens(
  services: EmulatorServices,
  ctx: unknown,
  pool: EmulatorPool,
  user: EmulatorUser,
  clientId: string,
  clientMetadata: unknown,
): Promise<Wire> {
  const client = await services.cognito.getAppClient(ctx, clientId);
  if (!client) throw new Error(`no app client ${clientId}`);
  const groups = await pool.listUserGroupMembership(ctx, user);
  const tokens = await services.tokenGenerator.generate(ctx, user, groups, client, clientMetadata, "Authentication");
  await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
  return { ChallengeParameters: {}, AuthenticationResult: { ...tokens } };
}

/** The pool of the app client `clientId` when it tracks devices; undefined for an unknown client, which
 *  the emulator's own action then refuses in its words. */
export async function trackingPool(services: EmulatorServices, ctx: unknown, clientId: unknown): Promise<EmulatorPool | undefined> {
  if (typeof clientId !== "string" || !(await services.cognito.getAppClient(ctx, clientId))) return undefined;
  const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
  return pool.options.DeviceConfiguration ? pool : undefined;
}
