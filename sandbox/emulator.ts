// The parts of cognito-local 5.3.0 the sandbox's device tracking reaches into (its action table, error
// type, signing key and services), typed as far as they are used. Loaded from the emulator's own lib/,
// inside its child process (cognito-local-child.ts).
import type { JsonWebKey } from "node:crypto";
import type { DeviceConfiguration } from "./cognito-admin";

export interface EmulatorUser {
  Username: string;
}

export interface EmulatorPool {
  options: { Id: string; DeviceConfiguration?: DeviceConfiguration };
  getUserByUsername(ctx: unknown, name: string): Promise<EmulatorUser | null>;
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
}

export function loadEmulator(lib: string): Emulator {
  const errors: { CognitoError: new (code: string, message: string) => Error } = require(`${lib}/errors.js`);
  return {
    targets: require(`${lib}/targets/targets.js`).Targets,
    refuse(type, message) {
      throw new errors.CognitoError(type, message);
    },
    publicJwk: require(`${lib}/keys/cognitoLocal.public.json`).jwk,
  };
}

/** The pool of the app client `clientId` when it tracks devices; undefined for an unknown client, which
 *  the emulator's own action then refuses in its words. */
export async function trackingPool(services: EmulatorServices, ctx: unknown, clientId: unknown): Promise<EmulatorPool | undefined> {
  if (typeof clientId !== "string" || !(await services.cognito.getAppClient(ctx, clientId))) return undefined;
  const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
  return pool.options.DeviceConfiguration ? pool : undefined;
}
