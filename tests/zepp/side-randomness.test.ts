// Randomness on a pool that remembers devices (the demo seed's devices pool, against cognito-local): with
// crypto.getRandomValues the side service confirms the watch as a device (its verifier is made from a random
// password) and keeps it under a private key; without it the same sign-in uses USER_PASSWORD_AUTH, the
// device is not confirmed and nothing is kept, and the log and the page's note say why. Never Math.random.
import { SETTING } from "../../common/settings-keys";
import { CognitoLocal, startCognitoLocal } from "../../sandbox/cognito-local";
import { DemoSeed, seedDemo } from "../../sandbox/seed-demo";
import { bundleSideService } from "../../devkit/fakes/zepp/side-bundle";
import { SideRuntime, sideRuntime } from "../../devkit/fakes/zepp/side-runtime";
import { PRIVATE_PREFIX, RANDOMNESS_KEY } from "../../zepp/shared/side-keys";

let emulator: CognitoLocal;
let demo: DemoSeed;
let script: string;
const running: SideRuntime[] = [];
beforeAll(async () => {
  script = bundleSideService();
  emulator = await startCognitoLocal();
  demo = await seedDemo(emulator.endpoint);
});
afterAll(() => emulator?.stop());
afterEach(() => {
  while (running.length) running.pop()!.stop();
});

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function firstSignIn(secureRandom: boolean, newPassword: string): Promise<SideRuntime> {
  const side = sideRuntime({ secureRandom });
  running.push(side);
  side.boot(script);
  for (const [key, value] of [
    [SETTING.userPoolId, demo.devices.userPoolId],
    [SETTING.clientId, demo.devices.clientId],
    [SETTING.endpoint, demo.endpoint],
    [SETTING.username, demo.username],
  ])
    side.storage.setItem(key, JSON.stringify({ name: value }));
  side.watch.send({ t: "signIn", pw: secureRandom ? demo.temporaryPassword : newPassword });
  if (secureRandom) {
    await until(() => side.watch.lastView()?.s === "newPassword", "the new-password view");
    side.watch.send({ t: "newPassword", pw: newPassword });
  }
  await until(() => side.watch.lastView()?.s === "signedIn", "signed in");
  return side;
}

const deviceBook = (side: SideRuntime) => side.storage.getItem(PRIVATE_PREFIX + "cognito.devices");

test("with getRandomValues the watch is confirmed as a device; without it, it is not, and the side says why", async () => {
  const withRandom = await firstSignIn(true, "Devices2026new");
  await until(() => deviceBook(withRandom) !== null, "the device kept");
  expect(withRandom.fetches.map((f) => f.action)).toContain("ConfirmDevice");
  expect(withRandom.watch.lastView()).toMatchObject({ s: "signedIn", device: true });
  withRandom.stop();

  // The same user on another phone whose Zepp app has no getRandomValues.
  const without = await firstSignIn(false, "Devices2026new");
  expect(without.fetches.filter((f) => f.action === "InitiateAuth").map((f) => f.authFlow)).toEqual(["USER_PASSWORD_AUTH"]);
  expect(without.fetches.map((f) => f.action)).not.toContain("ConfirmDevice");
  await until(() => without.logs.some((l) => /^device: not confirmed/.test(l)), "the device not confirmed, logged");
  expect(deviceBook(without)).toBeNull();
  expect(without.storage.getItem(RANDOMNESS_KEY)).toBe("none");
  expect(without.logs.join("\n")).toMatch(/no crypto\.getRandomValues here/);
  expect(without.watch.lastView()).not.toMatchObject({ device: true });
}, 30_000);
