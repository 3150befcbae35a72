// A clock and timers that move only when told, for the session tests and the week-long simulation.
// Timers fire in time order as the clock passes them; promise work started by a timer is let run
// (one macrotask turn) before the next fires, which is enough for in-process fakes.

export interface FakeClock {
  now(): number;
  readonly timers: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
  /** Moves time forward, firing every timer due on the way. */
  advance(ms: number): Promise<void>;
  /** Moves time without firing anything (work inside a request, a sleeping phone). */
  jump(ms: number): void;
  /** When the next timer fires, if any. */
  nextTimerAt(): number | undefined;
  /** Drops every timer (the process they belonged to was killed). */
  dropTimers(): void;
}

export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function fakeClock(start = Date.UTC(2026, 0, 5, 8, 0, 0)): FakeClock {
  let now = start;
  let serial = 0;
  let pending: { id: number; at: number; fn: () => void }[] = [];
  const clock: FakeClock = {
    now: () => now,
    timers: {
      set(fn, ms) {
        const id = ++serial;
        pending.push({ id, at: now + Math.max(0, ms), fn });
        return id;
      },
      clear(handle) {
        pending = pending.filter((t) => t.id !== handle);
      },
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        await settle();
        const next = pending.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!next) break;
        pending = pending.filter((t) => t !== next);
        now = Math.max(now, next.at);
        next.fn();
      }
      now = Math.max(now, target);
      await settle();
    },
    jump(ms) {
      now += ms;
    },
    nextTimerAt() {
      return pending.length ? Math.min(...pending.map((t) => t.at)) : undefined;
    },
    dropTimers() {
      pending = [];
    },
  };
  return clock;
}
