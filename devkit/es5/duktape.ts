// Runs JS files in Duktape, an embeddable ES5.1 engine (Debian's duktape-dev), through the small C
// harness duk-run.c: built here with gcc on first use and cached by the hash of its source, so later
// runs only spawn it. What it reports: see duk-run.c.
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { SYSTEM_PACKAGES, requireSystemPackage } from "../system-packages";

const ROOT = path.resolve(__dirname, "..", "..");
export const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "fitbit-cognito", "es5");
const SOURCE = path.join(__dirname, "duk-run.c");
const DUKTAPE_HEADER = SYSTEM_PACKAGES.duktape.files[0];

export interface FileMeasure {
  file: string;
  /** The most heap bytes held at once while the file ran. */
  peak: number;
  /** Heap bytes held after it, garbage collected. */
  afterGc: number;
}

export interface DuktapeRun {
  ok: boolean;
  /** The failing file's error with Duktape's stack trace. */
  error?: string;
  /** Heap bytes of the engine alone: created, an empty script run, garbage collected. */
  baseline: number;
  files: FileMeasure[];
  peak: number;
  afterGc: number;
  /** What the scripts printed, one entry per `print` call. */
  output: string[];
}

/** The harness binary, built if needed; throws the one line that says what to install when Duktape or
 *  gcc is missing (devkit/system-packages.ts). */
export function dukRunBinary(): string {
  requireSystemPackage(SYSTEM_PACKAGES.duktape);
  const source = fs.readFileSync(SOURCE);
  const hash = crypto.createHash("sha256").update(source).update(fs.readFileSync(DUKTAPE_HEADER)).digest("hex").slice(0, 16);
  const binary = path.join(CACHE_DIR, `duk-run-${hash}`);
  if (fs.existsSync(binary)) return binary;
  requireSystemPackage(SYSTEM_PACKAGES.gcc);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const building = `${binary}.${process.pid}.tmp`;
  const gcc = spawnSync("gcc", ["-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-o", building, SOURCE, "-lduktape"], {
    encoding: "utf8",
  });
  if (gcc.error) throw new Error(`cannot run gcc: ${gcc.error.message}`);
  if (gcc.status !== 0) throw new Error(`gcc could not build devkit/es5/duk-run.c:\n${gcc.stderr}`);
  fs.renameSync(building, binary);
  return binary;
}

/**
 * Evaluates `files` in order in one Duktape heap; each is written first to a directory of this run's own
 * in the cache (so a test and the bench can run at once), removed after a clean run and kept after a
 * failure for a look (the error names it), unless `keepFailed` is false (a failure that was expected).
 * `limit`: the most bytes the heap may hold, engine included (past it an allocation fails, Duktape
 * collects garbage and retries, then throws).
 */
export function runOnDuktape(
  files: { name: string; source: string }[],
  options: { limit?: number; keepFailed?: boolean } = {},
): DuktapeRun {
  const binary = dukRunBinary();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(CACHE_DIR, "scripts-"));
  const paths = files.map((f) => {
    const file = path.join(dir, f.name);
    fs.writeFileSync(file, f.source);
    return file;
  });
  const args = options.limit ? ["--limit", String(options.limit), ...paths] : paths;
  const run = spawnSync(binary, args, { encoding: "utf8", timeout: 60000 });
  if (run.error) throw new Error(`duk-run did not run: ${run.error.message}`);
  const line = run.stdout.trim();
  if (!line.startsWith("{"))
    throw new Error(`duk-run printed no report (exit ${run.status}, signal ${run.signal}; scripts in ${dir}):\n${run.stdout}${run.stderr}`);
  const report = JSON.parse(line) as DuktapeRun;
  if (report.ok || options.keepFailed === false) fs.rmSync(dir, { recursive: true, force: true });
  else report.error = `${report.error}\n(the scripts are kept in ${dir})`;
  return report;
}
