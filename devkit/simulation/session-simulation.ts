// A week of a wearer's life in a few seconds: the real SessionManager and CognitoClient on a fake clock,
// against the in-process Cognito (the one place a scripted server is right: seven days cannot run in real
// time). Deterministic for a seed.
//
// The phone: the companion is woken every 5–30 minutes (the wake interval is only a hint), killed at
// random, and relaunched by the next wake or by the wearer opening the watch app; while it lives its
// timers run. The wearer opens the app now and then and makes 1–4 requests to their own service. The
// phone goes offline for minutes to hours. Every call takes 50–1500 ms, and Cognito's clock is off from
// the phone's. The service accepts a token only while Cognito's clock is before its `exp`.
//
// Measured: the share of watch requests made while online whose first attempt carried a valid token
// (a 401 and retry counts as a miss); refresh requests that reached Cognito per token lifetime of
// simulated time (1.0 = one refresh per lifetime; the margin ahead of expiry alone makes it 1.017 for
// 1-hour and 1.038 for 5-minute tokens when the companion never sleeps); the same per lifetime of online
// time only (higher: the first refresh after an offline spell renews a token that lapsed offline); and
// early refreshes, made before the previous token was due, which would be waste (goal: none).
//
// The Zepp profile (`platform: "zepp"`): no wake interval. The side service runs only while the watch app
// or the Settings App page is open: it starts with the watch app (woken "start"), is woken again before
// each watch request (as zepp/app-side/index.ts does), and stops 5–60 s after the last request; the
// wearer opens the settings now and then (every 12–72 h, for 1–3 minutes), which starts it too. Its
// timers run only while it runs.
import { CognitoClient, cognitoClient, FetchLike } from "../../core/cognito";
import { HttpFetch } from "../../core/session";
import { SessionManager, sessionManager } from "../../core/session";
import { sessionFromSignIn, StoredSession } from "../../core/session";
import { refreshMargin } from "../../core/session";
import { fakeClock } from "./fake-clock";
import { fakeCognito } from "./fake-cognito";
import { memoryStore } from "./memory-store";

export interface SimulationOptions {
  seed: number;
  tokenLifetimeMs: number;
  days?: number;
  /** The app client rotates refresh tokens (no grace period: the hardest case). Default true. */
  rotation?: boolean;
  /** Cognito's clock minus the phone's. Default −97 s. */
  serverSkewMs?: number;
  /** false: the companion is never killed (its timers always run). Default true. */
  kills?: boolean;
  /** false: the phone never goes offline. Default true. */
  offline?: boolean;
  /** Whose phone side: Fitbit's companion (woken every 5–30 min) or Zepp's side service (runs only while
   *  the watch app or the settings are open). Default "fitbit". */
  platform?: "fitbit" | "zepp";
}

