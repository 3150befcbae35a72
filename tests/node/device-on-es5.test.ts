// The real watch bundle on an ES5.1 engine. Every other test runs the app's TypeScript in Node, which
// has all of ES2015+: a stray Object.assign, Array.prototype.find or "".startsWith in app/ or common/
// would pass them all and crash on the watch's JerryScript. Here the bundle is compiled exactly as
// `npm run build` compiles it and run in Duktape (ES5.1; what it has beyond is taken away by
// devkit/es5/es5-only.js) through a first sign-in, on fakes of the Fitbit modules: see devkit/es5/.
// Needs Debian's duktape-dev and gcc. Also measures the app's heap there (an indication: Duktape's
// objects are not JerryScript's).
import { parse } from "acorn";
import { decodeToCompanion } from "../../common/protocol";
import { DeviceBundle, compileDeviceBundle } from "../../devkit/es5/device-bundle";
import { DuktapeRun, dukRunBinary, runOnDuktape } from "../../devkit/es5/duktape";
import { appInSmallestHeap, heapFigures, smallestHeap } from "../../devkit/es5/heap";
import { ScriptFile, firstSignInScripts, traceToSources } from "../../devkit/es5/scripts";

let bundle: DeviceBundle;
let files: ScriptFile[];
let run: DuktapeRun;

beforeAll(async () => {
  dukRunBinary(); // first, so a machine without Duktape hears what to install before the 4 s build
  bundle = await compileDeviceBundle();
  files = firstSignInScripts(bundle);
  run = runOnDuktape(files);
}, 120000);

/** Fails with what Duktape said, which names what is missing ("not callable (property 'assign' ..."),
 *  each bundle line traced to its TypeScript source, and the steps the driver got through. */
function expectRan(): void {
  if (run.ok) return;
  const steps = run.output.filter((l) => !l.startsWith("es5-only: "));
  throw new Error(
    `the watch bundle failed on Duktape (ES5.1):\n${traceToSources(run.error || "", bundle)}\n` +
      `--- the steps before:\n${steps.join("\n")}`,
  );
}

const printed = (prefix: string) => run.output.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));

test("the bundle is ES5 syntax (acorn, ecmaVersion 5)", () => {
  expect(() => parse(bundle.code, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
});

test("a first sign-in runs on ES5.1 (both passwords typed, the status names the user), then sign-out, an MFA choice, the code pad and the error screen; then forget this watch, a password reset, a question by keyboard and by digits, an MFA set-up", () => {
  expectRan();
  const screens = printed("screen ").filter((s, i, all) => i === 0 || all[i - 1] !== s);
  expect(screens).toEqual([
    "wait",
    "signedOut",
    "keyboard",
    "busy",
    "newPassword",
    "keyboard",
    "busy",
    "signedIn",
    "busy",
    "signedIn",
    "signOut",
    "signedOut",
    "choose",
    "code",
    "error",
    "signedIn",
    // issue 13's screens
    "signOut",
    "signedIn",
    "signOut",
    "busy",
    "signedOut",
    "busy",
    "code",
    "newPassword",
    "keyboard",
    "busy",
    "signedIn",
    "signedOut",
    "answer",
    "keyboard",
    "busy",
    "code",
    "choose",
    "code",
    "signedIn",
  ]);
  expect(run.output[run.output.length - 1]).toBe("signed in as ann");
});

test("every message the bundle sent is valid for the companion's decoder", () => {
  expectRan();
  const sent = printed("sent ").map((json) => JSON.parse(json));
  expect(sent.map((m) => m.t)).toEqual([
    "hello",
    "prepare",
    "signIn",
    "newPassword",
    "whoami",
    "call",
    "call",
    "signOut",
    "choose",
    "code",
    "hello",
    "signOut",
    "forgot",
    "code",
    "newPassword",
    "signIn",
    "answer",
    "code",
    "choose",
    "code",
  ]);
  for (const wire of sent) expect(decodeToCompanion(wire)).not.toBeNull();
  expect(decodeToCompanion(sent[2])).toEqual({ t: "signIn", pw: "Temp-Pass1!" });
  expect(decodeToCompanion(sent[3])).toEqual({ t: "newPassword", pw: "New_Pass#2024" });
  expect(decodeToCompanion(sent[5])).toEqual({ t: "call", id: 1, path: "/me?x=1" });
  expect(decodeToCompanion(sent[11])).toEqual({ t: "signOut", everywhere: false, forget: true });
  expect(decodeToCompanion(sent[14])).toEqual({ t: "newPassword", pw: "Reset+Pass 99" });
  expect(decodeToCompanion(sent[16])).toEqual({ t: "answer", text: "Rex the 2nd!" });
});

// Duktape cannot delete its non-configurable ES2015 constants, so es5-only.js lists them and the bundle
// must not name them (on the watch they are undefined).
test("the bundle names no ES2015 constant that Duktape could not take away", () => {
  const stuck = printed("es5-only: cannot remove ")[0];
  expect(stuck).toBeDefined();
  for (const name of stuck.split(" ").filter(Boolean)) {
    const property = name.slice(name.lastIndexOf(".") + 1);
    expect({ name, named: new RegExp("\\b" + property + "\\b").test(bundle.code) }).toEqual({ name, named: false });
  }
});

test("the heap under Duktape (a measurement, printed; not JerryScript's figure)", () => {
  expectRan();
  const h = heapFigures(run);
  const smallest = smallestHeap(files, run);
  // The parts add up and none is empty: a run that skipped a file or measured nothing fails here.
  for (const part of [h.engine, h.es5Engine, h.fakes, h.appCode, h.driverCode, h.appAfterGc]) expect(part).toBeGreaterThan(0);
  expect(h.appPeak).toBeGreaterThanOrEqual(h.appAfterGc);
  expect(smallest).toBeLessThanOrEqual(h.peak);
  expect(appInSmallestHeap(smallest, run)).toBeGreaterThanOrEqual(h.appAfterGc);
  console.log(
    [
      "watch app heap under Duktape 2.7 (64-bit; not JerryScript), bytes:",
      `  engine as created (baseline) ${h.engine}; reduced to ES5.1 ${h.es5Engine}; fakes ${h.fakes}; driver code ${h.driverCode}`,
      `  app code ${h.appCode}; app peak (code + first sign-in, GC as Duktape paces it) ${h.appPeak}; app after GC ${h.appAfterGc}`,
      `  run peak ${h.peak}, peak above baseline ${h.peak - h.engine}, after GC ${h.afterGc}`,
      `  smallest heap the run completes in ${smallest}; of it the app's ${appInSmallestHeap(smallest, run)}`,
    ].join("\n"),
  );
});
