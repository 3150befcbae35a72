// The CLI lines `npm start` prints work as printed: the sandbox started as npm start starts it
// (cognito-local and the demo seed), each line taken from the function that prints it and run by a
// shell in the project, as a developer pastes it: login through NEW_PASSWORD_REQUIRED into the
// session file, then whoami with nothing but that file.
import { runProcess } from "../../support/run-cli";
import * as path from "path";
import { demoCliLines } from "../../../preview/server/main";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { DemoSeed, seedDemo } from "../../../sandbox/seed-demo";

const ROOT = path.resolve(__dirname, "../../..");

let cognito: CognitoLocal;
let demo: DemoSeed;
beforeAll(async () => {
  cognito = await startCognitoLocal();
  demo = await seedDemo(cognito.endpoint);
});
afterAll(async () => {
  if (cognito) await cognito.stop();
});

function shell(line: string, stdin: string) {
  // Offline: npx finds the project's own bin, and must not ask the registry for anything.
  return runProcess("bash", ["-c", line], stdin, { cwd: ROOT, env: { ...process.env, npm_config_offline: "true" } });
}

test("login with --session-file, then whoami without the endpoint, exactly as npm start prints them", async () => {
  const [login, whoami, ...more] = demoCliLines(demo, cognito.dataDir);
  expect(more).toEqual([]);
  expect(login).toMatch(/^npx fitbit-cognito login .*--session-file \S+$/);
  expect(whoami).toMatch(/^npx fitbit-cognito whoami --session-file \S+$/);

  const signedIn = await shell(login, `${demo.temporaryPassword}\nDemo5678new\n`);
  expect(signedIn.stderr).toBe("");
  expect(signedIn.stdout).toMatch(/^Signed in as demo <demo@example\.com> \(srp\); tokens valid until /);
  expect(signedIn.code).toBe(0);

  const who = await shell(whoami, "");
  expect(who.stderr).toBe("");
  expect(who.stdout.split("\n")[0]).toBe("demo");
  expect(who.stdout).toContain("  email: demo@example.com\n");
  expect(who.code).toBe(0);
}, 120000);
