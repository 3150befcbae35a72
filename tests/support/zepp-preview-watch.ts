// Acting as the wearer on the preview's Zepp watch (preview/page/zepp: @zos/ui's widgets drawn as
// elements of #screen), through what the screen shows: the texts on it, buttons found by their words, and
// typing on the on-screen keyboard by finding each character's key among the keys shown, switching
// keyboard pages by their labels when it is not there — as a person would.
import { FrameLocator, Locator, Page } from "playwright-core";
import { PAGES, TAP_GUARD_MS, keyLabel } from "../../core/watch";

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

export class ZeppWatch {
  readonly frame: FrameLocator;
  /** Taps made on the keyboard (character and page keys), for the report. */
  taps = 0;

  constructor(readonly page: Page) {
    this.frame = page.frameLocator("#zepp-watch");
  }

  /** The watch as a picture: the round 480 × 480 screen. */
  get screen(): Locator {
    return this.page.locator("#zepp-watch");
  }

  /** The one button on screen that says `text`. */
  button(text: string): Locator {
    return this.frame.locator("#screen > .zos-button").filter({ hasText: exactly(text) });
  }

  /** Every text and button on screen, in the order the page made them (the title first). */
  async texts(): Promise<string[]> {
    return (await this.frame.locator("#screen > div").allTextContents()).map((t) => t.trim());
  }

  async title(): Promise<string> {
    return ((await this.frame.locator("#screen > div").first().textContent()) || "").trim();
  }

  /** Waits until a widget on screen says exactly `text` (or matches it). */
  async waitForText(text: string | RegExp, timeout = 15000): Promise<void> {
    await this.frame
      .locator("#screen > div")
      .filter({ hasText: typeof text === "string" ? exactly(text) : text })
      .first()
      .waitFor({ state: "visible", timeout });
  }

  async waitForButton(text: string, timeout = 15000): Promise<void> {
    await this.button(text).waitFor({ state: "visible", timeout });
  }

  /**
   * Waits until the screen shown takes taps: the page ignores taps on a screen shown less than
   * TAP_GUARD_MS ago (core/watch/state.ts), and the preview's @zos/ui says when it last made widgets.
   */
  async takingTaps(): Promise<void> {
    await this.page
      .frames()
      .find((f) => new URL(f.url()).pathname === "/zepp-watch.html")!
      .waitForFunction((guard) => {
        const z = (window as unknown as { __zepp?: { screenInfo: { builtAt: number } } }).__zepp;
        return !!z && Date.now() >= z.screenInfo.builtAt + guard;
      }, TAP_GUARD_MS);
  }

  async tap(text: string): Promise<void> {
    await this.takingTaps();
    await this.button(text).click();
  }

  /** Types `text` on the keyboard shown (does not press OK). */
  async type(text: string): Promise<void> {
    for (const c of text) await this.typeChar(c);
  }

  private async typeChar(c: string): Promise<void> {
    const label = keyLabel(c);
    for (let switches = 0; switches <= PAGES.length; switches++) {
      if ((await this.button(label).count()) === 1) {
        await this.tap(label);
        this.taps++;
        return;
      }
      // Not on this page: the page that has it, by its label.
      const page = PAGES.find((p) => p.keys.indexOf(c) >= 0);
      if (!page) break;
      await this.tap(page.label);
      this.taps++;
    }
    throw new Error(`no key for ${JSON.stringify(c)} on any keyboard page`);
  }

  /** The watch's back key, under the watch in the preview. */
  async pressBack(): Promise<void> {
    await this.page.locator("#zepp-back").click();
  }
}
