// The Zepp profile of the session simulation (devkit/simulation/session-simulation.ts): a week with no
// wake interval, the side service running only while the watch app or the settings are open, woken at
// start and before each watch request. The real SessionManager and client on a fake clock.
import { runSessionSimulation } from "../../devkit/simulation/session-simulation";

for (const [name, tokenLifetimeMs] of [
  ["5-minute", 5 * 60_000],
  ["1-hour", 60 * 60_000],
] as const) {
  test(`Zepp, ${name} tokens: every online watch request served with a valid token, no early refresh, no wake`, async () => {
    for (const seed of [1, 2, 3]) {
      const r = await runSessionSimulation({ seed, tokenLifetimeMs, platform: "zepp", days: 3 });
      expect(r.misses).toEqual([]);
      expect(r.onlineRequests).toBeGreaterThan(50);
      expect(r.validSharePercent).toBe(100);
      expect(r.earlyRefreshes).toBe(0);
      expect(r.wakes).toBe(0);
      // The side service stopped after (nearly) every opening: it did not run in between.
      expect(r.closes).toBeGreaterThanOrEqual(r.launches - r.kills);
      expect(r.signedOut).toBe(false);
      // Fewer refreshes than lifetimes: none while the app is closed.
      expect(r.refreshesPerLifetime).toBeLessThan(1);
    }
  });
}
