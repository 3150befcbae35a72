#!/usr/bin/env node
// The Zepp OS build (run by scripts/build.js after Fitbit's): build/fitbit-cognito.zab from zepp/, offline
// and without a Zepp account. zeus-cli (Zepp's build tool) takes neither TypeScript nor an offline machine,
// so this script does what it cannot:
//   1. type-checks zepp/ (a type error stops the build with a non-zero exit, as on Fitbit);
//   2. bundles each entry app.json names (zepp/<entry>.ts, with the core, common/ and zml inside; @zos/* left
//      to the runtime) with esbuild into a zeus project generated under build/zepp-project/, beside app.json,
//      the icon for every screen zeus builds for, and the words (app/i18n + zepp/i18n);
//   3. seeds zeus's device cache from zepp/devices.json into build/zepp-home/.zepp/ and runs zeus with HOME
//      there, so it neither downloads its list (out of reach offline) nor touches the user's ~/.zepp;
//   4. `zeus build`, then `zeus prune` (the .zab otherwise carries an .ip-package of our raw sources), checked,
//      and the result copied to build/fitbit-cognito.zab.
// `--root <dir>` builds another checkout (tests/zepp/build.test.ts builds copies: as is, and with a type error).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(argument("--root") || path.join(__dirname, ".."));
const zepp = path.join(root, "zepp");
const build = path.join(root, "build");
const project = path.join(build, "zepp-project");
const home = path.join(build, "zepp-home");
const output = path.join(build, "fitbit-cognito.zab");
// Resolved from this script's checkout: a --root copy need not carry node_modules.
const tools = path.resolve(__dirname, "..");
const zeus = require.resolve("@zeppos/zeus-cli/bin/main.js", { paths: [tools] });

