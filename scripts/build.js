#!/usr/bin/env node
// fitbit-build leaves the previous build/app.fba in place when it fails, so a broken build could pass
// for a good one. Remove it first and let the exit code and the file tell the same story.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
fs.rmSync(path.join(root, "build"), { recursive: true, force: true });
const bin = require.resolve("@fitbit/sdk/bin/fitbit-build.js", { paths: [root] });
const run = spawnSync(process.execPath, [bin], { cwd: root, stdio: "inherit" });
const fba = path.join(root, "build", "app.fba");
if (run.status !== 0 || !fs.existsSync(fba)) {
  console.error("build failed: no build/app.fba");
  process.exit(run.status || 1);
}
