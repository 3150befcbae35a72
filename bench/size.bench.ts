// Size, side by side with the library people use today: companion.js as the Fitbit build ships it (in
// build/app.fba, every flow in it), and our Cognito client alone, against amazon-cognito-identity-js
// bundled and minified with esbuild for what an app needs of it: sign-in (SRP and password, with
// challenges) and refresh. Raw and gzip bytes. Then the Zepp build's (build/fitbit-cognito.zab): the whole
// .zab, app-side.js (the side service with the same client), and the watch's bytecode per screen family.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { build } from "esbuild";
import { unzip } from "./watch.bench";

const ROOT = path.resolve(__dirname, "..");
const FBA = path.join(ROOT, "build", "app.fba");
const ZAB = path.join(ROOT, "build", "fitbit-cognito.zab");

// What an app imports from amazon-cognito-identity-js to sign in and refresh.
const THEIRS = `
import { AuthenticationDetails, CognitoUser, CognitoUserPool, CognitoRefreshToken } from "amazon-cognito-identity-js";
export function signIn(poolId, clientId, username, password, callbacks) {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId });
  const user = new CognitoUser({ Username: username, Pool: pool });
  user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks);
  return user;
}
export function refresh(user, token, cb) { user.refreshSession(new CognitoRefreshToken({ RefreshToken: token }), cb); }
`;

// Our Cognito client alone, used the same way.
const OURS = `
import { cognitoClient } from "./core/cognito";
export function signIn(userPoolId, clientId, username, password) {
  return cognitoClient({ userPoolId, clientId }).signIn(username, password);
}
export function refresh(client, token, username) { return client.refresh(token, username); }
`;

async function bundle(source: string, resolveDir: string, platform: "browser" | "neutral"): Promise<Buffer> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform,
    target: "es2015",
    logLevel: "silent",
  });
  return Buffer.from(result.outputFiles[0].contents);
}

export default async function run() {
  const built = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.js")], { cwd: ROOT, stdio: "ignore" });
  if (built.status !== 0) throw new Error("npm run build failed");
  const companionZip = unzip(fs.readFileSync(FBA)).get("companion.zip");
  const companionJs = companionZip && unzip(companionZip).get("companion.js");
  if (!companionJs) throw new Error("no companion.js in build/app.fba");
  const theirs = await bundle(THEIRS, ROOT, "browser");
  const client = await bundle(OURS, ROOT, "neutral");
  const gz = (b: Buffer) => zlib.gzipSync(b, { level: 9 }).length;
  const label = "amazon-cognito-identity-js";
  return [
    {
      name: "companion.js in app.fba (every flow, session, watch link)",
      ours: companionJs.length,
      theirs: theirs.length,
      theirsLabel: label,
      unit: "B",
      goal: "≤ 0.2x",
    },
    { name: "  the same, gzip", ours: gz(companionJs), theirs: gz(theirs), theirsLabel: label, unit: "B" },
    {
      name: "Cognito client alone (sign-in incl. SRP, challenges, refresh)",
      ours: client.length,
      theirs: theirs.length,
      theirsLabel: label,
      unit: "B",
    },
    { name: "  the same, gzip", ours: gz(client), theirs: gz(theirs), theirsLabel: label, unit: "B" },
    ...zeppRows(fs.readFileSync(ZAB), gz),
  ];
}

/** The Zepp build in bytes: the .zab; app-side.js, the same in every package (the largest is shown); and
 *  the device bytecode (app.bin and the page .bin files) of each screen family, the largest of its packages
 *  where zeus makes one per chip. */
export function zeppRows(zab: Buffer, gz: (b: Buffer) => number) {
  const entries = unzip(zab);
  const manifest: { zpks: { name: string; platforms: { screenType: string; screenResolution: string }[] }[] } = JSON.parse(
    entries.get("manifest.json")!.toString("utf8"),
  );
  let side = Buffer.alloc(0);
  const bytecode = new Map<string, number>();
  for (const z of manifest.zpks) {
    const zpk = unzip(entries.get(z.name)!);
    const js = unzip(zpk.get("app-side.zip")!).get("app-side.js")!;
    if (js.length > side.length) side = js;
    let bin = 0;
    for (const [name, data] of unzip(zpk.get("device.zip")!)) if (name.endsWith(".bin")) bin += data.length;
    const family = `${z.platforms[0].screenType} ${z.platforms[0].screenResolution}`;
    bytecode.set(family, Math.max(bin, bytecode.get(family) || 0));
  }
  return [
    {
      name: `fitbit-cognito.zab (${manifest.zpks.length} packages, ${bytecode.size} screen families)`,
      ours: zab.length,
      unit: "B" as const,
    },
    { name: "app-side.js in the .zab (Zepp side service: client, session, links)", ours: side.length, unit: "B" as const },
    { name: "  the same, gzip", ours: gz(side), unit: "B" as const },
    ...[...bytecode]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([family, bytes]) => ({ name: `Zepp device bytecode (app.bin + pages), ${family}`, ours: bytes, unit: "B" as const })),
  ];
}
