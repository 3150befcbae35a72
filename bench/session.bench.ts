// Issue 4's simulation figures: seven simulated days of wakes (5–30 min apart), companion kills, offline
// spells and watch requests, with 5-minute and 1-hour tokens and refresh-token rotation (see
// devkit/simulation/session-simulation.ts). Printed: the share of watch requests made while online whose
// first attempt carried a valid token, and refresh requests per token lifetime, both for the full week
// and for a companion never killed and never offline (the most the refresh margin can cost). Beside them,
// issue 14's Zepp profile of the same week: no wake interval, the side service running only while the
// watch app or the settings are open, woken at start and before each watch request.
import { runSessionSimulation } from "../devkit/simulation/session-simulation";

const LIFETIMES: [string, number][] = [
  ["5 min", 5 * 60_000],
  ["1 h", 60 * 60_000],
];

export default async function run() {
  const rows = [];
  for (const [name, tokenLifetimeMs] of LIFETIMES) {
    const week = await runSessionSimulation({ seed: 1, tokenLifetimeMs });
    const awake = await runSessionSimulation({ seed: 1, tokenLifetimeMs, kills: false, offline: false });
    const zepp = await runSessionSimulation({ seed: 1, tokenLifetimeMs, platform: "zepp" });
    rows.push(
      {
        name: `session sim, ${name} tokens: online watch requests with a valid token (${week.servedValid}/${week.onlineRequests})`,
        ours: week.validSharePercent,
        unit: "%" as const,
        goal: "100 %",
      },
      {
        name: `session sim, ${name} tokens: refreshes per token lifetime (${week.refreshes} in 7 days, ${week.earlyRefreshes} early)`,
        ours: week.refreshesPerLifetime,
        unit: "" as const,
        goal: "<= 1.05",
      },
      {
        name: `session sim, ${name} tokens, never killed or offline: refreshes per token lifetime`,
        ours: awake.refreshesPerLifetime,
        unit: "" as const,
        goal: "<= 1.05",
      },
      {
        name: `session sim, Zepp (no wake interval), ${name} tokens: online watch requests with a valid token (${zepp.servedValid}/${zepp.onlineRequests})`,
        ours: zepp.validSharePercent,
        unit: "%" as const,
        goal: "100 %",
      },
      {
        name: `session sim, Zepp, ${name} tokens: refreshes per token lifetime (${zepp.refreshes} in 7 days over ${zepp.launches} side-service runs, ${zepp.earlyRefreshes} early)`,
        ours: zepp.refreshesPerLifetime,
        unit: "" as const,
        goal: "<= 1.05",
      },
    );
  }
  return rows;
}
