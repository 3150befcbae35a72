// The preview's renderer against Fitbit's rules, in Chromium, on a fixture view that has one of each
// thing preview/README.md promises: lengths (%, %±px, "$" after the previous sibling) in nested
// viewports, the stylesheet's cascade, text cut to text-length, textarea wrapping, visibility and
// display, `use` of a symbol with <set>, touches only where pointer-events="visible", the back button.
import { join } from "node:path";
import { Page } from "playwright-core";
import { Preview, startPreview } from "../../preview/server/preview";
import { Browser, launchChromium } from "../support/chromium";

const FIXTURE = join(__dirname, "fixtures", "view");

let preview: Preview;
let browser: Browser;
let page: Page;
const log: string[] = [];

beforeAll(async () => {
  [preview, browser] = await Promise.all([
    startPreview({ watch: { resourcesDir: FIXTURE, appEntry: join(FIXTURE, "app.js") }, log: (line) => log.push(line) }),
    launchChromium(),
  ]);
  page = await browser.context.newPage();
  await page.goto(`${preview.url}watch.html?phone=renderer`);
  await page.waitForFunction(() => (window as any).__fixture !== undefined);
}, 60000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** Attributes and computed style of the element with this id (or data-id, inside a `use`). */
function inspect(selector: string) {
  return page.locator(selector).evaluate((e: Element) => {
    const style = getComputedStyle(e);
    const attr = (n: string) => e.getAttribute(n);
    return {
      x: attr("x"),
      y: attr("y"),
      width: attr("width"),
      height: attr("height"),
      fill: style.fill,
      visibility: style.visibility,
      fontSize: style.fontSize,
      fontWeight: style.fontWeight,
      text: e.textContent,
    };
  });
}

test("lengths: percentages of the viewport, offsets, nested viewports, $ after the previous sibling", async () => {
  expect(await inspect("#full")).toMatchObject({ x: "0", y: "0", width: "336", height: "168" });
  expect(await inspect("#panel")).toMatchObject({ x: "168", y: "180", width: "168", height: "100" });
  expect(await inspect("#a")).toMatchObject({ width: "168" });
  // 0 + 20 (#a's end) + 5, and 50% of the panel's 168 minus 4
  expect(await inspect("#b")).toMatchObject({ y: "25", width: "80" });
});

test("arc: a band arc-width wide inside its box, clockwise from 12 o'clock", async () => {
  const ring = await page.locator("#ring").evaluate((e) => {
    const b = (e as SVGGraphicsElement).getBBox();
    const style = getComputedStyle(e);
    return { x: b.x, y: b.y, width: b.width, height: b.height, stroke: style.stroke, strokeWidth: style.strokeWidth };
  });
  // centre (280, 210), radius 30 - 6/2 = 27: from (280, 183) at 12 o'clock to (307, 210) at 3 o'clock
  expect(ring.stroke).toBe("rgb(0, 255, 0)");
  expect(ring.strokeWidth).toBe("6px");
  expect(ring.x).toBeCloseTo(280, 0);
  expect(ring.y).toBeCloseTo(183, 0);
  expect(ring.width).toBeCloseTo(27, 0);
  expect(ring.height).toBeCloseTo(27, 0);
});

test("stylesheet: class and id rules, id wins; unitless font sizes are pixels; System-Bold is bold", async () => {
  expect((await inspect("#full")).fill).toBe("rgb(17, 34, 51)");
  expect((await inspect("#a")).fill).toBe("rgb(16, 32, 48)");
  expect(await page.evaluate(() => (window as any).__fixture.fullFill)).toBe("#112233");
  expect(await inspect("#t-mid")).toMatchObject({ fontSize: "30px", fontWeight: "700", fill: "rgb(255, 255, 255)" });
  // "g rect" is no Fitbit selector: not applied (the rect keeps its class's fill), and reported
  expect((await inspect("#in-gone")).fill).toBe("rgb(16, 32, 48)");
  expect(log.some((l) => l.includes('selector "g rect" is not one Fitbit supports'))).toBe(true);
});

test("text is cut to its text-length, as the watch cuts it, and the cut is reported", async () => {
  expect((await inspect("#t-mid")).text).toBe("hello");
  expect(log.some((l) => l.includes("#t-mid: text of 11 characters cut to its text-length of 5"))).toBe(true);
});

test("textarea: words wrap inside the box, lines stop at its height, the last ends with an ellipsis", async () => {
  const lines = await page.locator("#ta tspan").evaluateAll((spans) =>
    spans.map((s) => ({
      text: s.textContent || "",
      width: (s as SVGTextContentElement).getComputedTextLength(),
      y: Number(s.getAttribute("y")),
    })),
  );
  expect(lines.length).toBeGreaterThanOrEqual(2);
  for (const line of lines) expect(line.width).toBeLessThanOrEqual(150);
  expect(lines[lines.length - 1].y).toBeLessThanOrEqual(180 + 50);
  expect(lines[lines.length - 1].text.endsWith("\u2026")).toBe(true);
  expect(
    lines
      .map((l) => l.text)
      .join(" ")
      .startsWith("one two three"),
  ).toBe(true);
});

test("visibility hidden hides everything below, whatever it says; display none removes it", async () => {
  expect((await inspect("#in-hidden")).visibility).toBe("hidden");
  expect(await page.locator("#in-gone").isVisible()).toBe(false);
  expect(await page.locator("#full").isVisible()).toBe(true);
});

test("use: the symbol's elements in the use's viewport, <set> applied, found through the use", async () => {
  const label = page.locator('#badge1 [data-id="label"]');
  expect(await label.textContent()).toBe("Hi");
  expect(await page.evaluate(() => (window as any).__fixture.badgeLabel)).toBe("Hi");
  const badge = await page.locator("#badge1").boundingBox();
  const screen = await page.locator("#screen").boundingBox();
  expect(badge).toMatchObject({ x: screen!.x + 10, y: screen!.y + 290, width: 100, height: 40 });
  expect((await inspect('#badge1 [data-id="badge-bg"]')).fill).toBe("rgb(255, 0, 0)");
});

test("touch: a label without pointer-events passes the tap to the button under it; elements without it get none", async () => {
  const events = () => page.evaluate(() => (window as any).__fixture.events.splice(0) as string[]);
  await events();
  await page.locator("#btn-label").click({ force: true });
  expect(await events()).toEqual(["btn:mousedown", "btn:mouseup", "btn:click"]);
  await page.locator("#untouchable").click({ force: true });
  expect(await events()).toEqual([]);
  // inside a use instance, the use hears it too
  await page.locator('#badge1 [data-id="badge-bg"]').click();
  expect(await events()).toEqual(["badge1:mousedown", "badge1:mouseup", "badge1:click"]);
});

test("back button: kept by the app when it calls preventDefault, else the app closes and messaging with it", async () => {
  const press = () => page.evaluate(() => (window as any).__watch.pressKey("back"));
  expect(await press()).toEqual({ defaultPrevented: true });
  expect(await page.locator("#screen").isVisible()).toBe(true);
  expect(await press()).toEqual({ defaultPrevented: false });
  await page.locator("#closed").waitFor({ state: "visible" });
  expect(await page.locator("#screen").isVisible()).toBe(false);
  const socket = preview.phone("renderer").watch;
  for (let waited = 0; socket.readyState !== socket.CLOSED && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  expect(socket.readyState).toBe(socket.CLOSED);
});

test("a second tab takes the phone's watch; the first stops and does not take it back", async () => {
  const open = async () => {
    const tab = await browser.context.newPage();
    await tab.goto(`${preview.url}watch.html?phone=tabs`);
    await tab.waitForFunction(() => (window as any).__fixture !== undefined);
    return tab;
  };
  const opens = () => log.filter((l) => l === "[tabs] messaging: open").length;
  const first = await open();
  for (let waited = 0; opens() < 1 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const second = await open();
  await first.locator("#closed-why").filter({ hasText: "open in another tab" }).waitFor();
  // The first tab would retry every second if it tried at all.
  await second.waitForTimeout(2500);
  expect(await first.locator("#closed").isVisible()).toBe(true);
  expect(await second.locator("#screen").isVisible()).toBe(true);
  expect(opens()).toBe(2);
  const socket = preview.phone("tabs").watch;
  expect(socket.readyState).toBe(socket.OPEN);
  await first.close();
  await second.close();
});
