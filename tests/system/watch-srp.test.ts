// SRP from the watch, end to end, against the SRP verifier test server: the watch asks the companion
// to precompute A when the wearer starts typing, the sign-in uses that A, the password never leaves
// the phone.
import { SETTING } from "../../common/settings-keys";
import { ID } from "../../core/watch";
import { submitText } from "../../devkit/fakes/device/wearer";
import { startSrpVerifierServer, SrpVerifierServer } from "../support/srp-verifier-server";
import { startWatchSystem } from "../../devkit/watch-system";

let server: SrpVerifierServer;
beforeAll(async () => {
  server = await startSrpVerifierServer({
    users: [{ username: "fay", password: "Fay-pw 42!" }],
    poolId: "us-east-1_SrpWatch",
    clientId: "srpwatchclient",
  });
});
afterAll(() => server && server.close());

test("auto flow: SRP with A precomputed while the wearer typed", async () => {
  const s = startWatchSystem({
    [SETTING.userPoolId]: "us-east-1_SrpWatch",
    [SETTING.clientId]: "srpwatchclient",
    [SETTING.endpoint]: server.endpoint,
    [SETTING.username]: "fay",
  });
  await s.reach("signedOut");
  s.watch.doc.tap(ID.signIn);
  await s.reach("keyboard");
  submitText(s.watch.doc, "Fay-pw 42!");
  await s.reach("signedIn");
  const types = s.channel.log.filter((m) => m.from === "device").map((m) => (m.data as { t: string }).t);
  expect(types.indexOf("prepare")).toBeGreaterThanOrEqual(0);
  expect(types.indexOf("prepare")).toBeLessThan(types.indexOf("signIn"));
  const initiate = server.requests.filter((r) => r.action === "InitiateAuth");
  expect(initiate[initiate.length - 1].body.AuthFlow).toBe("USER_SRP_AUTH");
  expect(JSON.stringify(server.requests)).not.toContain("Fay-pw");
  s.companion.session.dispose();
});
