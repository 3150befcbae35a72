#!/usr/bin/env node
// `npm run build`: the Fitbit app (build/app.fba), then the Zepp OS app (build/fitbit-cognito.zab, by
// ./build-zepp.js). fitbit-build leaves the previous build/app.fba in place when it fails, so a broken build
// could pass for a good one. Remove build/ first and let the exit code and the files tell the same story.
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
const zepp = spawnSync(process.execPath, [path.join(__dirname, "build-zepp.js")], { cwd: root, stdio: "inherit" });
if (zepp.status !== 0 || !fs.existsSync(path.join(root, "build", "fitbit-cognito.zab"))) {
  console.error("build failed: no build/fitbit-cognito.zab");
  process.exit(zepp.status || 1);
}
