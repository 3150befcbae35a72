// The preview's phones, one per `?phone=` id, and how long each lives. A phone is made when a page of it
// connects (or a test asks for it) and is kept while any of its pages is connected, and for a grace
// period after the last one went: reloading a page, or closing a tab and opening it again soon, finds the
// same phone and its session, as a real phone would keep them. Then it is released: its companion and
// timers stopped, its stores and log lines dropped. Anyone on the machine can make phones (a new id per
// connection), so their number is bounded: when it is reached, the phone idle longest makes way, and
// while every phone has a page connected, a new one is refused.
import type { WebSocket } from "ws";
import { DemoSeed } from "../../sandbox/seed-demo";
import { sendFrame } from "./link-frames";
import { Phone } from "./phone";
import { ZeppPhone } from "./zepp-phone";

/** How long a phone outlives its last page. */
export const PHONE_GRACE_MS = 10 * 60 * 1000;
/** How many phones may exist at once. */
export const MAX_PHONES = 100;
/** A phone's last log lines, for a page that connects later. */
const LINES_KEPT = 200;

export interface PhoneEntry {
  readonly phone: Phone;
  /** The Zepp phone of the same id: its own side service, settings and tokens (./zepp-phone.ts). */
  readonly zepp: ZeppPhone;
  /** The last LINES_KEPT log lines. */
  readonly lines: string[];
  /** The shell pages connected to this phone, which are sent its log lines. */
  readonly shells: Set<WebSocket>;
  log(line: string): void;
}

/** A page's hold on its phone, to let go of when the page disconnects (more than once is harmless). */
export interface PageHold {
  readonly entry: PhoneEntry;
  release(): void;
}

export interface PhonesOptions {
  /** The pool every phone's settings are prefilled with. */
  seed: DemoSeed;
  /** Every line a phone logs (and the line saying it was released), besides its own last lines and shells. */
  onLine(id: string, line: string): void;
  graceMs?: number;
  max?: number;
}

/** Pages hold the phone, or it is idle and its release is due, or it is released: a page that goes
 *  after its phone was released (the preview stops) must not start a release again. */
type Keeping =
  { kind: "held"; pages: number } | { kind: "idle"; since: number; release: ReturnType<typeof setTimeout> } | { kind: "released" };

interface Kept {
  entry: PhoneEntry;
  keeping: Keeping;
}

export class Phones {
  private readonly kept = new Map<string, Kept>();
  private readonly graceMs: number;
  private readonly max: number;

  constructor(private readonly options: PhonesOptions) {
    this.graceMs = options.graceMs ?? PHONE_GRACE_MS;
    this.max = options.max ?? MAX_PHONES;
  }

  /** The phone with this id, made if there is room for it; undefined when every phone has pages. */
  get(id: string): PhoneEntry | undefined {
    const kept = this.kept.get(id) || this.make(id);
    return kept && kept.entry;
  }

  /** A page of this phone connected; undefined when there is no room for the phone. */
  hold(id: string): PageHold | undefined {
    const kept = this.kept.get(id) || this.make(id);
    if (!kept) return undefined;
    if (kept.keeping.kind === "idle") clearTimeout(kept.keeping.release);
    if (kept.keeping.kind !== "held") kept.keeping = { kind: "held", pages: 0 };
    kept.keeping.pages++;
    let released = false;
    return {
      entry: kept.entry,
      release: () => {
        if (released) return;
        released = true;
        const keeping = kept.keeping;
        if (keeping.kind === "held" && --keeping.pages === 0) this.idle(id, kept);
      },
    };
  }

  /** The ids of the phones that exist now. */
  ids(): string[] {
    return Array.from(this.kept.keys());
  }

  /** Stops and drops every phone (the preview stops). */
  stop(): void {
    for (const id of this.ids()) this.release(id, "the preview stops");
  }

  private make(id: string): Kept | undefined {
    if (this.kept.size >= this.max && !this.makeRoom()) return undefined;
    const lines: string[] = [];
    const shells = new Set<WebSocket>();
    const log = (line: string) => {
      lines.push(line);
      if (lines.length > LINES_KEPT) lines.shift();
      this.options.onLine(id, line);
      for (const shell of shells) sendFrame(shell, { k: "log", line });
    };
    const kept: Kept = {
      entry: {
        phone: new Phone({ id, seed: this.options.seed, log }),
        zepp: new ZeppPhone({ seed: this.options.seed, log }),
        lines,
        shells,
        log,
      },
      keeping: { kind: "held", pages: 0 },
    };
    this.kept.set(id, kept);
    // Made without a page (a test asking for it), it is idle from the start.
    this.idle(id, kept);
    return kept;
  }

  private idle(id: string, kept: Kept): void {
    const release = setTimeout(() => this.release(id, `no page for ${this.graceMs / 1000} s`), this.graceMs);
    kept.keeping = { kind: "idle", since: Date.now(), release };
  }

  /** Releases the phone idle longest; false when every phone has a page. */
  private makeRoom(): boolean {
    let oldest: [string, number] | undefined;
    for (const [id, { keeping }] of this.kept) {
      if (keeping.kind === "idle" && (!oldest || keeping.since < oldest[1])) oldest = [id, keeping.since];
    }
    if (oldest) this.release(oldest[0], `making way: ${this.max} phones at most`);
    return !!oldest;
  }

  private release(id: string, why: string): void {
    const kept = this.kept.get(id);
    if (!kept) return;
    if (kept.keeping.kind === "idle") clearTimeout(kept.keeping.release);
    kept.keeping = { kind: "released" };
    this.kept.delete(id);
    kept.entry.phone.stop();
    kept.entry.zepp.stop();
    kept.entry.log(`preview: phone released (${why})`);
  }
}
