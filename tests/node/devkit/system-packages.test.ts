// The Debian packages the tests need (devkit/system-packages.ts): which are missing, probed on paths a
// test chooses (no package is uninstalled here), what apt-get is asked for, and the one line a test
// fails with when its package is missing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  SYSTEM_PACKAGES,
  SystemPackage,
  aptInstallArgs,
  missingPackageLine,
  missingPackages,
  requireSystemPackage,
} from "../../../devkit/system-packages";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "system-packages-"));
  writeFileSync(join(dir, "there"), "");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pkg = (name: string, files: string[], install = [name]): SystemPackage => ({ name, files: files.map((f) => join(dir, f)), install });

test("a package is missing when any of its files is", () => {
  const whole = pkg("whole", ["there"]);
  const half = pkg("half", ["there", "gone"]);
  const none = pkg("none", ["gone"]);
  expect(missingPackages([whole, half, none]).map((p) => p.name)).toEqual(["half", "none"]);
  expect(missingPackages([whole])).toEqual([]);
});

test("apt-get is asked for every missing package once, with what the tests need beside it", () => {
  const { chromium, duktape, gcc } = SYSTEM_PACKAGES;
  expect(aptInstallArgs([chromium, duktape, gcc])).toEqual([
    "install",
    "-y",
    "chromium",
    "fonts-liberation",
    "duktape-dev",
    "gcc",
    "libc6-dev",
  ]);
  expect(aptInstallArgs([pkg("a", [], ["x", "y"]), pkg("b", [], ["y", "z"])])).toEqual(["install", "-y", "x", "y", "z"]);
});

test("a test without its package fails with one line: which package, and the command that installs it", () => {
  expect(missingPackageLine(SYSTEM_PACKAGES.chromium)).toBe(
    "needs Debian's chromium: run `npm run setup` (or sudo apt-get install chromium fonts-liberation)",
  );
  expect(missingPackageLine(SYSTEM_PACKAGES.duktape)).toBe(
    "needs Debian's duktape-dev: run `npm run setup` (or sudo apt-get install duktape-dev)",
  );
  let thrown: Error | undefined;
  try {
    requireSystemPackage({ ...SYSTEM_PACKAGES.duktape, files: [join(dir, "gone")] });
  } catch (err) {
    thrown = err as Error;
  }
  expect(thrown && thrown.message).toBe(missingPackageLine(SYSTEM_PACKAGES.duktape));
  // No stack under it: the line is all a reader needs.
  expect(thrown && thrown.stack).toBe(thrown && thrown.message);
  expect(() => requireSystemPackage({ ...SYSTEM_PACKAGES.duktape, files: [join(dir, "there")] })).not.toThrow();
});

test("the end-to-end tests' browser module fails as it loads when Chromium is not where it looks", () => {
  const saved = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = join(dir, "no-chromium");
  try {
    jest.isolateModules(() => {
      expect(() => require("../../support/chromium")).toThrow(
        /^needs Debian's chromium: run `npm run setup` \(or sudo apt-get install chromium fonts-liberation\)$/,
      );
    });
  } finally {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  }
});
