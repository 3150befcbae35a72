// The companion's configuration, read from settingsStorage: the app client to sign in with, the
// username, how, and where the wearer's own service lives. One CognitoClient per configuration.
import {
  ClientMetadata,
  CognitoClient,
  CognitoConfigError,
  FetchLike,
  SignInFlow,
  checkUrl,
  cognitoClient,
  isCognitoFailure,
} from "../cognito";
import { note } from "./describe";
import type { Note } from "../../common/protocol";
import { SETTING, settingText } from "../../common/settings-keys";
import { readClientMetadata } from "../../common/client-metadata";

export type TokenChoice = "access" | "id";

export interface CompanionConfig {
  readonly client: CognitoClient;
  /** From settings; absent when the wearer types it on the watch. */
  readonly username: string | undefined;
  readonly flow: SignInFlow;
  /** Ask Cognito to remember this watch where the pool leaves it to the user ("Remember this watch"). */
  readonly rememberDevice: boolean;
  /** The wearer's own service (its base URL, without trailing slashes), or why calls cannot go there. */
  readonly service: { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: Note };
  readonly callToken: TokenChoice;
}

/** Either a usable configuration, or why there is none: nothing set yet, or `problem`, the setting to check. */
export type ConfigResult = { readonly ok: true; readonly config: CompanionConfig } | { readonly ok: false; readonly problem?: Note };

// The setting a CognitoConfigError's field names, as the watch names it ("Check the user pool ID on the
// phone."): the watch has room for which setting, the settings page says why (settings/index.tsx).
const CHECK: { [field: string]: Note["m"] } = {
  "user pool ID": "checkPoolId",
  "app client ID": "checkClientId",
  "client secret": "checkClientSecret",
  endpoint: "checkEndpoint",
  "client metadata": "checkClientMetadata",
};

const FLOWS: SignInFlow[] = ["auto", "srp", "password", "choice", "custom", "customSrp"];

/** The flows that sign in without a password typed first: the watch's "Sign in" asks for none. */
export function passwordless(flow: SignInFlow): boolean {
  return flow === "choice" || flow === "custom";
}

/** ClientMetadata as typed in the settings (common/client-metadata.ts, which the settings page reads it with
 *  too); undefined when empty. The client checks the limits. Throws a CognitoConfigError naming the setting
 *  when it cannot be read. */
export function parseClientMetadata(text: string | undefined): ClientMetadata | undefined {
  return readClientMetadata(text, (problem) => {
    throw new CognitoConfigError("client metadata", problem);
  }) as ClientMetadata | undefined;
}

/** Calls carry the wearer's tokens: the base URL answers to the Cognito endpoint's rule (cognito/url.ts). */
function serviceAt(base: string | undefined): CompanionConfig["service"] {
  if (!base) return { ok: false, problem: note("noServiceUrl") };
  try {
    return { ok: true, url: checkUrl(base, "service URL").replace(/\/+$/, "") };
  } catch (err) {
    // checkUrl throws nothing else.
    const e = err as CognitoConfigError;
    return { ok: false, problem: note("badServiceUrl", `${e.field} ${e.problem}`) };
  }
}

/** `fetchImpl` lets Node (the preview, tests) supply its fetch; the companion uses the global one.
 *  `deviceName`: what Cognito lists this watch as (ConfirmDevice) and the authenticator entry's name. */
export function configReader(read: (key: string) => string | null, fetchImpl?: FetchLike, deviceName?: string): () => ConfigResult {
  let cachedKey = "";
  let cachedClient: CognitoClient | undefined;
  /** A setting's text; undefined when empty. */
  const setting = (key: string) => settingText(read(key)) || undefined;
  return function currentConfig(): ConfigResult {
    const userPoolId = setting(SETTING.userPoolId);
    const clientId = setting(SETTING.clientId);
    if (!userPoolId || !clientId) return { ok: false };
    const clientSecret = setting(SETTING.clientSecret);
    const endpoint = setting(SETTING.endpoint);
    const metadataText = setting(SETTING.clientMetadata);
    const key = JSON.stringify([userPoolId, clientId, clientSecret, endpoint, metadataText]);
    if (key !== cachedKey) {
      try {
        // Validates the settings before anything else.
        const clientMetadata = parseClientMetadata(metadataText);
        cachedClient = cognitoClient({ userPoolId, clientId, clientSecret, endpoint, fetch: fetchImpl, clientMetadata, deviceName });
      } catch (err) {
        cachedClient = undefined;
        cachedKey = "";
        const check = isCognitoFailure(err) && err.kind === "config" && CHECK.hasOwnProperty(err.field) ? CHECK[err.field] : undefined;
        return { ok: false, problem: check ? note(check) : note("badParameter", isCognitoFailure(err) ? err.message : undefined) };
      }
      cachedKey = key;
    }
    const flow = setting(SETTING.flow) as SignInFlow;
    return {
      ok: true,
      config: {
        client: cachedClient!,
        username: setting(SETTING.username),
        flow: FLOWS.indexOf(flow) >= 0 ? flow : "auto",
        rememberDevice: setting(SETTING.rememberDevice) !== "false",
        service: serviceAt(setting(SETTING.serviceUrl)),
        callToken: setting(SETTING.callToken) === "id" ? "id" : "access",
      },
    };
  };
}
