// The watch's JS exactly as `npm run build` ships it, compiled in memory: @fitbit/sdk's own compile step
// for the device (rollup, TypeScript to ES5, babel, terser), as /work/notes/measure-device.js does.
// Neither reads nor writes build/. About 4 s.
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

export interface DeviceBundle {
  /** The minified bundle: one CommonJS file requiring Fitbit's modules. */
  code: string;
  /** What line `line` (1-based) of the bundle was compiled from, as "app/ui/render.ts:85-146"; null if
   *  unknown. Duktape's stack traces give lines only, and terser may put a whole function on one. */
  sourceOf(line: number): string | null;
}

interface VinylFile {
  path: string;
  contents: Buffer;
  sourceMap: object;
}

/** Compiles the device bundle; rejects on a type error or anything else the build reports. */
export async function compileDeviceBundle(): Promise<DeviceBundle> {
  const file = await compileDevice();
  // source-map comes with @fitbit/sdk, which maps its own builds with it.
  const sdk = path.join(ROOT, "node_modules", "@fitbit", "sdk");
  const { SourceMapConsumer } = require(require.resolve("source-map", { paths: [sdk] }));
  // generated line → source → the first and last original line mapped onto it
  const lines: { [source: string]: [number, number] }[] = [];
  await SourceMapConsumer.with(file.sourceMap, null, (consumer: any) => {
    consumer.eachMapping((m: { generatedLine: number; source: string | null; originalLine: number }) => {
      if (!m.source) return;
      const sources = (lines[m.generatedLine] = lines[m.generatedLine] || {});
      const range = sources[m.source];
      sources[m.source] = range
        ? [Math.min(range[0], m.originalLine), Math.max(range[1], m.originalLine)]
        : [m.originalLine, m.originalLine];
    });
  });
  const sourceOf = (line: number) => {
    const sources = lines[line];
    if (!sources) return null;
    return Object.keys(sources)
      .map((source) => {
        const [first, last] = sources[source];
        return `${source}:${first}${last > first ? "-" + last : ""}`;
      })
      .join(", ");
  };
  return { code: file.contents.toString("utf8"), sourceOf };
}

function compileDevice(): Promise<VinylFile> {
  // The SDK resolves the entry point and its tsconfig from the working directory, as fitbit-build runs.
  const cwd = process.cwd();
  process.chdir(ROOT);
  const restore = () => process.chdir(cwd);
  return new Promise<VinylFile>((resolve, reject) => {
    const compile = require(require.resolve("@fitbit/sdk/lib/compile", { paths: [ROOT] })).default;
    const problems: string[] = [];
    const chunks: VinylFile[] = [];
    const stream = compile({
      component: "device",
      entryPoint: "app/index.ts",
      defaultLanguage: "en-US",
      onDiagnostic: (d: { category: unknown; messageText?: unknown }) => {
        if (d.category === 1 || d.category === "error") problems.push(String(d.messageText || JSON.stringify(d)));
      },
    });
    stream.on("data", (file: VinylFile) => {
      if (file.path.endsWith(".js")) chunks.push(file);
    });
    stream.on("error", (e: Error) => {
      restore();
      reject(new Error("the device build failed: " + (e.message || e)));
    });
    stream.on("end", () => {
      restore();
      if (problems.length) return reject(new Error("the device build reported errors:\n" + problems.join("\n")));
      if (chunks.length !== 1)
        return reject(new Error(`the device build made ${chunks.length} JS files, not one: ${chunks.map((c) => c.path).join(", ")}`));
      resolve(chunks[0]);
    });
  });
}
