// The Zepp Settings App page, as a tree of Zepp's settings components: the same keys, checks, status line
// and sign-in from the phone as Fitbit's page (settings/index.tsx), through the same settingsStorage the
// side service reads (core/signin/settings-link.ts takes each request and removes it at once).
//
// It reads only the keys it names: never a private one (../shared/side-keys.ts), where the side service
// keeps the tokens, pending sign-outs and remembered devices.
import { REQUEST, SETTING, SETUP_KEY, STATUS_KEY, settingText, settingValue } from "../../common/settings-keys";
import { configProblem } from "../../settings/config-problem";
import { readSetupKey } from "../../settings/setup-key";
import { Words, readStatus, statusText } from "../../settings/status";
import { RANDOMNESS_KEY } from "../shared/side-keys";
import { Element, SettingsStorage, ui } from "./zepp-components";

const { View, Text, TextInput, Button, Toggle, Select, Section, Link } = ui;

/** Only what the page names: a stored value as text (Zepp may hand back what it parsed). */
function reader(storage: SettingsStorage) {
  return (key: string): string | null => {
    const value = storage.getItem(key);
    if (value === undefined || value === null) return null;
    return typeof value === "string" ? value : JSON.stringify(value);
  };
}

function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => (n < 10 ? "0" : "") + n;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const VISIBLE_PASSWORD_NOTE =
  "Zepp shows what you type here: make sure nobody is looking. The phone side removes the password from the settings the moment it reads it.";

export const NO_RANDOM_NOTE =
  "This phone's Zepp app gives no secure random numbers (crypto.getRandomValues), so the app cannot prove the password with SRP: it sends it to Cognito over HTTPS (USER_PASSWORD_AUTH, which the app client must allow), and this watch is not remembered as a device.";

export function settingsPage(storage: SettingsStorage, words: Words): Element {
  const read = reader(storage);
  // Stored as Fitbit's page stores them, so the side service reads both alike (common/settings-keys.ts).
  const write = (key: string, value: string) => storage.setItem(key, JSON.stringify({ name: value }));
  const request = (key: string, value: string) => storage.setItem(key, JSON.stringify(value));
  const press = (label: string, key: string) => Button({ label, onClick: () => request(key, String(Date.now())) });
  const problem = configProblem(read);
  return View({ style: { padding: "12px 16px" } }, [
    signInSection(read, words, problem, request, press),
    setupSection(read),
    poolSection(read, write, problem),
  ]);
}

type Press = (label: string, key: string) => Element;

function signInSection(
  read: (key: string) => string | null,
  words: Words,
  problem: string | undefined,
  request: (key: string, value: string) => void,
  press: Press,
): Element {
  const view = readStatus(read(STATUS_KEY));
  // A request field is always shown empty: what was typed is gone from the storage once the side took it.
  const secret = (label: string, key: string, placeholder?: string) => [
    TextInput({ label, placeholder, value: "", onChange: (value) => value && request(key, value) }),
    Text({ paragraph: true, style: { fontSize: "12px", color: "#666" } }, VISIBLE_PASSWORD_NOTE),
  ];
  let controls: Element[] = [];
  if (view && view.s === "signedOut" && view.passwordless) {
    controls = [press("Sign in", REQUEST.signIn)];
  } else if (view && (view.s === "signedOut" || view.s === "error")) {
    controls = secret("Password", REQUEST.password, "Sign in with this password");
  } else if (view && view.s === "password") {
    controls = secret("Password", REQUEST.flowPassword);
  } else if (view && view.s === "newPassword") {
    controls = secret("New password", REQUEST.newPassword);
  } else if (view && (view.s === "code" || (view.s === "answer" && view.digits))) {
    controls = [TextInput({ label: "Code", value: "", onChange: (value) => value && request(REQUEST.code, value) })];
  } else if (view && view.s === "answer") {
    controls = [TextInput({ label: "Answer", value: "", onChange: (value) => value && request(REQUEST.answer, value) })];
  } else if (view && view.s === "choose") {
    controls = [
      Section(
        { title: "Choose" },
        view.options.map((option) => Button({ label: option, onClick: () => request(REQUEST.choice, option) })),
      ),
    ];
  } else if (view && view.s === "signedIn") {
    const session = [press("Sign out", REQUEST.signOut), press("Sign out everywhere", REQUEST.signOutEverywhere)];
    if (view.device) session.push(press("Sign out and forget this watch", REQUEST.signOutForget));
    controls = [Section({ title: "Session" }, session)];
  }
  const underWay =
    view && (view.s === "newPassword" || view.s === "code" || view.s === "choose" || view.s === "password" || view.s === "answer");
  if (underWay) controls.push(press("Cancel", REQUEST.cancel));
  else if (view && view.s === "signedOut" && view.user && !view.passwordless) controls.push(press("Forgot password?", REQUEST.forgot));
  const status = Text({ paragraph: true }, statusText(view, formatTime, words, problem));
  const note = read(RANDOMNESS_KEY) === "none" ? [Text({ paragraph: true, style: { fontSize: "12px" } }, NO_RANDOM_NOTE)] : [];
  return Section({ title: "Sign in" }, [status, ...note, ...controls]);
}

