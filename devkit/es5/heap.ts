// The watch app's heap under Duktape, told apart from what is not the app's: the engine, the platform
// fakes and the driver's code each settle in a file of their own (./scripts.ts), so their bytes are known
// and taken off. Duktape is not JerryScript (64-bit pointers, larger objects and property tables), so the
// figures indicate; they are not the watch's.
import { compileDeviceBundle } from "./device-bundle";
import { DuktapeRun, runOnDuktape } from "./duktape";
import { ScriptFile, firstSignInScripts, traceToSources } from "./scripts";

export interface HeapFigures {
  /** Duktape as created, an empty script run: the brief's baseline. */
  engine: number;
  /** The engine once es5-only.js took away what ES5.1 lacks. */
  es5Engine: number;
  /** The fakes: the document's elements, the socket, the words. */
  fakes: number;
  /** The bundle compiled, before it runs. */
  appCode: number;
  /** The driver's compiled code. */
  driverCode: number;
  /** The app's code plus the most the first sign-in held at once beyond what was loaded before it, with
   *  Duktape collecting garbage when it chooses: the app's peak above the engine, fakes and driver. */
  appPeak: number;
  /** The app's code and state once signed in, garbage collected. */
  appAfterGc: number;
  /** The whole run's peak and what it holds at the end, engine and fakes included. */
  peak: number;
  afterGc: number;
}

const FILES = ["es5-only.js", "fitbit-fakes.js", "device-bundle.js", "first-sign-in.js", "run.js"];

export function heapFigures(run: DuktapeRun): HeapFigures {
  const names = run.files.map((f) => f.file);
  if (names.join() !== FILES.join()) throw new Error(`heap figures need a complete run of ${FILES.join(", ")}, not ${names.join(", ")}`);
  const [es5Only, fakes, bundle, driver, flow] = run.files;
  const appCode = bundle.afterGc - fakes.afterGc;
  return {
    engine: run.baseline,
    es5Engine: es5Only.afterGc,
    fakes: fakes.afterGc - es5Only.afterGc,
    appCode,
    driverCode: driver.afterGc - bundle.afterGc,
    appPeak: appCode + flow.peak - driver.afterGc,
    appAfterGc: appCode + flow.afterGc - driver.afterGc,
    peak: run.peak,
    afterGc: run.afterGc,
  };
}

/**
 * The smallest heap, engine included, in which `files` still run to the end: with a limit, Duktape
 * collects garbage whenever an allocation would pass it, as an engine with a fixed heap does when it is
 * full, so this is the most the run holds alive at once rather than when Duktape chose to collect.
 * Found to within `step` bytes by bisection between what was loaded before the run and its free peak.
 */
export function smallestHeap(files: ScriptFile[], free: DuktapeRun, step: number = 256): number {
  if (!free.ok) throw new Error("the run fails even without a limit: " + free.error);
  let fits = free.peak;
  let fails = free.files[free.files.length - 2].afterGc;
  while (fits - fails > step) {
    const limit = Math.floor((fits + fails) / 2);
    // Running out of heap is the expected failure of half of these runs.
    if (runOnDuktape(files, { limit, keepFailed: false }).ok) fits = limit;
    else fails = limit;
  }
  return fits;
}

/** `smallestHeap` as the app's own need: less the engine, the fakes and the driver's code. */
export function appInSmallestHeap(smallest: number, run: DuktapeRun): number {
  const figures = heapFigures(run);
  return smallest - figures.es5Engine - figures.fakes - figures.driverCode;
}

/** Compiles the bundle, runs the first sign-in on Duktape and measures it (the benchmark's figures). */
export async function measureFirstSignIn(): Promise<HeapFigures & { appInSmallestHeap: number }> {
  const bundle = await compileDeviceBundle();
  const files = firstSignInScripts(bundle);
  const run = runOnDuktape(files);
  if (!run.ok) throw new Error("the watch bundle failed on Duktape: " + traceToSources(run.error || "", bundle));
  return { ...heapFigures(run), appInSmallestHeap: appInSmallestHeap(smallestHeap(files, run), run) };
}