export interface SimulationResult {
  days: number;
  wakes: number;
  launches: number;
  kills: number;
  /** Zepp: the side service stopped because the watch app and the settings closed. */
  closes: number;
  offlineHours: number;
  watchRequests: number;
  onlineRequests: number;
  /** Online requests whose first attempt was accepted. */
  servedValid: number;
  /** servedValid / onlineRequests, in %. */
  validSharePercent: number;
  /** Refresh requests that reached Cognito. */
  refreshes: number;
  /** Simulated time divided by the token lifetime. */
  lifetimes: number;
  refreshesPerLifetime: number;
  /** Per lifetime of online time only. */
  refreshesPerOnlineLifetime: number;
  /** Refreshes sent sooner after the one before than the token's lifetime less its margin and 3 s. */
  earlyRefreshes: number;
  /** What went wrong with online requests, if anything (error names, statuses). */
  misses: string[];
  signedOut: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SERVICE_URL = "https://service.example/api/me";

type SimEvent = { at: number; kind: "wake" | "launch" | "kill" | "close" | "offline" | "online" } | { at: number; kind: "request" };

export async function runSessionSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const days = options.days || 7;
  const random = mulberry32(options.seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const clock = fakeClock();
  const start = clock.now();
  const end = start + days * 24 * HOUR;
  const cognito = fakeCognito({
    now: () => clock.now() + (options.serverSkewMs === undefined ? -97_000 : options.serverSkewMs),
    lifetimeMs: options.tokenLifetimeMs,
    rotation: options.rotation !== false,
    graceMs: 0,
  });

  const zepp = options.platform === "zepp";
  const events: SimEvent[] = [];
  for (let t = start + between(5, 30) * MINUTE; t < end && !zepp; t += between(5, 30) * MINUTE) events.push({ at: t, kind: "wake" });
  for (let t = start + between(5, 90) * MINUTE; t < end; t += between(5, 90) * MINUTE) {
    events.push({ at: t, kind: "launch" });
    let r = t + between(1, 5) * 1000;
    for (let n = Math.floor(between(1, 5)); n > 0; n--, r += between(1, 30) * 1000) events.push({ at: r, kind: "request" });
    // Zepp: the watch app closes a little after its last request, and the side service with it.
    if (zepp) events.push({ at: r + between(5, 60) * 1000, kind: "close" });
  }
  if (zepp) {
    // The side service that signed in runs until the watch app closes a little later; the settings are
    // opened now and then. (Inside this block: Fitbit's week draws the same numbers as before.)
    events.push({ at: start + between(5, 60) * 1000, kind: "close" });
    for (let t = start + between(12, 72) * HOUR; t < end; t += between(12, 72) * HOUR) {
      events.push({ at: t, kind: "launch" }, { at: t + between(1, 3) * MINUTE, kind: "close" });
    }
  }
  for (let t = start + between(5, 180) * MINUTE; t < end && options.kills !== false; t += between(5, 180) * MINUTE) {
    events.push({ at: t, kind: "kill" });
  }
  let offlineMs = 0;
  for (let t = start + between(1, 12) * HOUR; t < end && options.offline !== false; t += between(1, 12) * HOUR) {
    const length = Math.min(between(2, 180) * MINUTE, end - t);
    events.push({ at: t, kind: "offline" }, { at: t + length, kind: "online" });
    offlineMs += length;
    t += length;
  }
  events.sort((a, b) => a.at - b.at);

  // Each call: half the latency out, the server's work, half back.
  const latency = () => between(50, 1500) / 2;
  const cognitoFetch: FetchLike = async (url, init) => {
    clock.jump(latency());
    const answer = await cognito.fetch(url, init);
    clock.jump(latency());
    return answer;
  };
  let attempts: boolean[] = [];
  const serviceFetch: HttpFetch = async (_url, init) => {
    if (!cognito.online) throw new TypeError("Network request failed");
    clock.jump(latency());
    const ok = cognito.accepts(init.headers.Authorization.replace(/^Bearer /, ""));
    attempts.push(ok);
    clock.jump(latency());
    return { status: ok ? 200 : 401, headers: {}, text: async () => (ok ? "{}" : "") };
  };

  const client = cognitoClient({ userPoolId: "eu-west-1_Sim1", clientId: "simclient", fetch: cognitoFetch, now: clock.now });
  const store = memoryStore();
  const launch = () => sessionManager({ store, client: () => client, now: clock.now, timers: clock.timers, random, fetch: serviceFetch });
  let manager: SessionManager | undefined = launch();
  const step = await client.signIn("wearer", "pw", { flow: "password" });
  if (step.kind !== "signedIn") throw new Error("simulated sign-in failed");
  manager.adopt(sessionFromSignIn(client.config, "wearer", step.tokens));
  const refreshesAtStart = cognito.refreshCalls();

  const result = { wakes: 0, launches: 0, kills: 0, closes: 0, watchRequests: 0, onlineRequests: 0, servedValid: 0 };
  const misses: string[] = [];
  const alive = (): SessionManager => manager || (manager = launch());
  const stop = () => {
    if (!manager) return false;
    manager.dispose();
    clock.dropTimers();
    manager = undefined;
    return true;
  };
  for (const event of events) {
    if (event.at > clock.now()) await clock.advance(event.at - clock.now());
    switch (event.kind) {
      case "offline":
      case "online":
        cognito.online = event.kind === "online";
        break;
      case "kill":
        if (stop()) result.kills++;
        break;
      case "close":
        if (stop()) result.closes++;
        break;
      case "wake":
      case "launch":
        result[event.kind === "wake" ? "wakes" : "launches"]++;
        await alive().wake(event.kind === "wake" ? "wokenUp" : zepp ? "start" : "peerAppLaunched");
        break;
      case "request": {
        result.watchRequests++;
        const online = cognito.online;
        attempts = [];
        let outcome: string;
        // Zepp's side service wakes the session before serving (not waiting for it: the call shares the
        // refresh that wake started).
        if (zepp) void alive().wake("watchRequest");
        try {
          outcome = String((await alive().callWithToken(SERVICE_URL, { method: "GET" })).status);
        } catch (err) {
          outcome = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        }
        if (!online) break;
        result.onlineRequests++;
        if (outcome === "200" && attempts[0] === true) result.servedValid++;
        else misses.push(`${new Date(clock.now()).toISOString()} ${outcome} (attempts ${attempts.join(",")})`);
        break;
      }
    }
  }
  // What a relaunched companion would find: the store is the truth.
  const signedOut = alive().state().kind !== "signedIn";
  alive().dispose();

  const lifetime = options.tokenLifetimeMs;
  const refreshes = cognito.refreshCalls() - refreshesAtStart;
  const refreshTimes = cognito.calls.filter((c) => /GetTokensFromRefreshToken|REFRESH_TOKEN_AUTH/.test(c.action)).map((c) => c.at);
  const soonest = lifetime - refreshMargin({ receivedAt: 0, expiresAt: lifetime } as StoredSession) - 3000;
  return {
    days,
    ...result,
    offlineHours: offlineMs / HOUR,
    validSharePercent: result.onlineRequests ? (100 * result.servedValid) / result.onlineRequests : 0,
    refreshes,
    lifetimes: (end - start) / lifetime,
    refreshesPerLifetime: refreshes / ((end - start) / lifetime),
    refreshesPerOnlineLifetime: refreshes / ((end - start - offlineMs) / lifetime),
    earlyRefreshes: refreshTimes.filter((t, i) => i > 0 && t - refreshTimes[i - 1] < soonest).length,
    misses,
    signedOut,
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same week. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
