// The side service as the build makes it, from its TypeScript source: esbuild's bundle of
// zepp/app-side/index.ts with zml inside (the options scripts/build-zepp.js uses), as one script for
// ./side-runtime.ts to run. Built once per test file.
import * as path from "path";
import { buildSync } from "esbuild";

const ROOT = path.resolve(__dirname, "../../..");

export function bundleSideService(entry = "zepp/app-side/index.ts"): string {
  const out = buildSync({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    format: "esm",
    target: "es2015",
    external: ["@zos/*"],
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}
