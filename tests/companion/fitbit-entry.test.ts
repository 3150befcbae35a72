// companion/index.ts on the Fitbit modules (faked: messaging, settings, local-storage, companion): the
// wake interval is asked for, a stored session survives a companion restart and is shown to the
// watch on hello, and a wake with a token due refreshes it against cognito-local.
import { MESSAGE_BUDGET } from "../../common/limits";
import { SETTING } from "../../common/settings-keys";
import { decodeToWatch, encodeToCompanion } from "../../common/protocol";
import { cognitoClient } from "../../core/cognito";
import { tokenStore } from "../../core/session";
import { sessionFromSignIn } from "../../core/session";
import { startTestPool, TestPool } from "../../devkit/cognito-pool";

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool();
});
afterAll(() => pool && pool.stop());

test("index.ts: wake interval, the stored session on hello, a refresh on wake", async () => {
  const user = await pool.confirmedUser();
  const client = cognitoClient({ userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint });
  const step = await client.signIn(user.username, user.password, { flow: "password" });
  if (step.kind !== "signedIn") throw new Error("expected tokens");
  // A session whose tokens expire in 1 s: inside the refresh margin, so due, and still usable.
  const stored = { ...sessionFromSignIn(client.config, user.username, step.tokens), expiresAt: Date.now() + 1000 };

  await jest.isolateModulesAsync(async () => {
    const { localStorage } = require("local-storage");
    const { settingsStorage } = require("settings");
    const { me } = require("companion");
    const { channel } = require("messaging");
    tokenStore(localStorage).save(stored);
    for (const [k, v] of [
      [SETTING.userPoolId, pool.userPoolId],
      [SETTING.clientId, pool.clientId],
      [SETTING.endpoint, pool.endpoint],
    ])
      settingsStorage.setItem(k, JSON.stringify({ name: v }));
    me.launchReasons = { wokenUp: true };

    const { companion } = require("../../companion/index");
    expect(me.wakeInterval).toBe(5 * 60 * 1000);

    const received: any[] = [];
    channel.device.onmessage = (e: { data: unknown }) => received.push(decodeToWatch(e.data));
    channel.open();
    channel.device.send(encodeToCompanion({ t: "hello" }, MESSAGE_BUDGET));
    await channel.idle();
    expect(received[received.length - 1]).toMatchObject({ t: "state", view: { s: "signedIn", user: user.username } });

    // The launch was a wake: the due refresh happens without any request from the watch.
    const deadline = Date.now() + 8000;
    while (tokenStore(localStorage).load()!.accessToken === stored.accessToken) {
      if (Date.now() > deadline) throw new Error("no refresh on wake");
      await new Promise((r) => setTimeout(r, 20));
    }
    me.fire("wakeinterval"); // and a later wake finds nothing due, without trouble
    await channel.idle();
    channel.reset();
    companion.session.dispose();
  });
});
