// Lets plain Node (the CLI, `npm start`, the benchmark) run the project's TypeScript sources directly:
// each .ts file is transpiled in memory on first require. Type checking is the build's and
// `npm run typecheck`'s job, not this hook's. Transpiled output is cached under
// node_modules/.cache, keyed by the source's hash, so a warm start never loads the TypeScript compiler.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "fitbit-cognito-ts");
const CACHE_VERSION = "1";
let ts;
let options;

function transpile(source, filename) {
  if (!ts) {
    ts = require("typescript");
    options = {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
      jsx: ts.JsxEmit.React,
      jsxFactory: "createComponent",
      inlineSourceMap: true,
    };
  }
  return ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
}

function compile(source, filename) {
  const key = crypto.createHash("sha256").update(CACHE_VERSION).update(filename).update(source).digest("hex");
  const cached = path.join(CACHE_DIR, key + ".js");
  try {
    return fs.readFileSync(cached, "utf8");
  } catch (_) {
    // Not cached yet.
  }
  const output = transpile(source, filename);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, output);
    fs.renameSync(tmp, cached);
  } catch (_) {
    // A read-only tree still runs, only slower.
  }
  return output;
}

for (const ext of [".ts", ".tsx"]) {
  require.extensions[ext] = (module, filename) => {
    module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
  };
}
