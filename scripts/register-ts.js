// Lets plain Node (the CLI, `npm start`, the benchmark) run the project's TypeScript sources directly:
// each .ts file is transpiled in memory on first require. Type checking is the build's and
// `npm run typecheck`'s job, not this hook's, so start-up stays fast.
"use strict";
const fs = require("fs");
const ts = require("typescript");

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  jsx: ts.JsxEmit.React,
  jsxFactory: "createComponent",
  sourceMap: false,
  inlineSourceMap: true,
};

for (const ext of [".ts", ".tsx"]) {
  require.extensions[ext] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
    module._compile(outputText, filename);
  };
}
