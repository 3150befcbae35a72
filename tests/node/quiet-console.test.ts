// The console during `npm test` (tests/support/quiet-console-environment.js): a passing test's log is
// kept out of the output, a failing test's is shown. Proven on a fixture run by a jest of its own, in
// the environment that jest.config.js gives every project.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const FIXTURES = join(ROOT, "tests", "fixtures", "quiet-console");

// eslint-disable-next-line @typescript-eslint/no-var-requires
const config: { projects: { displayName: string; testEnvironment?: string }[] } = require(join(ROOT, "jest.config.js"));
const environments = config.projects.map((p) => (p.testEnvironment || "node").replace("<rootDir>", ROOT));

test("every jest project runs in the environment that holds the console back", () => {
  expect(environments).toEqual(config.projects.map(() => join(ROOT, "tests", "support", "quiet-console-environment.js")));
});

test("what a passing test's code logs stays out of the output; a failing test's is shown, its hooks' with it", () => {
  const run = spawnSync(
    process.execPath,
    [
      require.resolve("jest/bin/jest"),
      "--ci",
      "--config",
      JSON.stringify({ rootDir: FIXTURES, testMatch: ["**/logs.test.js"], transform: {}, testEnvironment: environments[0] }),
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 60000 },
  );
  const output = run.stdout + run.stderr;
  expect(run.status).toBe(1); // the fixture's failing test failed...
  expect(output).toMatch(/Tests:\s+1 failed, 2 passed, 3 total/); // ...and the others ran
  expect(output).toContain("line of the failing test");
  expect(output).toContain("warning of the failing test");
  expect(output).toContain("line of beforeAll"); // held with the first test, which failed
  expect(output).not.toContain("line of the passing test");
  expect(output).not.toContain("error line of the passing test");
  expect(output).not.toContain("line of the second passing test");
  expect(output).not.toContain("line of afterAll");
  // What the test file prints itself is its report: always shown.
  expect(output).toContain("the test's own report");
});
