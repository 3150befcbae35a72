// The companion's configuration, read from settingsStorage: the app client to sign in with, the
// username, how, and where the wearer's own service lives. One CognitoClient per configuration.
import { CognitoClient, FetchLike, SignInFlow, cognitoClient, validateSettings, isCognitoFailure } from "./cognito";
import { SETTING, settingText } from "../common/settings-keys";

export type TokenChoice = "access" | "id";

export interface CompanionConfig {
  readonly client: CognitoClient;
  /** From settings; absent when the wearer types it on the watch. */
  readonly username: string | undefined;
  readonly flow: SignInFlow;
  readonly serviceUrl: string | undefined;
  readonly callToken: TokenChoice;
}

/** Either a usable configuration, or why there is none (nothing set yet, or what is wrong). */
export type ConfigResult = { readonly ok: true; readonly config: CompanionConfig } | { readonly ok: false; readonly problem?: string };

const FLOWS: SignInFlow[] = ["auto", "srp", "password", "choice"];

/** `fetchImpl` lets Node (the preview, tests) supply its fetch; the companion uses the global one. */
export function configReader(read: (key: string) => string | null, fetchImpl?: FetchLike): () => ConfigResult {
  let cachedKey = "";
  let cachedClient: CognitoClient | undefined;
  return function currentConfig(): ConfigResult {
    const userPoolId = settingText(read(SETTING.userPoolId));
    const clientId = settingText(read(SETTING.clientId));
    if (!userPoolId || !clientId) return { ok: false };
    const clientSecret = settingText(read(SETTING.clientSecret)) || undefined;
    const endpoint = settingText(read(SETTING.endpoint)) || undefined;
    const key = JSON.stringify([userPoolId, clientId, clientSecret, endpoint]);
    if (key !== cachedKey) {
      try {
        validateSettings({ userPoolId, clientId, clientSecret, endpoint });
        cachedClient = cognitoClient({ userPoolId, clientId, clientSecret, endpoint, fetch: fetchImpl });
      } catch (err) {
        cachedClient = undefined;
        cachedKey = "";
        return { ok: false, problem: isCognitoFailure(err) ? err.message : "invalid settings" };
      }
      cachedKey = key;
    }
    const flow = settingText(read(SETTING.flow)) as SignInFlow;
    const serviceUrl = settingText(read(SETTING.serviceUrl)) || undefined;
    return {
      ok: true,
      config: {
        client: cachedClient!,
        username: settingText(read(SETTING.username)) || undefined,
        flow: FLOWS.indexOf(flow) >= 0 ? flow : "auto",
        serviceUrl,
        callToken: settingText(read(SETTING.callToken)) === "id" ? "id" : "access",
      },
    };
  };
}
