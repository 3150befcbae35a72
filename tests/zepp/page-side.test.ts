// The Zepp page and the REAL side service, joined as on a watch and a phone: the page (zepp/page, on the
// fake @zos/ui) calls through zml-socket; each call is framed as zml frames it and read by the real zml
// inside the side service's bundle (zepp/app-side, built from source as the build builds it, run in
// Node's vm with fakes of the side-service globals only: devkit/fakes/zepp/side-runtime.ts); what the side
// service calls back reaches the page's onCall the same way. Against cognito-local with the demo seed
// (`npm start`'s): the demo user's first sign-in through NEW_PASSWORD_REQUIRED by taps alone, then
// sign-out.
import { SETTING } from "../../common/settings-keys";
import { CognitoLocal, startCognitoLocal } from "../../sandbox/cognito-local";
import { DemoSeed, seedDemo } from "../../sandbox/seed-demo";
import { bundleSideService } from "../../devkit/fakes/zepp/side-bundle";
import { SideRuntime, sideRuntime } from "../../devkit/fakes/zepp/side-runtime";
import * as ui from "../../devkit/fakes/zepp/ui";
import { getText } from "../../devkit/fakes/zepp/i18n";
import { ZML_METHOD } from "../../zepp/shared/zml-socket";
import { PageRig, SIZES, startPageRig } from "../support/zepp-page";

let local: CognitoLocal;
let seed: DemoSeed;
let script: string;
let side: SideRuntime | undefined;
let pump: ReturnType<typeof setInterval> | undefined;

beforeAll(async () => {
  script = bundleSideService();
  local = await startCognitoLocal();
  seed = await seedDemo(local.endpoint);
}, 60000);
afterAll(() => local && local.stop());
afterEach(() => {
  if (pump) clearInterval(pump);
  pump = undefined;
  if (side) side.stop();
  side = undefined;
});

/** The side service booted and configured as the Settings App page configures it (no username: the
 *  wearer types it), and the page on a screen of `size` joined to it. */
function joined(size = SIZES[0].size): PageRig {
  side = sideRuntime();
  side.boot(script);
  const settings: { [key: string]: string } = {
    [SETTING.userPoolId]: seed.userPoolId,
    [SETTING.clientId]: seed.clientId,
    [SETTING.endpoint]: seed.endpoint,
  };
  for (const key of Object.keys(settings)) side.storage.setItem(key, JSON.stringify({ name: settings[key] }));
  const s = side;
  // page → side: zml's call, framed (jsonrpc added) and delivered later, as over Bluetooth
  const rig = startPageRig(size, (data) => {
    s.watch.sendRaw(data);
    return Promise.resolve();
  });
  // side → page: each call the side service made arrives at the page's onCall
  let forwarded = 0;
  pump = setInterval(() => {
    while (forwarded < s.watch.received.length) rig.link.receive({ method: ZML_METHOD, params: s.watch.received[forwarded++].raw });
  }, 5);
  return rig;
}

async function until(what: string, check: () => boolean, ms = 10000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; on screen: ${JSON.stringify(ui.texts())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const onScreen = (text: string) => () => ui.texts().indexOf(text) >= 0;

test("the demo user's first sign-in through NEW_PASSWORD_REQUIRED by taps alone, then sign-out", async () => {
  const rig = joined();
  await until("the signed-out screen", () => ui.buttons("Sign in").length === 1);
  expect(ui.texts()).toContain("No username set");

  rig.tap("Sign in");
  rig.type(seed.username);
  rig.tap("OK");
  expect(ui.texts()[0]).toBe("Password for " + seed.username);
  rig.type(seed.temporaryPassword);
  rig.tap("OK");

  await until("the new-password screen", () => ui.buttons("Choose password").length === 1);
  expect(ui.texts()[1]).toMatch(new RegExp("^Choose a new password for " + seed.username));
  const fresh = "Zepp2026ok";
  rig.tap("Choose password");
  rig.type(fresh);
  rig.tap("OK");
  expect(ui.texts()[0]).toBe("Repeat new password");
  rig.type(fresh);
  rig.tap("OK");

  await until("signed in", onScreen("Signed in"), 15000);
  expect(ui.texts()).toContain(seed.username);
  expect(ui.texts()).toContain("demo@example.com");
  // SRP, as "auto" chooses with getRandomValues at hand, then the new password
  const actions = side!.fetches.map((f) => f.action);
  expect(side!.fetches.filter((f) => f.action === "InitiateAuth").map((f) => f.authFlow)).toEqual(["USER_SRP_AUTH"]);
  expect(actions).toContain("RespondToAuthChallenge");
  // Nothing the page logged holds a password
  expect(JSON.stringify(rig.logs)).not.toContain(fresh);
  expect(JSON.stringify(rig.logs)).not.toContain(seed.temporaryPassword);

  rig.tap("Sign out");
  rig.tap("This phone");
  await until("signed out", () => ui.buttons("Sign in").length === 1, 15000);
  expect(ui.texts()).toContain("Signed out.");
  expect(side!.fetches.map((f) => f.action)).toContain("RevokeToken");
}, 60000);

test("on the small square screen: a wrong password typed by taps comes back as the reason on the signed-out screen", async () => {
  const rig = joined(SIZES[4].size);
  await until("the signed-out screen", () => ui.buttons("Sign in").length === 1);
  rig.tap("Sign in");
  rig.type(seed.username);
  rig.tap("OK");
  rig.type("wrong-pass");
  rig.tap("OK");
  await until("the wrong password said", onScreen(getText("wrongCredentials")), 15000);
  expect(ui.buttons("Sign in")).toHaveLength(1);
  // the username typed this time is kept for the next try
  rig.tap("Sign in");
  expect(ui.texts()).toContain(seed.username);
}, 60000);
