// The companion settings page on the phone: the user pool and app client, a second place to sign in
// from, and the authenticator app's key while one is set up during a sign-in. Values typed here reach the
// companion through settingsStorage; a request's value (a password, an answer, a code) is removed by the
// companion the moment it has read it (see core/signin/settings-link.ts).
import { gettext } from "i18n";
import { REQUEST, SETTING, SETUP_KEY, STATUS_KEY } from "../common/settings-keys";
import { configProblem } from "./config-problem";
import { readSetupKey } from "./setup-key";
import { readStatus, statusText } from "./status";

type PageProps = SettingsComponentProps;

/** The page's settings as configProblem reads them. */
const configProblemOf = (settings: PageProps["settings"]) => configProblem((key) => settings[key]);

function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => (n < 10 ? "0" : "") + n;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function SignInSection({ settings, settingsStorage }: PageProps) {
  const view = readStatus(settings[STATUS_KEY]);
  const request = (key: string, value: string) => settingsStorage.setItem(key, JSON.stringify(value));
  // A button's request: the time makes each press a change the companion hears, even the same twice.
  const press = (label: string, key: string) => <Button list label={label} onClick={() => request(key, String(Date.now()))} />;
  const status = <Text>{statusText(view, formatTime, gettext, configProblemOf(settings))}</Text>;
  let controls: JSX.Element = <Text>{""}</Text>;
  if (view && view.s === "signedOut" && view.passwordless) {
    // USER_AUTH or custom challenges: the flow asks for what it needs, here or on the watch.
    controls = press("Sign in", REQUEST.signIn);
  } else if (view && (view.s === "signedOut" || view.s === "error")) {
    // `action`: the field's button says what it does ("Save" by default, which a password is not).
    controls = (
      <TextInput
        label="Password"
        type="password"
        placeholder="Sign in with this password"
        action="Sign in"
        settingsKey={REQUEST.password}
      />
    );
  } else if (view && view.s === "password") {
    controls = <TextInput label="Password" type="password" action="Sign in" settingsKey={REQUEST.flowPassword} />;
  } else if (view && view.s === "newPassword") {
    controls = <TextInput label="New password" type="password" action="Set password" settingsKey={REQUEST.newPassword} />;
  } else if (view && (view.s === "code" || (view.s === "answer" && view.digits))) {
    controls = <TextInput label="Code" type="number" action="Check code" settingsKey={REQUEST.code} />;
  } else if (view && view.s === "answer") {
    controls = <TextInput label="Answer" action="Send" settingsKey={REQUEST.answer} />;
  } else if (view && view.s === "choose") {
    controls = (
      <Section title={<Text>Choose</Text>}>
        {view.options.map((option) => (
          <Button list label={option} onClick={() => request(REQUEST.choice, option)} />
        ))}
      </Section>
    );
  } else if (view && view.s === "signedIn") {
    controls = (
      <Section title={<Text>Session</Text>}>
        {press("Sign out", REQUEST.signOut)}
        {press("Sign out everywhere", REQUEST.signOutEverywhere)}
        {view.device ? press("Sign out and forget this watch", REQUEST.signOutForget) : <Text>{""}</Text>}
      </Section>
    );
  }
  // Under the field: Cancel while a flow is under way; signed out, "Forgot password?" when the settings
  // name the user (a reset sends its code to a username's address; the watch can type one instead).
  const after =
    view && (view.s === "newPassword" || view.s === "code" || view.s === "choose" || view.s === "password" || view.s === "answer") ? (
      <Button label="Cancel" onClick={() => request(REQUEST.cancel, String(Date.now()))} />
    ) : view && view.s === "signedOut" && view.user && !view.passwordless ? (
      press("Forgot password?", REQUEST.forgot)
    ) : (
      <Text>{""}</Text>
    );
  return (
    <Section title={<Text bold>Sign in</Text>}>
      {status}
      {controls}
      {after}
    </Section>
  );
}

/** While an authenticator app is being set up (MFA_SETUP): its key, to add to the app on this phone. */
function SetupSection({ settings }: PageProps) {
  const key = readSetupKey(settings[SETUP_KEY]);
  if (!key) return <Text>{""}</Text>;
  return (
    <Section title={<Text bold>Set up your authenticator app</Text>}>
      <Link source={key.uri}>Add this account to your authenticator app</Link>
      <Text>Or type this key into the app:</Text>
      <Text bold>{key.secret}</Text>
      <Text>Then enter the first code the app shows, on the watch or in the code field above.</Text>
    </Section>
  );
}

function PoolSection({ settings }: PageProps) {
  const problem = configProblemOf(settings);
  return (
    <Section
      title={<Text bold>User pool</Text>}
      description={
        <Text>{problem || "The app client needs ALLOW_USER_SRP_AUTH or ALLOW_USER_PASSWORD_AUTH, and ALLOW_REFRESH_TOKEN_AUTH."}</Text>
      }
    >
      <TextInput label="User pool ID" placeholder="eu-west-1_AbC123" settingsKey={SETTING.userPoolId} />
      <TextInput label="App client ID" settingsKey={SETTING.clientId} />
      <TextInput label="Client secret (only if the app client has one)" type="password" settingsKey={SETTING.clientSecret} />
      <TextInput label="Username" placeholder="Leave empty to type it on the watch" settingsKey={SETTING.username} />
      <Select
        label="Sign-in method"
        settingsKey={SETTING.flow}
        options={[
          { name: "Automatic (SRP, else password)", value: "auto" },
          { name: "SRP only", value: "srp" },
          { name: "Password (USER_PASSWORD_AUTH)", value: "password" },
          { name: "Choice-based (USER_AUTH, codes)", value: "choice" },
          { name: "Custom challenges (Lambda)", value: "custom" },
          { name: "Password (SRP), then custom challenges", value: "customSrp" },
        ]}
      />
      <Toggle label="Remember this watch" settingsKey={SETTING.rememberDevice} />
      <TextInput
        label="Client metadata (for the pool's Lambdas)"
        placeholder="tenant=acme, app=watch"
        settingsKey={SETTING.clientMetadata}
      />
      <Text>Client metadata: key=value pairs separated by commas, or a JSON object of strings.</Text>
      <TextInput label="Your service's base URL (https)" settingsKey={SETTING.serviceUrl} />
      <Select
        label="Token for your service"
        settingsKey={SETTING.callToken}
        options={[
          { name: "Access token", value: "access" },
          { name: "ID token", value: "id" },
        ]}
      />
      <TextInput label="Development endpoint (optional)" placeholder="https://…" settingsKey={SETTING.endpoint} />
    </Section>
  );
}

registerSettingsPage((props) => (
  <Page>
    <SignInSection {...props} />
    <SetupSection {...props} />
    <PoolSection {...props} />
  </Page>
));
