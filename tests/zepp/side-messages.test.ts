// What the side service does with messages that are not the protocol's: each is dropped, and only its
// type is logged (never its content: it may hold a password), and the side service goes on serving. No
// Cognito needed: nothing valid is configured, so every valid message is answered with the setup view.
import { MAX_PASSWORD_LENGTH } from "../../common/limits";
import { bundleSideService } from "../../devkit/fakes/zepp/side-bundle";
import { SideRuntime, sideRuntime } from "../../devkit/fakes/zepp/side-runtime";

let script: string;
let side: SideRuntime;
beforeAll(() => {
  script = bundleSideService();
});
beforeEach(() => {
  side = sideRuntime();
  side.boot(script);
});
afterEach(() => side.stop());

async function until(check: () => boolean, what: string, ms = 4000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("malformed messages are dropped and logged by type only; the next valid one is served", async () => {
  const secret = "Hunter2secret";
  const malformed: unknown[] = [
    { method: "fitbit-cognito", params: { v: 1, t: "signIn", pw: 42 } }, // wrong field type
    { method: "fitbit-cognito", params: { v: 2, t: "signIn", pw: secret } }, // another protocol version
    { method: "fitbit-cognito", params: { v: 1, t: "signIn", pw: secret.repeat(30) } }, // over the password limit
    { method: "fitbit-cognito", params: { v: 1, t: "nonsense" } },
    { method: "another-app", params: { v: 1, t: "hello" } }, // not ours
    "just text",
    [1, 2, 3],
  ];
  expect(secret.repeat(30).length).toBeGreaterThan(MAX_PASSWORD_LENGTH);
  for (const data of malformed) side.watch.sendRaw(data);
  await until(() => side.logs.filter((l) => /dropped malformed message/.test(l)).length === malformed.length, "every drop logged");
  expect(side.watch.received).toEqual([]);
  const drops = side.logs.filter((l) => /dropped malformed message/.test(l));
  expect(drops).toContain("dropped malformed message v1:signIn");
  expect(drops).toContain("dropped malformed message v2:signIn");
  expect(side.logs.join("\n")).not.toContain(secret);

  side.watch.send({ t: "hello" });
  await until(() => side.watch.lastView() !== undefined, "the answer to hello");
  expect(side.watch.lastView()).toEqual({ s: "setup" });
});
