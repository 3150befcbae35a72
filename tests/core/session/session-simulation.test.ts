// Issue 4's proof by simulation: seven simulated days of wakes, kills, offline spells and watch requests
// (see devkit/simulation/session-simulation.ts), for 5-minute and 1-hour tokens, over several seeds.
import { runSessionSimulation } from "../../../devkit/simulation/session-simulation";

const LIFETIMES = [
  ["5 minutes", 5 * 60_000],
  ["1 hour", 60 * 60_000],
] as const;

describe.each(LIFETIMES)("%s tokens, 7 days", (_name, tokenLifetimeMs) => {
  test.each([1, 2, 3])(
    "seed %i: every online request served with a valid token, ≤ 1.05 refreshes per lifetime, none early",
    async (seed) => {
      const r = await runSessionSimulation({ seed, tokenLifetimeMs });
      // The week is really there: wakes, launches, kills, offline spells and requests both ways.
      expect(r.wakes).toBeGreaterThan(400);
      expect(r.kills).toBeGreaterThan(50);
      expect(r.offlineHours).toBeGreaterThan(5);
      expect(r.onlineRequests).toBeGreaterThan(300);
      expect(r.watchRequests).toBeGreaterThan(r.onlineRequests);
      expect(r.misses).toEqual([]);
      expect(r.validSharePercent).toBe(100);
      expect(r.refreshesPerLifetime).toBeLessThanOrEqual(1.05);
      expect(r.refreshesPerLifetime).toBeGreaterThan(0.5);
      expect(r.earlyRefreshes).toBe(0);
      expect(r.signedOut).toBe(false);
    },
  );
});

test("the same seed gives the same week", async () => {
  const a = await runSessionSimulation({ seed: 7, tokenLifetimeMs: 60 * 60_000, days: 2 });
  const b = await runSessionSimulation({ seed: 7, tokenLifetimeMs: 60 * 60_000, days: 2 });
  expect(b).toEqual(a);
});

test("without rotation and with the phone's clock ahead of Cognito's, the goals hold too", async () => {
  const r = await runSessionSimulation({ seed: 4, tokenLifetimeMs: 5 * 60_000, rotation: false, serverSkewMs: 600_000 });
  expect(r.validSharePercent).toBe(100);
  expect(r.refreshesPerLifetime).toBeLessThanOrEqual(1.05);
  expect(r.earlyRefreshes).toBe(0);
});

test("the most refreshes the margin can cost: a companion never killed and never offline", async () => {
  for (const [lifetime, most] of [
    [5 * 60_000, 300 / 289],
    [60 * 60_000, 3600 / 3539],
  ]) {
    const r = await runSessionSimulation({ seed: 5, tokenLifetimeMs: lifetime, kills: false, offline: false });
    expect(r.kills).toBe(0);
    expect(r.offlineHours).toBe(0);
    expect(r.validSharePercent).toBe(100);
    // One refresh every lifetime less its margin (and a little for latency), and no more.
    expect(r.refreshesPerLifetime).toBeGreaterThan(most - 0.01);
    expect(r.refreshesPerLifetime).toBeLessThanOrEqual(most + 0.005);
    expect(r.refreshesPerLifetime).toBeLessThanOrEqual(1.05);
  }
});
