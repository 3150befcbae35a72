// The files handed to Duktape to run the watch app, in order:
//   es5-only.js       takes away the built-ins ES5.1 lacks (its own file: a later `var` would be a global
//                     it could not remove);
//   fitbit-fakes.js   the Fitbit platform, on the view's elements, the .po words, the protocol version and
//                     the wearer's pace (the app's tap guard) read here in Node and written above it as data;
//   device-bundle.js  the real minified bundle, wrapped as a CommonJS module function `deviceBundle`;
//   first-sign-in.js  the driver: defines `firstSignIn()`, which starts the bundle and plays a first sign-in;
//   run.js            calls it.
// Each file is measured on its own (duk-run.c), so the engine, the fakes, the app's code, the driver's
// code and the run are told apart: see ./heap.ts.
import * as fs from "fs";
import * as path from "path";
import { MESSAGES_FILE, parsePo } from "../messages";
import { PROTOCOL_VERSION } from "../../common/protocol";
import { TAP_GUARD_MS } from "../../core/watch";
import { DeviceBundle } from "./device-bundle";
import { FakeElement, createDocument } from "../fakes/device/document";
import { RESOURCES_DIR } from "../view-files";

export interface ScriptFile {
  name: string;
  source: string;
}

/** What fitbit-fakes.js needs of an element of the view. */
interface ElementSpec {
  id: string;
  type: string;
  /** The nearest ancestor with an id (null: none), whose display the app may change. */
  parent: string | null;
  /** An ancestor without an id hides it: nothing the app does can show it. */
  hidden: boolean;
  touch: boolean;
  display: string;
  visibility: string;
  fill: string | null;
  text: string;
  capacity: number;
}

const read = (name: string) => fs.readFileSync(path.join(__dirname, name), "utf8");

export function viewElements(resourcesDir: string = RESOURCES_DIR): ElementSpec[] {
  const root = createDocument(resourcesDir).root;
  return root
    .find((e) => e.id !== "")
    .map((e) => {
      let parent: FakeElement | null = e.parent;
      let hidden = false;
      for (; parent && parent.id === "" && parent !== root; parent = parent.parent)
        if (parent.style.display === "none" || parent.style.visibility === "hidden") hidden = true;
      return {
        id: e.id,
        type: e.type,
        parent: parent && parent.id !== "" ? parent.id : null,
        hidden,
        touch: e.takesTouches,
        display: e.style.display,
        visibility: e.style.visibility,
        fill: e.style.fill || null,
        text: e.text,
        capacity: e.textCapacity,
      };
    });
}

const BUNDLE_FILE = "device-bundle.js";
/** Lines of BUNDLE_FILE before the bundle's first. */
const WRAPPER_LINES = 1;

/** The files that run `bundle` through a first sign-in on Duktape. */
export function firstSignInScripts(bundle: DeviceBundle): ScriptFile[] {
  const data =
    `var VIEW = ${JSON.stringify(viewElements())};\n` +
    `var WORDS = ${JSON.stringify(parsePo(fs.readFileSync(MESSAGES_FILE, "utf8")))};\n` +
    `var PROTOCOL_VERSION = ${JSON.stringify(PROTOCOL_VERSION)};\n` +
    `var TAP_PACE_MS = ${JSON.stringify(TAP_GUARD_MS)};\n`;
  return [
    { name: "es5-only.js", source: read("es5-only.js") },
    { name: "fitbit-fakes.js", source: data + read("fitbit-fakes.js") },
    // The bundle starts with its "use strict" directive, which stays the function's first statement.
    { name: BUNDLE_FILE, source: `function deviceBundle(module, exports, require) {\n${bundle.code}\n}\n` },
    { name: "first-sign-in.js", source: read("first-sign-in.js") },
    { name: "run.js", source: "firstSignIn();\n" },
  ];
}

/** Duktape's error with each line of the bundle it names traced to its source: "(device-bundle.js:68)"
 *  becomes "(device-bundle.js:68 = app/ui/render.ts:85-146)". */
export function traceToSources(error: string, bundle: DeviceBundle): string {
  return error.replace(/\(device-bundle\.js:(\d+)\)/g, (whole, line: string) => {
    const source = bundle.sourceOf(Number(line) - WRAPPER_LINES);
    return source ? `(${BUNDLE_FILE}:${line} = ${source})` : whole;
  });
}
