#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn and prints one table. A benchmark, not a test:
// it measures and reports, side by side with the library people use today, and fails only on a crash.
"use strict";
require("../scripts/register-ts.js");
const fs = require("fs");
const path = require("path");

async function main() {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const rows = [];
  for (const file of files) {
    const mod = require(path.join(__dirname, file));
    const run = mod.default || mod.run;
    for (const row of await run()) rows.push(row);
  }
  printTable(rows);
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
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
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
