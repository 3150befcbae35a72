// npm run lint's rules (.dependency-cruiser.js) fire: a fixture tree (./fixture) laid out as the project is,
// each file breaking one boundary, is linted with the project's own configuration, and every rule must name
// its file. The real tree passing `npm run lint` shows the rules let the project through; this shows they
// are not rules that cannot fail.
import { spawnSync } from "child_process";
import { join } from "path";

const ROOT = join(__dirname, "..", "..", "..");
const FIXTURE = join(__dirname, "fixture");

test("each boundary rule refuses the import that breaks it", () => {
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs"),
      "core",
      "app",
      "common",
      "cli",
      "tests",
      "--config",
      join(ROOT, ".dependency-cruiser.js"),
    ],
    { cwd: FIXTURE, encoding: "utf8", timeout: 60000 },
  );
  expect(run.status).not.toBe(0);
  const found = new Set(
    run.stdout
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("error ")),
  );
  expect([...found].sort()).toEqual(
    [
      "error cognito-client-imports-only-itself: core/cognito/index.ts → app/render.ts",
      "error common-imports-only-itself: common/protocol.ts → core/watch/index.ts",
      "error core-folders-meet-at-their-index: core/session/index.ts → core/cognito/secret.ts",
      "error core-knows-no-platform: core/cognito/index.ts → app/render.ts",
      "error core-knows-no-platform: core/session/index.ts → local-storage",
      "error enter-core-through-its-index: tests/reach.ts → core/cognito/secret.ts",
      "error no-unresolvable-import: core/session/index.ts → local-storage",
      "error nothing-depends-on-cli-or-tests: app/render.ts → cli/helper.ts",
      "error shipped-code-uses-no-tool: app/render.ts → cli/helper.ts",
      "error watch-side-holds-no-client-or-session: core/watch/index.ts → core/session/index.ts",
    ].sort(),
  );
});
