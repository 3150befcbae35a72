// The app client's coordinates, checked before any request leaves: a typo in a pool ID should read as
// a settings problem, not as a DNS failure thirty seconds later.
import { checkConfig } from "./errors";
import { checkUrl } from "./url";

export interface CognitoClientSettings {
  /** e.g. "eu-west-1_AbC123": the region is the part before "_", the pool name (used by SRP) after. */
  userPoolId: string;
  clientId: string;
  /** Only for app clients created with a secret: then every call carries SECRET_HASH. */
  clientSecret?: string;
  /** Development override (an emulator, a proxy): https anywhere, plain http only to loopback (./url.ts). */
  endpoint?: string;
  /** Use the FIPS endpoint (cognito-idp-fips.<region>.amazonaws.com). */
  fips?: boolean;
}

/** A validated configuration: the only kind the client accepts. The client secret is not part of it: the
 *  client shows its configuration to callers (and they may log it), the secret it keeps to itself. */
export interface CognitoEndpointConfig {
  readonly userPoolId: string;
  readonly region: string;
  readonly poolName: string;
  readonly clientId: string;
  readonly url: string;
}

// Cognito's documented pattern; the region part must also look like an AWS region unless a development
// endpoint is given (emulators name their pools "local_...").
const POOL_ID = /^([\w-]{1,45})_([0-9A-Za-z]{1,45})$/;
const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
// App client IDs and secrets have the same pattern.
const CLIENT_ID_OR_SECRET = /^[\w+]{1,128}$/;

export function validateSettings(settings: CognitoClientSettings): CognitoEndpointConfig {
  const endpoint = settings.endpoint;
  const userPoolId = trimmed(settings.userPoolId);
  const pool = POOL_ID.exec(userPoolId);
  checkConfig(pool && (endpoint || AWS_REGION.test(pool[1])), "user pool ID", 'must look like "eu-west-1_AbC123"');
  const clientId = trimmed(settings.clientId);
  checkConfig(CLIENT_ID_OR_SECRET.test(clientId), "app client ID", "must be letters and digits (1-128)");
  const region = pool[1];
  const url = endpoint ? checkUrl(endpoint, "endpoint") : `https://cognito-idp${settings.fips ? "-fips" : ""}.${region}.amazonaws.com/`;
  return { userPoolId, region, poolName: pool[2], clientId, url };
}

/** The app client's secret, if it has one. */
export function validateSecret(settings: CognitoClientSettings): string | undefined {
  const secret = trimmed(settings.clientSecret);
  checkConfig(!secret || CLIENT_ID_OR_SECRET.test(secret), "client secret", "must be letters, digits and + only");
  return secret || undefined;
}

const trimmed = (value: string | undefined) => (value || "").trim();

/** Usernames: Cognito allows 1-128 characters of letters, marks, symbols, numbers, punctuation: no
 *  white space or control characters. */
export function validateUsername(username: string): string {
  const u = username.trim();
  checkConfig(/^[^\s\0-\x1f\x7f]{1,128}$/.test(u), "username", "must be 1-128 characters without spaces");
  return u;
}

/** ClientMetadata: string keys to string values, passed to the pool's Lambda triggers. */
export type ClientMetadata = { readonly [key: string]: string };

/** At most this many entries, keys and values this long: a Lambda's context, not a payload (and it must
 *  fit the settings it is typed into). */
export const CLIENT_METADATA_LIMITS = { entries: 16, keyLength: 64, valueLength: 256 };

/** The metadata to send, checked: strings only, within the limits; undefined when there is none. */
export function validateClientMetadata(metadata: ClientMetadata | undefined): ClientMetadata | undefined {
  if (metadata === undefined) return undefined;
  checkConfig(typeof metadata === "object" && metadata !== null && !Array.isArray(metadata), "client metadata", "must be a map of strings");
  const keys = Object.keys(metadata);
  const { entries, keyLength, valueLength } = CLIENT_METADATA_LIMITS;
  checkConfig(keys.length <= entries, "client metadata", `may have at most ${entries} entries`);
  for (const key of keys) {
    checkConfig(
      /^[^\s\0-\x1f\x7f]+$/.test(key) && key.length <= keyLength,
      "client metadata",
      `must have keys of 1-${keyLength} characters without spaces`,
    );
    const value = metadata[key];
    checkConfig(
      typeof value === "string" && value.length <= valueLength,
      "client metadata",
      `must have text values of at most ${valueLength} characters`,
    );
  }
  return keys.length ? metadata : undefined;
}
