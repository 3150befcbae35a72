// The session file's writes, in-process on real files: the temporary copy of the tokens never goes
// where someone could have put something first (a name known in advance, a link planted at it), and a
// write that fails leaves no copy behind. And what the file remembers of where it was signed in (FIPS
// included, which no test here can reach) reads back as written.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deviceBook, tokenStore } from "../../../core/session";
import { StoredSession } from "../../../core/session";
import { openSessionFile, sessionFileStore, sessionInFile } from "../../../cli/session-file";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fitbit-cognito-session-file-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const session: StoredSession = {
  v: 1,
  userPoolId: "eu-west-1_Ab1",
  clientId: "abc",
  username: "ann",
  refreshToken: "refresh-secret",
  accessToken: "access-secret",
  idToken: "id-secret",
  expiresAt: Date.now() + 3600_000,
  receivedAt: Date.now(),
  skewMs: 0,
};

test("the temporary file is never one planted in advance: a link at the old, predictable name gets nothing", () => {
  const file = path.join(dir, "ann.json");
  const trap = path.join(dir, "trap");
  // The name earlier versions used, for this process: .<name>.<pid>.tmp
  fs.symlinkSync(trap, path.join(dir, `.ann.json.${process.pid}.tmp`));
  tokenStore(sessionFileStore(openSessionFile(file), {})).save(session);
  expect(fs.existsSync(trap)).toBe(false);
  expect(fs.lstatSync(file).isFile()).toBe(true);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(tokenStore(sessionFileStore(openSessionFile(file), {})).load()).toEqual(session);
});

test("a write that fails leaves no temporary copy of the tokens beside the file", () => {
  const file = path.join(dir, "ann.json");
  const opened = openSessionFile(file);
  // Between the read and the write, the name becomes a directory: the rename onto it fails.
  fs.mkdirSync(file);
  const store = sessionFileStore(opened, {});
  expect(() => tokenStore(store).save(session)).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
  expect(store.writeFailure()).toBeDefined();
  expect(fs.readdirSync(dir)).toEqual(["ann.json"]);
  expect(fs.readdirSync(file)).toEqual([]);
});

test("where the sessions were signed in reads back as written: an endpoint, or AWS's FIPS endpoint", () => {
  for (const origin of [{ endpoint: "http://127.0.0.1:9229" }, { fips: true }, {}]) {
    const file = path.join(dir, `${Object.keys(origin).join("-") || "aws"}.json`);
    tokenStore(sessionFileStore(openSessionFile(file), origin)).save(session);
    const opened = openSessionFile(file);
    expect(opened.origin).toEqual(origin);
    expect(opened.exists).toBe(true);
  }
});

test("remembered devices live in the file beside the session, outlive it, and leave with the last of them", () => {
  const file = path.join(dir, "ann.json");
  const device = { deviceKey: "eu-west-1_k1", deviceGroupKey: "-g1", randomPassword: "device-secret" };
  const store = sessionFileStore(openSessionFile(file), {});
  deviceBook(store).keep(session.userPoolId, "ann", "ann", device);
  tokenStore(store).save({ ...session, deviceKey: device.deviceKey });
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);

  const reopened = sessionFileStore(openSessionFile(file), {});
  expect(deviceBook(reopened).find(session.userPoolId, "ann")).toEqual(device);
  expect(sessionInFile(openSessionFile(file)).deviceKey).toBe(device.deviceKey);

  // Signed out: the session's records go, the device stays for the next login, and the file says so.
  for (const key of Object.keys(JSON.parse(fs.readFileSync(file, "utf8"))))
    if (key.startsWith("cognito.session.")) reopened.removeItem(key);
  expect(() => sessionInFile(openSessionFile(file))).toThrow(`session file ${file} holds no session (signed out): sign in first`);
  expect(deviceBook(sessionFileStore(openSessionFile(file), {})).find(session.userPoolId, "ann")).toEqual(device);

  deviceBook(sessionFileStore(openSessionFile(file), {})).forget(session.userPoolId, device.deviceKey);
  expect(fs.existsSync(file)).toBe(false);
});

test("a key that is neither the token store's nor the device book's still makes the file not a session file", () => {
  const file = path.join(dir, "other.json");
  fs.writeFileSync(file, JSON.stringify({ "cognito.devices": "[]", "cognito.devicesX": "[]" }));
  expect(() => openSessionFile(file)).toThrow(/is not a session file of fitbit-cognito/);
});
