#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn and prints one table. A benchmark, not a test:
// it measures and reports, side by side with the library people use today, and fails only on a crash.
// Each file runs in a process of its own, so a timing never depends on what ran before it (the JIT and
// the heap a previous bench left behind made SRP look 50% slower in a shared process).
"use strict";
require("../scripts/register-ts.js");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--one") return runOne(args[1]);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => args.length === 0 || args.some((o) => f.includes(o)))
    .sort();
  const rows = [];
  for (const file of files) {
    const child = spawnSync(process.execPath, [__filename, "--one", file], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (child.status !== 0) throw new Error(`${file} failed (exit ${child.status})`);
    for (const row of JSON.parse(child.stdout)) rows.push(row);
  }
  printTable(rows);
}

/** One bench file, its rows as JSON on stdout (what it logs itself goes to stderr). */
async function runOne(file) {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  const mod = require(path.join(__dirname, file));
  const run = mod.default || mod.run;
  const rows = await run();
  write(JSON.stringify(rows));
}

/** A row: what was measured, our figure, theirs where there is one to compare, and the goal. */
function printTable(rows) {
  const header = ["measure", "fitbit-cognito", "reference", "ratio", "goal"];
  const body = rows.map((r) => [
    r.name,
    format(r.ours, r.unit),
    r.theirs === undefined ? "" : format(r.theirs, r.unit) + (r.theirsLabel ? ` (${r.theirsLabel})` : ""),
    r.theirs === undefined ? "" : (r.ours / r.theirs).toFixed(3) + "x",
    r.goal || "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
}

function format(value, unit) {
  if (unit === "B") return `${value.toLocaleString("en-US")} B`;
  if (unit === "ms") return `${value.toFixed(2)} ms`;
  if (unit === "%") return `${value.toFixed(2)} %`;
  return `${Number.isInteger(value) ? value : value.toFixed(3)}${unit ? " " + unit : ""}`;
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
