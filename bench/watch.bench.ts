// The watch side in numbers: the size of the watch JS the build ships (per device target), and how many
// taps the on-screen keyboard needs per password character. Reads build/app.fba (built first if absent).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { PAGES, meanTapsPerChar, tapTable } from "../core/watch";
import { measureFirstSignIn } from "../devkit/es5/heap";

interface BenchRow {
  name: string;
  ours: number;
  theirs?: number;
  theirsLabel?: string;
  unit: "ms" | "B" | "%" | "";
  goal?: string;
}

const ROOT = path.resolve(__dirname, "..");
const FBA = path.join(ROOT, "build", "app.fba");

export default async function run(): Promise<BenchRow[]> {
  if (!fs.existsSync(FBA)) {
    const build = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.js")], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  const rows: BenchRow[] = [];
  for (const t of watchJsSizes(fs.readFileSync(FBA)))
    rows.push({ name: `watch JS in app.fba (${t.target}), minified`, ours: t.bytes, unit: "B" });
  rows.push(...keyboardRows());
  rows.push(...(await duktapeHeapRows()));
  return rows;
}

/** The app's heap running the real bundle in Duktape (devkit/es5/heap.ts): an indication, since Duktape's
 *  objects are larger than JerryScript's. Left out, saying why, where Duktape is not installed. */
async function duktapeHeapRows(): Promise<BenchRow[]> {
  let h;
  try {
    h = await measureFirstSignIn();
  } catch (e) {
    if (!/apt-get install/.test(String(e))) throw e;
    console.error(`no Duktape heap rows: ${(e as Error).message}`);
    return [];
  }
  return [
    // Fakes and driver code are taken off: the app's code and what its run holds, garbage included.
    { name: "watch app heap on Duktape (not JerryScript), peak above an empty engine, first sign-in", ours: h.appPeak, unit: "B" },
    // With a heap limit Duktape collects when full, as a fixed heap does: what the app holds alive.
    { name: "the same in the smallest heap the sign-in completes in", ours: h.appInSmallestHeap, unit: "B" },
  ];
}

/** Bytes of the watch's JS (app/*.js in device-<target>.zip inside the .fba), per target. */
export function watchJsSizes(fba: Buffer): { target: string; bytes: number }[] {
  const out: { target: string; bytes: number }[] = [];
  for (const [name, data] of unzip(fba)) {
    const m = /^device-(\w+)\.zip$/.exec(name);
    if (!m) continue;
    let bytes = 0;
    for (const [inner, content] of unzip(data)) if (/^app\/.*\.js$/.test(inner)) bytes += content.length;
    out.push({ target: m[1], bytes });
  }
  return out.sort((a, b) => a.target.localeCompare(b.target));
}

export function keyboardRows(): BenchRow[] {
  const random = lcg(20261126);
  const pick = (s: string) => s.charAt(Math.floor(random() * s.length));
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join("");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

  // Generated: 16 characters uniform over printable ASCII (no leading or trailing space, as Cognito
  // requires), meeting the default policy of one lower, upper, digit and symbol.
  const generated: string[] = [];
  while (generated.length < 2000) {
    let p = "";
    for (let i = 0; i < 16; i++) p += pick(printable);
    if (p.trim() === p && classes.every((c) => c.test(p))) generated.push(p);
  }

  // Chosen by a person: a capitalised word, a number, a symbol ("Summer2024!"), the shape policies invite.
  const words = [
    "summer",
    "dragon",
    "sunshine",
    "football",
    "monkey",
    "shadow",
    "master",
    "coffee",
    "purple",
    "rainbow",
    "winter",
    "garden",
  ];
  const symbols = "!@#$%&*?.";
  const chosen: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const w = words[Math.floor(random() * words.length)];
    let digits = "";
    const n = 2 + Math.floor(random() * 3);
    for (let d = 0; d < n; d++) digits += pick("0123456789");
    chosen.push(w.charAt(0).toUpperCase() + w.slice(1) + digits + pick(symbols));
  }

  const single = tapTable();
  const perChar = single.reduce((sum, r) => sum + r.taps, 0) / single.length;
  return [
    { name: `keyboard taps per char: random 16-char passwords (${PAGES.length} pages)`, ours: meanTapsPerChar(generated), unit: "" },
    { name: "keyboard taps per char: word+digits+symbol passwords", ours: meanTapsPerChar(chosen), unit: "" },
    { name: "keyboard taps per char: one printable char alone", ours: perChar, unit: "" },
  ];
}

/** A seeded generator, so the figures do not move from run to run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The entries of a zip archive (stored or deflated), read from its central directory. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip archive");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("bad zip central directory");
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + compressed);
    const content = method === 0 ? raw : zlib.inflateRawSync(raw);
    if (content.length !== size) throw new Error(`zip entry ${name}: ${content.length} bytes, expected ${size}`);
    entries.set(name, content);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
