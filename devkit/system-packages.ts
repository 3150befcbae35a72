// The Debian packages the tests need besides Node and npm, how to tell each is installed, and the one
// line that says how to get it. One list for both places that care: `npm run setup` (scripts/setup.js)
// installs what is missing, and a test that needs a package it lacks fails at once with that line
// (tests/support/chromium.ts, devkit/es5/duktape.ts) instead of after starting servers, or with a
// stack trace that hides the cause.
import { existsSync } from "node:fs";

export interface SystemPackage {
  /** The Debian package, as the line names it. */
  readonly name: string;
  /** Files it installs: installed when all are there. */
  readonly files: readonly string[];
  /** What apt-get installs for it: the package, and what the tests need beside it. */
  readonly install: readonly string[];
}

/** Where the end-to-end tests find Chromium: Debian's, unless CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const SYSTEM_PACKAGES = {
  // The end-to-end tests drive it through playwright-core, which downloads no browser of its own; the
  // preview's text is set in Liberation Sans, Arial's metrics, as a stand-in for the watch's font.
  chromium: {
    name: "chromium",
    files: [CHROMIUM, "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"],
    install: ["chromium", "fonts-liberation"],
  },
  // tests/node/device-on-es5.test.ts runs the watch bundle in Duktape (ES5.1) through a C harness...
  duktape: { name: "duktape-dev", files: ["/usr/include/duktape.h"], install: ["duktape-dev"] },
  // ...that it builds with gcc.
  gcc: { name: "gcc", files: ["/usr/bin/gcc"], install: ["gcc", "libc6-dev"] },
};

/** Those of `packages` that lack a file; `exists` probes one (the file system's, unless a test's). */
export function missingPackages(packages: readonly SystemPackage[], exists: (path: string) => boolean = existsSync): SystemPackage[] {
  return packages.filter((p) => !p.files.every(exists));
}

/** The apt-get arguments that install `packages`, each Debian package once. */
export function aptInstallArgs(packages: readonly SystemPackage[]): string[] {
  const names: string[] = [];
  for (const p of packages) for (const n of p.install) if (names.indexOf(n) < 0) names.push(n);
  return ["install", "-y", ...names];
}

/** What a test that lacks `pkg` fails with: one line, which package, and how to install it. */
export function missingPackageLine(pkg: SystemPackage): string {
  return `needs Debian's ${pkg.name}: run \`npm run setup\` (or sudo apt-get install ${pkg.install.join(" ")})`;
}

/** Throws the line above unless `pkg` is installed. The error carries no stack: where it was thrown
 *  from says nothing the line does not, and a failing test prints the stack under it. */
export function requireSystemPackage(pkg: SystemPackage, exists?: (path: string) => boolean): void {
  if (missingPackages([pkg], exists).length === 0) return;
  const err = new Error(missingPackageLine(pkg));
  err.stack = err.message;
  throw err;
}
