// The Zepp build (scripts/build-zepp.js) as `npm run build` runs it, on a copy of the sources in a temporary
// folder, so the tree and its build/ stay untouched: the copy built with no network (in a network namespace
// of its own where the machine allows one), then the .zab taken apart; and a copy with a type error, which
// must fail the build by its exit code before zeus runs.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unzip } from "../../bench/watch.bench";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts", "build-zepp.js");

interface Product {
  deviceSource: number[];
  shape: string;
  screen: string;
}
interface Manifest {
  zpks: { name: string; platforms: { screenType: string; screenResolution: string }[] }[];
}

/** The checkout as it stands (what the build reads: zepp/, and whatever it imports), without node_modules,
 *  which is linked, and without build/ and the repository's history. */
function copySources(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zepp-build-"));
  const skip = new Set(["node_modules", "build", ".git", "coverage", ".cognito"]);
  for (const part of fs.readdirSync(ROOT)) if (!skip.has(part)) fs.cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** `unshare -n` (a network namespace with no interface up) where this user may make one, as CI's root may. */
const offline = spawnSync("unshare", ["-n", "true"]).status === 0;

function buildZepp(root: string) {
  const [command, args] = offline ? ["unshare", ["-n", process.execPath]] : [process.execPath, []];
  return spawnSync(command, [...args, SCRIPT, "--root", root], { encoding: "utf8", timeout: 280_000 });
}

describe(`the Zepp build${offline ? ", with no network" : " (this user cannot take the network away: built as is)"}`, () => {
  let dir: string;
  let zab: Map<string, Buffer>;
  let manifest: Manifest;
  const products: Product[] = JSON.parse(fs.readFileSync(path.join(ROOT, "zepp", "devices.json"), "utf8")).devices;
  const appJson = JSON.parse(fs.readFileSync(path.join(ROOT, "zepp", "app.json"), "utf8"));

  beforeAll(() => {
    dir = copySources();
    const run = buildZepp(dir);
    if (run.status !== 0) throw new Error(`build-zepp exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
    zab = unzip(fs.readFileSync(path.join(dir, "build", "fitbit-cognito.zab")));
    manifest = JSON.parse(zab.get("manifest.json")!.toString("utf8"));
  }, 300_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Every .zpk with its two inner archives opened. */
  function packages() {
    return manifest.zpks.map((z) => {
      const zpk = unzip(zab.get(z.name)!);
      return { ...z, device: unzip(zpk.get("device.zip")!), side: unzip(zpk.get("app-side.zip")!) };
    });
  }

  test("a package for each screen family the page is laid out for, and none for any other", () => {
    const families = new Set(manifest.zpks.map((z) => z.platforms.map((p) => `${p.screenType} ${p.screenResolution}`).join()));
    expect([...families].sort()).toEqual(["round 454x454", "round 466x466", "round 480x480", "square 320x380", "square 390x450"]);
    for (const z of manifest.zpks) expect(zab.has(z.name)).toBe(true);
  });

  test("each package holds device bytecode (app.bin, a .bin per page) and the side service with the settings page", () => {
    const pages: string[] = appJson.targets.round.module.page.pages;
    for (const p of packages()) {
      expect(p.device.has("app.json")).toBe(true);
      expect(p.device.get("app.bin")!.length).toBeGreaterThan(0);
      for (const page of pages) expect(p.device.get(`${page}.bin`)!.length).toBeGreaterThan(0);
      // Bytecode only on the watch: no script left beside it.
      expect([...p.device.keys()].filter((n) => n.endsWith(".js"))).toEqual([]);
      expect(p.side.get("app-side.js")!.length).toBeGreaterThan(0);
      expect(p.side.get("setting.js")!.length).toBeGreaterThan(0);
    }
  });

  test("no sources: the .ip-package is pruned and no .ts file is anywhere inside", () => {
    expect(zab.has(".ip-package")).toBe(false);
    const names = [...zab.keys()];
    for (const p of packages()) names.push(...p.device.keys(), ...p.side.keys());
    expect(names.filter((n) => /\.tsx?$/.test(n) || n.includes(".ip-package"))).toEqual([]);
  });

  test("the side service carries the Cognito client (and the page does not)", () => {
    for (const p of packages()) {
      const side = p.side.get("app-side.js")!.toString("utf8");
      // Cognito's wire names: the client itself, not an import of one (the names missing are listed, not the file).
      const wire = [
        "AWSCognitoIdentityProviderService",
        "InitiateAuth",
        "RespondToAuthChallenge",
        "GetTokensFromRefreshToken",
        "RevokeToken",
      ];
      expect(wire.filter((name) => !side.includes(name))).toEqual([]);
      expect(side.includes("require(")).toBe(false);
      expect(p.device.get("page/index.bin")!.includes("AWSCognitoIdentityProviderService")).toBe(false);
    }
  });

  test("every device of zepp/devices.json on those screens is listed by its deviceSource, in the package of its screen", () => {
    const listed = new Map<number, string>();
    for (const p of packages()) {
      const device = JSON.parse(p.device.get("app.json")!.toString("utf8"));
      const family = `${p.platforms[0].screenType} ${p.platforms[0].screenResolution}`;
      for (const platform of device.platforms) listed.set(platform.deviceSource, family);
    }
    const built = new Set(["round 454x454", "round 466x466", "round 480x480", "square 320x380", "square 390x450"]);
    const expected = new Map<number, string>();
    for (const d of products) {
      const family = `${d.shape} ${d.screen.replace("*", "x")}`;
      if (built.has(family)) for (const s of d.deviceSource) expected.set(s, family);
    }
    expect(expected.size).toBeGreaterThan(40);
    expect(new Map([...listed].sort())).toEqual(new Map([...expected].sort()));
  });

  test("the page's words are the watch's message IDs and the Zepp page's own, compiled into the device's locale", () => {
    for (const p of packages()) {
      const locale = p.device.get("assets/raw/locale/en-US.btxt")!.toString("utf8");
      // A message ID from app/i18n/en-US.po and one from zepp/i18n/page-words.po, by their words.
      expect(locale).toContain("Waiting for the Zepp app on your phone");
      expect(locale).toContain(firstMsgstr(path.join(ROOT, "app", "i18n", "en-US.po")));
    }
  });
});

test("a type error in a copy of zepp/ fails the build by its exit code, before zeus runs", () => {
  const dir = copySources();
  try {
    fs.appendFileSync(path.join(dir, "zepp", "app.ts"), '\nexport const wrong: number = "not a number";\n');
    const run = buildZepp(dir);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain("TS2322");
    expect(run.stderr).toContain("build-zepp: tsc -p zepp failed");
    expect(fs.existsSync(path.join(dir, "build", "fitbit-cognito.zab"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "build", "zepp-project"))).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

/** The first non-empty translation in a .po file. */
function firstMsgstr(file: string): string {
  const m = /^msgstr "(.+)"$/m.exec(fs.readFileSync(file, "utf8"));
  if (!m) throw new Error(`no msgstr in ${file}`);
  return m[1];
}
