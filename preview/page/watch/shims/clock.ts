// The device's "clock" module: a tick every second, minute or hour (at the boundary), or none.
type Granularity = "off" | "seconds" | "minutes" | "hours";
type TickListener = (event: { date: Date }) => void;

const PERIOD: { [g: string]: number } = { seconds: 1000, minutes: 60000, hours: 3600000 };

class Clock {
  ontick: TickListener | null = null;
  private listeners: TickListener[] = [];
  private value: Granularity = "off";
  private timer: ReturnType<typeof setTimeout> | undefined;

  get granularity(): Granularity {
    return this.value;
  }
  set granularity(g: Granularity) {
    this.value = g;
    this.schedule();
  }
  addEventListener(type: string, listener: TickListener): void {
    if (type === "tick") this.listeners.push(listener);
  }
  removeEventListener(type: string, listener: TickListener): void {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const period = PERIOD[this.value];
    if (!period) return;
    this.timer = setTimeout(
      () => {
        const event = { date: new Date() };
        if (this.ontick) this.ontick(event);
        for (const l of this.listeners.slice()) l(event);
        this.schedule();
      },
      period - (Date.now() % period),
    );
  }
}

const clock = new Clock();
export default clock;
