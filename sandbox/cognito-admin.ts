// Typed helpers for the admin side of a Cognito user pool — creating pools, app clients and users, and
// giving a user TOTP MFA — aimed at cognito-local (no request signing). Each helper sends one action,
// except enableTotpMfa, which walks the steps a person takes in an authenticator-app set-up.
import { createHmac } from "node:crypto";
import { cognitoRequest } from "./cognito-call";
import { sandboxLambdaArn, ScriptName } from "./lambda-scripts";
import { totpFromBase32 } from "./totp";

export type MfaConfiguration = "OFF" | "OPTIONAL" | "ON";
export type TokenValidityUnit = "seconds" | "minutes" | "hours" | "days";
export type ExplicitAuthFlow =
  | "ALLOW_USER_PASSWORD_AUTH"
  | "ALLOW_USER_SRP_AUTH"
  | "ALLOW_REFRESH_TOKEN_AUTH"
  | "ALLOW_CUSTOM_AUTH"
  | "ALLOW_USER_AUTH"
  | "ALLOW_ADMIN_USER_PASSWORD_AUTH";

export interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
  TemporaryPasswordValidityDays?: number;
}

/**
 * Cognito's device tracking of a pool (absent: devices are not tracked). The console's "remember user
 * devices: always" is `DeviceOnlyRememberedOnUserPrompt: false`, "user opt-in" is true (a confirmed device
 * is remembered only after UpdateDeviceStatus); `ChallengeRequiredOnNewDevice` lets a remembered device
 * stand in for MFA (DEVICE_SRP_AUTH instead of the code).
 */
export interface DeviceConfiguration {
  ChallengeRequiredOnNewDevice?: boolean;
  DeviceOnlyRememberedOnUserPrompt?: boolean;
}

/**
 * A pool's Lambda triggers as Cognito names them. The sandbox runs none of them but the custom
 * authentication ones, and those only as its own scripts (lambda-scripts.ts): see customAuthLambdas.
 */
export interface LambdaConfig {
  DefineAuthChallenge?: string;
  CreateAuthChallenge?: string;
  VerifyAuthChallengeResponse?: string;
}

/** The LambdaConfig of a pool whose custom authentication is the sandbox script `script` (all three triggers). */
export function customAuthLambdas(script: ScriptName): LambdaConfig {
  const arn = sandboxLambdaArn(script);
  return { DefineAuthChallenge: arn, CreateAuthChallenge: arn, VerifyAuthChallengeResponse: arn };
}

export interface Lifetime {
  value: number;
  unit: TokenValidityUnit;
}

export interface CreateUserPoolInput {
  name: string;
  mfa?: MfaConfiguration;
  passwordPolicy?: PasswordPolicy;
  /** Served by the sandbox in front of cognito-local (device-sign-in.ts, device-actions.ts). */
  deviceConfiguration?: DeviceConfiguration;
  /** e.g. `customAuthLambdas("code")`: custom authentication (CUSTOM_AUTH) served by a sandbox script. */
  lambdaConfig?: LambdaConfig;
}

export interface CreateUserPoolClientInput {
  userPoolId: string;
  name: string;
  generateSecret?: boolean;
  explicitAuthFlows?: ExplicitAuthFlow[];
  accessToken?: Lifetime;
  idToken?: Lifetime;
  refreshToken?: Lifetime;
}

export interface UserPoolClient {
  clientId: string;
  /** Present only when created with `generateSecret`. */
  clientSecret?: string;
}

export interface AdminCreateUserInput {
  userPoolId: string;
  username: string;
  temporaryPassword: string;
  /** e.g. `{ email: "a@example.com" }` */
  attributes?: Record<string, string>;
}

export interface CreatedUser {
  username: string;
  sub: string;
  status: string;
}

export interface SoftwareTokenPreference {
  enabled: boolean;
  preferred?: boolean;
}

export interface EnableTotpInput {
  clientId: string;
  clientSecret?: string;
  username: string;
  /** The user's permanent password: the set-up needs an access token, so the user signs in first. */
  password: string;
  friendlyDeviceName?: string;
}

