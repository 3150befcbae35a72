// What is wrong with the pool's settings, in the words a settings page shows above its fields ("Check the
// user pool ID: it must look like …"): the same check the companion's configuration reader makes
// (core/signin/config.ts), read from any platform's settings storage, so Fitbit's page (./index.tsx) and
// Zepp's Settings App page (zepp/setting/) say the same. Here rather than in core/signin, whose entry would
// bring the whole controller into the Fitbit page's bundle (+5.6 KB measured).
import { readClientMetadata } from "../common/client-metadata";
import { SETTING, settingText } from "../common/settings-keys";
import { ClientMetadata, CognitoConfigError, validateClientMetadata, validateSettings } from "../core/cognito";

/** `read`: a setting's raw stored value. Undefined when nothing is set yet, or nothing is wrong. */
export function configProblem(read: (key: string) => string | null | undefined): string | undefined {
  const userPoolId = settingText(read(SETTING.userPoolId));
  const clientId = settingText(read(SETTING.clientId));
  if (!userPoolId && !clientId) return undefined;
  try {
    validateSettings({
      userPoolId,
      clientId,
      clientSecret: settingText(read(SETTING.clientSecret)) || undefined,
      endpoint: settingText(read(SETTING.endpoint)) || undefined,
    });
    // As the companion reads it (core/signin/config.ts): JSON's values are checked by the client's rule.
    const metadata = readClientMetadata(settingText(read(SETTING.clientMetadata)), (problem) => {
      throw new CognitoConfigError("client metadata", problem);
    });
    validateClientMetadata(metadata as ClientMetadata | undefined);
    return undefined;
  } catch (err) {
    // Every problem reads after "it" ("it must look like …").
    return err instanceof CognitoConfigError ? `Check the ${err.field}: it ${err.problem}.` : "Check the settings.";
  }
}
