// Acting as the wearer on the preview's watch, through what the screen shows: which screen is up, what a
// text says, and typing on the on-screen keyboard by finding each character's key among the keys shown,
// switching keyboard pages by their labels when it is not there — as a person would.
import { Frame, FrameLocator, Locator, Page } from "playwright-core";
import { ID, SCREENS, ScreenName, pageId, screenId } from "../../core/watch";

export class Watch {
  readonly frame: FrameLocator;
  /** Taps made on the keyboard (character and page keys), for the report. */
  taps = 0;

  constructor(readonly page: Page) {
    this.frame = page.frameLocator("#watch");
  }

  /** The watch as a picture: the 336 × 336 screen. */
  get screen(): Locator {
    return this.page.locator("#watch");
  }

  el(id: string): Locator {
    return this.frame.locator(`#${id}`);
  }

  /** Taps `id` as a wearer does: once the screen takes taps (see `takingTaps`). */
  async tap(id: string): Promise<void> {
    await this.takingTaps();
    await this.el(id).click();
  }

  /**
   * Waits until the screen shown takes taps: a new one ignores them for a moment, since they were meant
   * for the screen before (core/watch/state.ts, TAP_GUARD_MS). A person looks at a new screen before
   * tapping it; the test waits for the app's own state to say so (the preview exposes it as watchApp).
   */
  async takingTaps(): Promise<void> {
    await this.watchFrame().waitForFunction(() => {
      const app = (window as unknown as { watchApp?: { state(): { tapsFrom: number } } }).watchApp;
      return !app || Date.now() >= app.state().tapsFrom;
    });
  }

  /** `times` taps on the middle of `id`, as fast as the mouse goes (a double tap, a burst), not waiting
   *  for anything in between: later taps land on whatever the first one brought under the finger. */
  async tapQuickly(id: string, times: number): Promise<void> {
    await this.takingTaps();
    const box = await this.el(id).boundingBox();
    if (!box) throw new Error(`#${id} is not shown`);
    for (let i = 0; i < times; i++) await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  private watchFrame(): Frame {
    const frame = this.page.frames().find((f) => new URL(f.url()).pathname === "/watch.html");
    if (!frame) throw new Error("no watch frame in the page");
    return frame;
  }

  /** Waits until `name` is the screen shown (and no other). */
  async waitForScreen(name: ScreenName, timeout = 15000): Promise<void> {
    await this.el(screenId(name)).waitFor({ state: "visible", timeout });
    for (const other of SCREENS) if (other !== name) await this.el(screenId(other)).waitFor({ state: "hidden", timeout });
  }

  async text(id: string): Promise<string> {
    return ((await this.el(id).textContent()) || "").trim();
  }

  /** The title line as the wearer reads it: the title, or the warning in its place. */
  async title(): Promise<string> {
    return (await this.el(ID.title).isVisible()) ? this.text(ID.title) : this.text(ID.titleWarn);
  }

  /** Waits until element `id` shows text matching `pattern`; returns the text. */
  async waitForText(id: string, pattern: RegExp, timeout = 15000): Promise<string> {
    await this.el(id).filter({ hasText: pattern }).waitFor({ state: "visible", timeout });
    return this.text(id);
  }

  /** Types `text` on the keyboard (does not press OK). */
  async type(text: string): Promise<void> {
    for (const c of text) await this.typeChar(c);
  }

  private async typeChar(c: string): Promise<void> {
    const label = c === " " ? "spc" : c;
    for (let switches = 0; switches < 4; switches++) {
      const key = await this.visibleKeyFor(label);
      if (key) {
        await this.tap(key);
        this.taps++;
        return;
      }
      // Not on this page: on to the next one (page keys abc, ABC, 123, #+=; the one shown is highlighted).
      await this.tap(pageId(((await this.currentPage()) + 1) % 4));
      this.taps++;
    }
    throw new Error(`no key for ${JSON.stringify(c)} on any keyboard page`);
  }

  /** The keyboard page shown: the page key drawn in the highlight colour (the OK button's blue). */
  private async currentPage(): Promise<number> {
    const fills = await this.frame
      .locator('[id^="keyboard-page-"]:not([id$="-t"])')
      .evaluateAll((keys) => keys.map((k) => ({ id: k.id, fill: getComputedStyle(k).fill })));
    const ok = await this.el(ID.ok).evaluate((k) => getComputedStyle(k).fill);
    const current = fills.find((f) => f.fill === ok);
    return current ? Number(current.id.replace("keyboard-page-", "")) : 0;
  }

  /** The id of the shown key labelled `label`, if the page shown has one. */
  private async visibleKeyFor(label: string): Promise<string | undefined> {
    const found = await this.frame.locator('[id^="keyboard-key-"][id$="-t"]').evaluateAll(
      (labels, wanted) =>
        labels
          .filter((l) => (l.textContent || "").trim() === wanted && (l as SVGGraphicsElement).getBBox().width > 0)
          .map((l) => l.id.replace(/-t$/, ""))
          .filter((id) => {
            const rect = document.getElementById(id);
            return !!rect && getComputedStyle(rect).display !== "none" && rect.getBoundingClientRect().width > 0;
          }),
      label,
    );
    return found[0];
  }

  /** The watch's physical button, under the watch in the preview. */
  async pressBack(): Promise<void> {
    await this.page.locator("#back").click();
  }
}