/** While an authenticator app is being set up (MFA_SETUP): its key, to add to the app on this phone. */
function setupSection(read: (key: string) => string | null): Element {
  const key = readSetupKey(read(SETUP_KEY));
  if (!key) return View({}, []);
  return Section({ title: "Set up your authenticator app" }, [
    Link({ source: key.uri }, "Add this account to your authenticator app"),
    Text({ paragraph: true }, "Or type this key into the app:"),
    Text({ bold: true }, key.secret),
    Text({ paragraph: true }, "Then enter the first code the app shows, on the watch or in the code field above."),
  ]);
}

const FLOWS = [
  { name: "Automatic (SRP, else password)", value: "auto" },
  { name: "SRP only", value: "srp" },
  { name: "Password (USER_PASSWORD_AUTH)", value: "password" },
  { name: "Choice-based (USER_AUTH, codes)", value: "choice" },
  { name: "Custom challenges (Lambda)", value: "custom" },
  { name: "Password (SRP), then custom challenges", value: "customSrp" },
];
const CALL_TOKENS = [
  { name: "Access token", value: "access" },
  { name: "ID token", value: "id" },
];

/** Zepp's Select may hand back the value, the option, or a list of either. */
function selected(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (first && typeof first === "object") return String((first as { value?: unknown }).value);
  return String(first);
}

function poolSection(
  read: (key: string) => string | null,
  write: (key: string, value: string) => void,
  problem: string | undefined,
): Element {
  const field = (label: string, key: string, placeholder?: string) =>
    TextInput({ label, placeholder, value: settingText(read(key)), onChange: (value) => write(key, value.trim()) });
  const choice = (label: string, key: string, options: { name: string; value: string }[]) =>
    Select({ label, options, value: settingValue(read(key)) || options[0].value, onChange: (value) => write(key, selected(value)) });
  return Section(
    {
      title: "User pool",
      description: problem || "The app client needs ALLOW_USER_SRP_AUTH or ALLOW_USER_PASSWORD_AUTH, and ALLOW_REFRESH_TOKEN_AUTH.",
    },
    [
      field("User pool ID", SETTING.userPoolId, "eu-west-1_AbC123"),
      field("App client ID", SETTING.clientId),
      field("Client secret (only if the app client has one; shown as typed)", SETTING.clientSecret),
      field("Username", SETTING.username, "Leave empty to type it on the watch"),
      choice("Sign-in method", SETTING.flow, FLOWS),
      // Missing reads as on, as the side service reads it (it stores "true" when missing).
      Toggle({
        label: "Remember this watch",
        value: settingText(read(SETTING.rememberDevice)) !== "false",
        onChange: (on) => write(SETTING.rememberDevice, on ? "true" : "false"),
      }),
      field("Client metadata (for the pool's Lambdas)", SETTING.clientMetadata, "tenant=acme, app=watch"),
      Text({ paragraph: true }, "Client metadata: key=value pairs separated by commas, or a JSON object of strings."),
      field("Your service's base URL (https)", SETTING.serviceUrl),
      choice("Token for your service", SETTING.callToken, CALL_TOKENS),
      field("Development endpoint (optional)", SETTING.endpoint, "https://…"),
    ],
  );
}