export interface CognitoAdmin {
  readonly endpoint: string;
  createUserPool(input: CreateUserPoolInput): Promise<{ userPoolId: string }>;
  createUserPoolClient(input: CreateUserPoolClientInput): Promise<UserPoolClient>;
  adminCreateUser(input: AdminCreateUserInput): Promise<CreatedUser>;
  adminSetUserPassword(input: { userPoolId: string; username: string; password: string; permanent: boolean }): Promise<void>;
  /** As Cognito's: the user's password stops working (RESET_REQUIRED: sign-in answers
   *  PasswordResetRequiredException) and a code is sent (the sandbox's mailbox: last-code.ts). */
  adminResetUserPassword(input: { userPoolId: string; username: string }): Promise<void>;
  /** `email`: email MFA (EMAIL_OTP) on, which the sandbox serves (email-otp.ts); cognito-local alone drops it. */
  setUserPoolMfaConfig(input: { userPoolId: string; mfa: MfaConfiguration; softwareToken: boolean; email?: boolean }): Promise<void>;
  /** Returns the base32 secret an authenticator app would be given. */
  associateSoftwareToken(accessToken: string): Promise<{ secret: string }>;
  verifySoftwareToken(input: { accessToken: string; code: string; friendlyDeviceName?: string }): Promise<{ status: string }>;
  setUserMfaPreference(input: { accessToken: string; softwareToken: SoftwareTokenPreference }): Promise<void>;
  /**
   * Gives a CONFIRMED user TOTP MFA: sign in (USER_PASSWORD_AUTH), associate, verify a code, prefer it.
   * The pool's MFA must be OFF or OPTIONAL while this runs: with ON, the sign-in of a user without MFA
   * answers MFA_SETUP (as Cognito does: see mfa-setup.ts), which this does not walk. Set ON afterwards.
   */
  enableTotpMfa(input: EnableTotpInput): Promise<{ secret: string }>;
}

