// When a refresh is due and how long a failed one waits.
import { backoffDelay, isDue, isUsable, refreshDueAt, refreshMargin } from "../../../core/session/timing";
import { StoredSession } from "../../../core/session/stored-session";

const tokens = (receivedAt: number, lifetimeMs: number) => ({ receivedAt, expiresAt: receivedAt + lifetimeMs }) as StoredSession;

test("the margin keeps refreshes per lifetime at or below about 1.04, and covers whole-second claims", () => {
  for (const lifetime of [300_000, 3_600_000, 86_400_000]) {
    const margin = refreshMargin(tokens(0, lifetime));
    expect(margin).toBeGreaterThan(1000);
    expect(lifetime / (lifetime - margin)).toBeLessThanOrEqual(1.04);
  }
  expect(refreshMargin(tokens(0, 300_000))).toBe(11_000);
  expect(refreshMargin(tokens(0, 3_600_000))).toBe(61_000);
  // Never more than half a lifetime, so a tiny lifetime cannot make a fresh token due at once.
  expect(refreshMargin(tokens(0, 2_000))).toBe(1_000);
});

test("due and usable", () => {
  const s = tokens(10_000, 300_000);
  expect(isDue(s, 10_000)).toBe(false);
  expect(isDue(s, refreshDueAt(s) - 1)).toBe(false);
  expect(isDue(s, refreshDueAt(s))).toBe(true);
  expect(isUsable(s, refreshDueAt(s))).toBe(true);
  expect(isUsable(s, s.expiresAt - 1500)).toBe(false);
  // A clock set back before the receipt time: expiry cannot be trusted.
  expect(isDue(s, 5_000)).toBe(true);
  expect(isUsable(s, 5_000)).toBe(false);
});

test("backoff doubles up to its cap, with half of each step random", () => {
  const backoff = { baseMs: 1000, capMs: 8000 };
  expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 0, backoff))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 1, backoff))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
});