function argument(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

/** Stops the build saying what failed, with the failing step's exit code. */
function fail(message, status = 1) {
  console.error(`build-zepp: ${message}`);
  process.exit(status || 1);
}

function run(what, args, options = {}) {
  const r = spawnSync(process.execPath, args, { stdio: "inherit", ...options });
  if (r.status !== 0) fail(`${what} failed${r.error ? `: ${r.error.message}` : ""}`, r.status);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

// 1. Types first: esbuild only strips them.
run("tsc -p zepp", [require.resolve("typescript/bin/tsc", { paths: [tools] }), "-p", zepp, "--noEmit"]);

const appJson = readJson(path.join(zepp, "app.json"));
fs.rmSync(project, { recursive: true, force: true });
fs.rmSync(output, { force: true });
fs.mkdirSync(project, { recursive: true });

// 2. The entries: app.js, and each target's pages, side service and settings page, once each.
const entries = new Set(["app"]);
for (const target of Object.values(appJson.targets)) {
  const m = target.module || {};
  for (const page of (m.page && m.page.pages) || []) entries.add(page);
  if (m["app-side"]) entries.add(m["app-side"].path);
  if (m.setting) entries.add(m.setting.path);
}
const esbuild = require(require.resolve("esbuild", { paths: [tools] }));
for (const entry of entries) {
  const source = path.join(zepp, `${entry}.ts`);
  if (!fs.existsSync(source)) fail(`zepp/${entry}.ts is missing (zepp/app.json names ${entry})`);
  // ES2015 modules: zeus's own bundler takes JavaScript only, and compiles the device's to bytecode itself.
  esbuild.buildSync({
    entryPoints: [source],
    outfile: path.join(project, `${entry}.js`),
    bundle: true,
    format: "esm",
    target: "es2015",
    // The runtime's modules: the device's @zos/*, and the Settings App's `i18n` (its gettext).
    external: ["@zos/*", "i18n"],
    logLevel: "warning",
  });
}
fs.copyFileSync(path.join(zepp, "app.json"), path.join(project, "app.json"));

// The icon (and any other asset) in each folder zeus looks in: assets/<target>.<layout>, the layout being what
// the platform selects by (`<sr>-<st>` when it gives both, as ours do).
for (const [name, target] of Object.entries(appJson.targets)) {
  for (const p of target.platforms) {
    const layout = p.st && p.sr ? `${p.sr}-${p.st}` : p.sr || p.st;
    const dir = path.join(project, "assets", layout ? `${name}.${layout}` : name);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of fs.readdirSync(path.join(zepp, "assets"))) fs.copyFileSync(path.join(zepp, "assets", file), path.join(dir, file));
  }
}

// The words, by the watch's message IDs as on Fitbit (app/i18n/<locale>.po): the page's (page/i18n/), followed
// in the default language by the Zepp page's own (zepp/i18n/page-words.po: what Fitbit's index.view writes
// itself), and the Settings App page's (setting/i18n/, which zeus compiles for its `i18n` module's gettext).
const extra = path.join(zepp, "i18n", "page-words.po");
for (const po of fs.readdirSync(path.join(root, "app", "i18n")).filter((f) => f.endsWith(".po"))) {
  const words = fs.readFileSync(path.join(root, "app", "i18n", po), "utf8");
  const own = po === `${appJson.defaultLanguage}.po` && fs.existsSync(extra) ? "\n" + fs.readFileSync(extra, "utf8") : "";
  for (const [folder, text] of [
    ["page", words + own],
    ["setting", words],
  ]) {
    fs.mkdirSync(path.join(project, folder, "i18n"), { recursive: true });
    fs.writeFileSync(path.join(project, folder, "i18n", po), text);
  }
}

// 3. zeus's device cache, as its download would write it (its version, an expiry it will not reach), and the
// .zeus_version beside it, without which zeus empties the cache before reading it.
const zeusVersion = readJson(require.resolve("@zeppos/zeus-cli/package.json", { paths: [tools] })).version;
fs.rmSync(home, { recursive: true, force: true });
fs.mkdirSync(path.join(home, ".zepp"), { recursive: true });
fs.writeFileSync(path.join(home, ".zepp", ".zeus_version"), zeusVersion);
fs.writeFileSync(
  path.join(home, ".zepp", ".zeus_devices"),
  JSON.stringify({
    devices: zeusDevices(readJson(path.join(zepp, "devices.json")).devices),
    devices_beta: [],
    expiredTime: 4102444800000,
    version: zeusVersion,
  }),
);

/** zepp/devices.json (one line per product) as zeus's cache lists devices: one entry per deviceSource. zeus's
 *  packager wants a product id and version and only prints them: ours are the deviceSource's high and low 16
 *  bits (Balance 8519936 = 0x82 << 16 | 0x100), which is how the numbers read, not something Zepp documents. */
function zeusDevices(products) {
  return products.flatMap((p) =>
    p.deviceSource.map((source, i) => {
      const code = i === 0 ? p.code : `${p.code}-${i}`;
      return {
        deviceSource: source,
        productName: p.productName,
        code,
        value: {
          code,
          productId: source >>> 16,
          productVersion: source & 0xffff,
          shape: p.shape,
          chip: { manufacturer: p.chip.toUpperCase() },
          screen: { size: p.screen, iconSize: p.iconSize },
          os: { apiLevel: p.apiLevel, version: p.apiLevel },
        },
      };
    }),
  );
}

// 4. zeus itself. It finds its private zeppos-app-utils through package.json's _moduleAliases (module-alias
// reads the package.json above the node_modules it is in, whatever folder zeus runs from). HOME is ours; and zeus posts a usage event to Zepp on every command, so its HTTP goes to a
// closed local port: the build needs no network, and says nothing about the machine to anyone.
const env = {
  ...process.env,
  HOME: home,
  USERPROFILE: home,
  HTTP_PROXY: "http://127.0.0.1:9",
  HTTPS_PROXY: "http://127.0.0.1:9",
  NO_PROXY: "",
};
for (const k of ["http_proxy", "https_proxy", "no_proxy"]) delete env[k];
run("zeus build", [zeus, "build"], { cwd: project, env });
const dist = path.join(project, "dist");
const built = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith(".zab")) : [];
if (built.length !== 1) fail(`zeus build wrote ${built.length} .zab files in ${dist}, not one`);
run("zeus prune", [zeus, "prune", "--ip"], { cwd: project, env });
const zab = fs.readFileSync(path.join(dist, built[0]));
const names = zipNames(zab);
if (names.includes(".ip-package")) fail("zeus prune left the .ip-package (our raw sources) in the .zab");
if (!names.some((n) => n.endsWith(".zpk"))) fail("the .zab holds no .zpk");
fs.writeFileSync(output, zab);
console.log(`build-zepp: ${path.relative(root, output)} (${zab.length} B: ${names.filter((n) => n.endsWith(".zpk")).length} packages)`);

/** The names in a zip's central directory (enough to check what zeus prune left). */
function zipNames(zip) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) fail("zeus wrote something that is not a zip archive");
  const names = [];
  for (let i = 0, at = zip.readUInt32LE(end + 16); i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}
