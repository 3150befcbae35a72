// What the preview keeps for a phone, and for how long, against the real preview: a phone outlives its
// last page by a grace period (a reload finds it again), is then released with its log lines, and no
// more than maxPhones exist at once, however many `?phone=` ids connect; its settings history keeps no
// password typed on the settings page; and the preview's own log is bounded.
import { inspect } from "node:util";
import { REQUEST } from "../../../common/settings-keys";
import { LOG_LINES_KEPT, Preview, startPreview } from "../../../preview/server/preview";
import { WITHHELD } from "../../../devkit/phone-storage";
import { openLink, until } from "./page-link";

/** Long enough that a busy machine still connects the next page within it (the checks of "making way"
 *  depend on it), short enough to wait for. */
const GRACE_MS = 1500;
const MAX_PHONES = 5;

let preview: Preview;
const printed: string[] = [];

beforeAll(async () => {
  preview = await startPreview({ log: (line) => printed.push(line), phoneGraceMs: GRACE_MS, maxPhones: MAX_PHONES });
}, 60000);

afterAll(async () => {
  await preview?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectStillServing(): Promise<void> {
  expect((await fetch(preview.url)).status).toBe(200);
}

test("a page coming back within the grace period finds its phone; after it, the phone and its lines are released", async () => {
  const first = await openLink(preview, "watch", "reload");
  await first.frame((f) => f.k === "open");
  const phone = preview.phone("reload");
  first.ws.send(JSON.stringify({ k: "log", line: "before the reload" }));
  await until(() => printed.includes("[reload] watch: before the reload"), "the watch's line");
  await first.close();

  // A reload: the page is back at once, and so is the same phone, with its lines.
  const again = await openLink(preview, "shell", "reload");
  const hello = await again.frame((f) => f.k === "hello");
  expect(hello.log).toContain("watch: before the reload");
  expect(preview.phone("reload")).toBe(phone);
  // Held by a page, it outlives the grace period as long as the page stays.
  await sleep(GRACE_MS * 2);
  expect(preview.phoneIds()).toContain("reload");
  await again.close();

  await until(() => !preview.phoneIds().includes("reload"), "the phone's release", GRACE_MS * 5);
  expect(printed).toContain(`[reload] preview: phone released (no page for ${GRACE_MS / 1000} s)`);
  // Released: its stopped companion and its lines went with it; the id makes a new phone.
  expect(phone.watch.readyState).toBe(phone.watch.CLOSED);
  const fresh = await openLink(preview, "shell", "reload");
  const freshHello = await fresh.frame((f) => f.k === "hello");
  expect(freshHello.log).not.toContain("watch: before the reload");
  expect(preview.phone("reload")).not.toBe(phone);
  await fresh.close();
});

test("hundreds of distinct ids that come and go leave at most maxPhones phones, and none once the grace period is over", async () => {
  const ids = 300;
  let most = 0;
  for (let i = 0; i < ids; i++) {
    const page = await openLink(preview, (["watch", "settings", "shell"] as const)[i % 3], `many-${i}`);
    most = Math.max(most, preview.phoneIds().length);
    page.ws.terminate(); // gone without a goodbye, as a closed tab or a crashed browser
    await page.closed;
  }
  expect(most).toBe(MAX_PHONES);
  await until(() => preview.phoneIds().length === 0, "every phone's release", GRACE_MS * 5);
  // Each one released, most to make way for the next, the last ones at the end of their grace period.
  expect(printed.filter((l) => /^\[many-\d+\] preview: phone released \((making way|no page)/.test(l)).length).toBe(ids);
  await expectStillServing();
}, 60000);

test("while every phone has a page, a new phone is refused (1013) and the others go on; a page that goes makes room", async () => {
  const pages = await Promise.all(Array.from({ length: MAX_PHONES }, (_, i) => openLink(preview, "shell", `full-${i}`)));
  const refused = await openLink(preview, "watch", "one-too-many");
  expect(await refused.closed).toBe(1013);
  expect(printed).toContain("server: refused a watch page of a new phone: every phone has pages");
  expect(preview.phoneIds()).not.toContain("one-too-many");
  expect(() => preview.phone("one-too-many")).toThrow(/no room for the phone one-too-many/);
  // The phones there are untouched and still answer.
  pages[0].ws.send(JSON.stringify({ k: "reach", inReach: false }));
  await pages[0].frame((f) => f.k === "reach" && f.inReach === false);
  await expectStillServing();

  await pages[0].close();
  const admitted = await openLink(preview, "watch", "one-too-many");
  await admitted.frame((f) => f.k === "open");
  expect(printed).toContain("[full-0] preview: phone released (making way: 5 phones at most)");
  await Promise.all([admitted, ...pages.slice(1)].map((p) => p.close()));
});

test("the settings history keeps that a password was typed on the settings page, not the password", async () => {
  const password = "Hist0ry-Secret-9";
  const page = await openLink(preview, "settings", "history");
  await page.frame((f) => f.k === "snapshot");
  page.ws.send(JSON.stringify({ k: "set", key: REQUEST.password, value: JSON.stringify({ name: password }) }));
  // The companion takes the password (and removes it) at once; the sign-in itself fails.
  await page.frame((f) => f.k === "set" && f.key === REQUEST.password && f.value === null);
  const { history } = preview.phone("history").settings;
  expect(history).toContainEqual({ key: REQUEST.password, value: WITHHELD });
  expect(history).toContainEqual({ key: REQUEST.password, value: null });
  expect(inspect(history, { depth: null, maxArrayLength: null })).not.toContain(password);
  expect(printed.filter((l) => l.includes(password))).toEqual([]);
  await page.close();
});

test("the preview's log keeps the last LOG_LINES_KEPT lines, however much a page logs", async () => {
  const page = await openLink(preview, "watch", "chatty");
  for (let i = 0; i <= LOG_LINES_KEPT; i++) page.ws.send(JSON.stringify({ k: "log", line: `line ${i}` }));
  await until(() => printed.includes(`[chatty] watch: line ${LOG_LINES_KEPT}`), "the last line", 20000);
  expect(preview.log.length).toBe(LOG_LINES_KEPT);
  expect(preview.log[preview.log.length - 1]).toBe(`[chatty] watch: line ${LOG_LINES_KEPT}`);
  await page.close();
});
