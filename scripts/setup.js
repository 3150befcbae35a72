#!/usr/bin/env node
// `npm run setup`: everything a fresh Debian machine needs before `npm test` passes, in one command that
// CI runs too (.ci/run), so CI proves the README's two commands. The npm packages as the lockfile pins
// them (npm ci), the Debian packages the tests use when they are missing (devkit/system-packages.ts:
// Chromium, Duktape, gcc), then the build of both apps (Fitbit's build/app.fba, Zepp's build/fitbit-cognito.zab).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** Runs a command in the project's folder, its output shown; stops setup, saying what failed, if it does. */
function run(what, command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (r.status === 0) return;
  console.error(`npm run setup: ${what} failed${r.error ? `: ${r.error.message}` : ""}`);
  process.exit(r.status || 1);
}

// npm as it runs this script (npm_execpath), else the one on the PATH.
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ["npm", []];
run("npm ci", npm[0], [...npm[1], "ci", "--no-audit", "--no-fund"]);

// The list and its checks are TypeScript, shared with the tests that need the packages.
require("./register-ts");
const { SYSTEM_PACKAGES, aptInstallArgs, missingPackages } = require("../devkit/system-packages.ts");
const packages = Object.values(SYSTEM_PACKAGES);
const missing = missingPackages(packages);
if (missing.length > 0) {
  // Root (as CI is) runs apt-get itself; anyone else through sudo, which asks for their password.
  const prefix = typeof process.getuid === "function" && process.getuid() === 0 ? [] : ["sudo"];
  const apt = (args) => {
    const [command, ...rest] = [...prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args];
    run(`apt-get ${args.join(" ")}`, command, rest);
  };
  apt(["update"]);
  apt(aptInstallArgs(missing));
  const still = missingPackages(packages);
  for (const p of still)
    console.error(`npm run setup: Debian's ${p.name} is still missing after apt-get (looked for ${p.files.join(", ")})`);
  if (still.length > 0) process.exit(1);
}

run("the build (npm run build)", process.execPath, [path.join(__dirname, "build.js")]);
console.log("npm run setup: done; now `npm test`");
