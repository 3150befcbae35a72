// The CLI lines `npm start` prints work as printed: the sandbox started as npm start starts it
// (cognito-local and the demo seed), each line taken from the function that prints it and run by a
// shell in the project, as a developer pastes it: login through NEW_PASSWORD_REQUIRED into the
// session file, then whoami with nothing but that file.
import { spawn } from "child_process";
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

function shell(line: string, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Offline: npx finds the project's own bin, and must not ask the registry for anything.
    const child = spawn("bash", ["-c", line], { cwd: ROOT, env: { ...process.env, npm_config_offline: "true" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
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