export function cognitoAdmin(endpoint: string): CognitoAdmin {
  const send = <T>(action: string, body: object) => cognitoRequest<T>(endpoint, action, body);

  const admin: CognitoAdmin = {
    endpoint,

    async createUserPool({ name, mfa, passwordPolicy, deviceConfiguration, lambdaConfig }) {
      const reply = await send<{ UserPool: { Id: string } }>("CreateUserPool", {
        PoolName: name,
        ...(mfa ? { MfaConfiguration: mfa } : {}),
        ...(passwordPolicy ? { Policies: { PasswordPolicy: passwordPolicy } } : {}),
        ...(deviceConfiguration ? { DeviceConfiguration: deviceConfiguration } : {}),
        ...(lambdaConfig ? { LambdaConfig: lambdaConfig } : {}),
      });
      return { userPoolId: reply.UserPool.Id };
    },

    async createUserPoolClient(input) {
      const reply = await send<{ UserPoolClient: { ClientId: string; ClientSecret?: string } }>("CreateUserPoolClient", {
        UserPoolId: input.userPoolId,
        ClientName: input.name,
        GenerateSecret: input.generateSecret ?? false,
        ...(input.explicitAuthFlows ? { ExplicitAuthFlows: input.explicitAuthFlows } : {}),
        ...lifetimeFields(input),
      });
      const { ClientId, ClientSecret } = reply.UserPoolClient;
      return ClientSecret ? { clientId: ClientId, clientSecret: ClientSecret } : { clientId: ClientId };
    },

    async adminCreateUser({ userPoolId, username, temporaryPassword, attributes = {} }) {
      const reply = await send<{ User: { Username: string; UserStatus: string; Attributes: { Name: string; Value: string }[] } }>(
        "AdminCreateUser",
        {
          UserPoolId: userPoolId,
          Username: username,
          TemporaryPassword: temporaryPassword,
          // No welcome message: the sandbox has nobody to send it to, and the caller knows the password.
          MessageAction: "SUPPRESS",
          UserAttributes: Object.keys(attributes).map((name) => ({ Name: name, Value: attributes[name] })),
        },
      );
      const sub = reply.User.Attributes.find((a) => a.Name === "sub")?.Value ?? "";
      return { username: reply.User.Username, sub, status: reply.User.UserStatus };
    },

    async adminSetUserPassword({ userPoolId, username, password, permanent }) {
      await send("AdminSetUserPassword", { UserPoolId: userPoolId, Username: username, Password: password, Permanent: permanent });
    },

    async adminResetUserPassword({ userPoolId, username }) {
      await send("AdminResetUserPassword", { UserPoolId: userPoolId, Username: username });
    },

    async setUserPoolMfaConfig({ userPoolId, mfa, softwareToken, email }) {
      await send("SetUserPoolMfaConfig", {
        UserPoolId: userPoolId,
        MfaConfiguration: mfa,
        SoftwareTokenMfaConfiguration: { Enabled: softwareToken },
        ...(email ? { EmailMfaConfiguration: { Message: "Your sign-in code is {####}", Subject: "Your sign-in code" } } : {}),
      });
    },

    async associateSoftwareToken(accessToken) {
      const reply = await send<{ SecretCode: string }>("AssociateSoftwareToken", { AccessToken: accessToken });
      return { secret: reply.SecretCode };
    },

    async verifySoftwareToken({ accessToken, code, friendlyDeviceName }) {
      const reply = await send<{ Status: string }>("VerifySoftwareToken", {
        AccessToken: accessToken,
        UserCode: code,
        ...(friendlyDeviceName ? { FriendlyDeviceName: friendlyDeviceName } : {}),
      });
      return { status: reply.Status };
    },

    async setUserMfaPreference({ accessToken, softwareToken }) {
      await send("SetUserMFAPreference", {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: softwareToken.enabled, PreferredMfa: softwareToken.preferred ?? false },
      });
    },

    async enableTotpMfa({ clientId, clientSecret, username, password, friendlyDeviceName }) {
      const auth = await send<{ AuthenticationResult?: { AccessToken: string }; ChallengeName?: string }>("InitiateAuth", {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: clientId,
        AuthParameters: {
          USERNAME: username,
          PASSWORD: password,
          ...(clientSecret ? { SECRET_HASH: secretHash(clientSecret, username, clientId) } : {}),
        },
      });
      if (!auth.AuthenticationResult) {
        throw new Error(`enableTotpMfa: sign-in answered with challenge ${auth.ChallengeName}; the user must be CONFIRMED without MFA`);
      }
      const accessToken = auth.AuthenticationResult.AccessToken;
      const { secret } = await admin.associateSoftwareToken(accessToken);
      await admin.verifySoftwareToken({ accessToken, code: totpFromBase32(secret), friendlyDeviceName });
      await admin.setUserMfaPreference({ accessToken, softwareToken: { enabled: true, preferred: true } });
      return { secret };
    },
  };
  return admin;
}

/** Base64(HMAC-SHA256(client secret, username + client ID)), as every call of a client with a secret needs. */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac("sha256", clientSecret)
    .update(username + clientId)
    .digest("base64");
}

// Units are always sent for all three tokens once any lifetime is given, because cognito-local's defaults
// differ from Cognito's (it takes an ID token validity without units as minutes, Cognito as hours).
function lifetimeFields(input: CreateUserPoolClientInput): object {
  const { accessToken, idToken, refreshToken } = input;
  if (!accessToken && !idToken && !refreshToken) return {};
  return {
    ...(accessToken ? { AccessTokenValidity: accessToken.value } : {}),
    ...(idToken ? { IdTokenValidity: idToken.value } : {}),
    ...(refreshToken ? { RefreshTokenValidity: refreshToken.value } : {}),
    TokenValidityUnits: {
      AccessToken: accessToken?.unit ?? "hours",
      IdToken: idToken?.unit ?? "hours",
      RefreshToken: refreshToken?.unit ?? "days",
    },
  };
}
