// The preview's browser code, bundled by esbuild on every request, so an edit to app/, settings/,
// resources/ or preview/page/ shows on the next reload. The watch bundle runs the real app/index.ts
// (imported as "preview:app")
// with the Fitbit device modules mapped to the preview's stand-ins (preview/page/watch/shims/) and the
// app's resources/ embedded; the settings bundle runs the real settings/index.tsx on the preview's
// settings components. Both get Fitbit's "i18n" as a module made from app/i18n/en-US.po at bundle time.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MESSAGES_FILE, parsePo } from "../../devkit/messages";
import { readViewFiles } from "../../devkit/view-files";

export const ROOT = resolve(__dirname, "..", "..");
const PAGE = join(ROOT, "preview", "page");
const SHIMS = join(PAGE, "watch", "shims");

/** What the watch runs: the app's resources and entry point (the preview's own tests use fixtures). */
export interface WatchSources {
  resourcesDir: string;
  appEntry: string;
}

export const APP_SOURCES: WatchSources = {
  resourcesDir: join(ROOT, "resources"),
  appEntry: join(ROOT, "app", "index.ts"),
};

export const BUNDLES = {
  "/watch.js": join(PAGE, "watch", "entry.js"),
  "/settings.js": join(PAGE, "settings", "entry.js"),
  "/shell.js": join(PAGE, "shell.ts"),
  "/zepp-watch.js": join(PAGE, "zepp", "entry.js"),
  "/zepp-settings.js": join(PAGE, "zepp-settings", "entry.js"),
} as const;

/** The Zepp shell's entries, run in the browser: the device page and the Settings App page. */
const ZEPP_PAGE = join(ROOT, "zepp", "page", "index.ts");
const ZEPP_SETTING = join(ROOT, "zepp", "setting", "index.ts");
const ZEPP_SHIMS = join(PAGE, "zepp", "shims");
/** zepp/i18n/page-words.po: the words the Zepp page adds to app/i18n/en-US.po (the build gives both). */
const ZEPP_WORDS_FILE = join(ROOT, "zepp", "i18n", "page-words.po");
/** The @zos modules the preview stands in for (page/zepp/shims/); zml asks for others by name at run time
 *  (page/zepp/runtime.ts answers those with nothing). */
export const ZEPP_SHIMMED = ["ui", "device", "i18n", "interaction", "router", "utils", "timer"];

/** Fitbit device modules the preview stands in for; an app importing any other fails to bundle. */
export const SHIMMED_MODULES = ["document", "messaging", "appbit", "clock", "display", "haptics", "device", "user-settings"];
const DEVICE_MODULES = [
  "accelerometer",
  "barometer",
  "body-presence",
  "crypto",
  "exercise",
  "file-transfer",
  "fs",
  "geolocation",
  "gyroscope",
  "heart-rate",
  "jpeg",
  "orientation",
  "power",
  "scientific",
  "scientific-signal",
  "sleep",
  "system",
  "user-activity",
  "user-profile",
  "cbor",
];

/** Fitbit's "i18n" in English: `gettext` over the words of the .po, read when the bundle is built (so an
 *  edit shows on the next reload), by the parser the CLI and the tests use. Like Fitbit's, it answers a
 *  message ID it has no words for with the ID itself. */
function i18nModule(): esbuild.OnLoadResult {
  const words = parsePo(readFileSync(MESSAGES_FILE, "utf8"));
  return {
    contents:
      `const words = ${JSON.stringify(words)};\n` +
      "export function gettext(id) { return Object.prototype.hasOwnProperty.call(words, id) ? words[id] : id; }\n",
    loader: "js",
    watchFiles: [MESSAGES_FILE],
  };
}

/** The words Zepp's getText reads on the watch: app/i18n/en-US.po, then zepp/i18n/page-words.po, read when
 *  the bundle is built. */
function zeppWordsModule(): esbuild.OnLoadResult {
  const words = parsePo(readFileSync(MESSAGES_FILE, "utf8") + "\n" + readFileSync(ZEPP_WORDS_FILE, "utf8"));
  return { contents: `export default ${JSON.stringify(words)};`, loader: "js", watchFiles: [MESSAGES_FILE, ZEPP_WORDS_FILE] };
}

/** The Zepp page's @zos/* imports (and zml's) to the stand-ins; any other @zos module does not bundle. */
const zeppModules: esbuild.Plugin = {
  name: "zepp-modules",
  setup(build) {
    build.onResolve({ filter: /^@zos\// }, (args) => {
      const name = args.path.slice("@zos/".length);
      if (ZEPP_SHIMMED.indexOf(name) >= 0) return { path: join(ZEPP_SHIMS, `${name}.ts`) };
      return { errors: [{ text: `the preview has no stand-in for the Zepp module "${args.path}" (see preview/README.md)` }] };
    });
    build.onResolve({ filter: /^preview:zepp-page$/ }, () => ({ path: ZEPP_PAGE }));
    build.onResolve({ filter: /^preview:zepp-setting$/ }, () => ({ path: ZEPP_SETTING }));
    build.onResolve({ filter: /^preview:zepp-words$/ }, () => ({ path: "zepp-words", namespace: "preview" }));
    build.onLoad({ filter: /^zepp-words$/, namespace: "preview" }, zeppWordsModule);
  },
};

const fitbitModules = (sources: WatchSources): esbuild.Plugin => ({
  name: "fitbit-modules",
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${SHIMMED_MODULES.join("|")})$`) }, (args) => ({
      path: join(SHIMS, `${args.path}.ts`),
    }));
    build.onResolve({ filter: new RegExp(`^(${DEVICE_MODULES.join("|")})$`) }, (args) => ({
      errors: [{ text: `the preview has no stand-in for the Fitbit module "${args.path}" (see preview/README.md)` }],
    }));
    build.onResolve({ filter: /^preview:app$/ }, () => ({ path: sources.appEntry }));
    build.onResolve({ filter: /^i18n$/ }, () => ({ path: "i18n", namespace: "preview" }));
    build.onLoad({ filter: /^i18n$/, namespace: "preview" }, i18nModule);
    build.onResolve({ filter: /^preview:resources$/ }, () => ({ path: "resources", namespace: "preview" }));
    // The app's views, widget definitions and styles, read at bundle time by the reader the test fake
    // uses, for the model of the view the two share (devkit/fitbit-view).
    build.onLoad({ filter: /^resources$/, namespace: "preview" }, () => {
      const { files, paths } = readViewFiles(sources.resourcesDir);
      return { contents: `export default ${JSON.stringify(files)};`, loader: "js", watchFiles: paths };
    });
  },
});

export type BundleName = keyof typeof BUNDLES;

/** Builds one bundle; rejects with esbuild's messages, formatted, when it does not build. */
export async function buildBundle(name: BundleName, sources: WatchSources = APP_SOURCES): Promise<string> {
  try {
    const result = await esbuild.build({
      entryPoints: [BUNDLES[name]],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2017",
      sourcemap: "inline",
      jsx: "transform",
      jsxFactory: "createComponent",
      logLevel: "silent",
      plugins: [zeppModules, fitbitModules(sources)],
    });
    return result.outputFiles[0].text;
  } catch (err) {
    const errors = (err as esbuild.BuildFailure).errors;
    if (!errors) throw err;
    const text = (await esbuild.formatMessages(errors, { kind: "error" })).join("\n");
    throw new Error(text);
  }
}
