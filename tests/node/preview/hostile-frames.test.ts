// Anyone on the machine can open the preview's WebSocket links and send any frame. Against the real
// preview (startPreview, as `npm start` runs it), each hostile frame is sent on each link: the server
// must go on serving the page and new links, the bad frame must close only its own connection (or be
// dropped), and the log must say what kind of frame it was and its size, never what it carried.
import { Preview, startPreview } from "../../../preview/server/preview";
import { LinkName, openLink, until } from "./page-link";

/** In every hostile frame: the log must never show it. */
const MARKER = "HOSTILE-PAYLOAD";
const LINKS: LinkName[] = ["watch", "settings", "shell"];

let preview: Preview;
const log: string[] = [];

beforeAll(async () => {
  preview = await startPreview({ log: (line) => log.push(line) });
}, 60000);

afterAll(async () => {
  await preview?.stop();
});

/** The page is served, a new page's link works, and no log line holds the hostile frame's content. */
async function expectStillServing(phone: string): Promise<void> {
  const res = await fetch(preview.url);
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/<html/i);
  // A fresh page of the same phone: the shell is greeted, the watch's messaging opens.
  const shell = await openLink(preview, "shell", phone);
  await shell.frame((f) => f.k === "hello");
  const watch = await openLink(preview, "watch", `${phone}-fresh`);
  await watch.frame((f) => f.k === "open");
  await Promise.all([shell.close(), watch.close()]);
  expect(log.filter((line) => line.includes(MARKER))).toEqual([]);
}

const linesOf = (phone: string) => log.filter((line) => line.startsWith(`[${phone}] `));

test.each(LINKS)("a frame over 64 KB on /link/%s closes that link, logged by its size only", async (link) => {
  const phone = `big-${link}`;
  const page = await openLink(preview, link, phone);
  page.ws.send(JSON.stringify({ k: "log", line: MARKER.repeat(Math.ceil((70 * 1024) / MARKER.length)) }));
  expect(await page.closed).toBe(1009); // message too big
  await until(() => linesOf(phone).some((l) => l.includes(`${link} link closed`)), "the log line");
  expect(linesOf(phone)).toContain(`[${phone}] ${link} link closed: a frame over 65536 B`);
  await expectStillServing(phone);
});

test.each(LINKS)("a text frame that is not UTF-8 on /link/%s closes that link, logged by kind and size", async (link) => {
  const phone = `utf8-${link}`;
  const page = await openLink(preview, link, phone);
  const bytes = Buffer.concat([Buffer.from(`{"k":"log","line":"${MARKER}`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`"}`)]);
  page.ws.send(bytes, { binary: false }); // sent as a text frame, as it is
  expect(await page.closed).toBe(1007); // invalid frame payload data
  await until(() => linesOf(phone).some((l) => l.includes(`${link} link closed`)), "the log line");
  expect(linesOf(phone)).toContain(`[${phone}] ${link} link closed: a text frame of ${bytes.length} B that is not UTF-8`);
  await expectStillServing(phone);
});

test.each(LINKS)("a message nested 30,000 deep on /link/%s is dropped, logged by kind and size; the link goes on", async (link) => {
  const phone = `deep-${link}`;
  const page = await openLink(preview, link, phone);
  if (link === "watch") await page.frame((f) => f.k === "open"); // the watch's messages count once messaging is open
  const deep = "[".repeat(30000) + JSON.stringify(MARKER) + "]".repeat(30000);
  const frame = {
    watch: `{"k":"msg","data":${deep}}`,
    settings: `{"k":"set","key":"username","value":${deep}}`,
    shell: `{"k":"reach","inReach":${deep}}`,
  }[link];
  page.ws.send(frame);
  const kind = { watch: "msg", settings: "set", shell: "reach" }[link];
  // The watch's message is measured (JSON.stringify throws at such a depth); the others are not of a shape their link takes.
  const why = link === "watch" ? "its data has no JSON to measure (not a JSON value, or nested too deeply)" : "not one this link takes";
  const expected = `[${phone}] ${link} link: dropped a ${kind} frame (${Buffer.byteLength(frame)} B): ${why}`;
  await until(() => linesOf(phone).includes(expected), `"${expected}"`);
  // Dropped, not closed: the same link still carries a good frame.
  if (link === "watch") {
    page.ws.send(JSON.stringify({ k: "log", line: "still here" }));
    await until(() => linesOf(phone).includes(`[${phone}] watch: still here`), "the good frame after the bad one");
  } else if (link === "shell") {
    page.ws.send(JSON.stringify({ k: "reach", inReach: false }));
    await page.frame((f) => f.k === "reach" && f.inReach === false);
  } else {
    page.ws.send(JSON.stringify({ k: "set", key: "username", value: JSON.stringify({ name: "still-here" }) }));
    await until(() => preview.phone(phone).settings.getItem("username") === JSON.stringify({ name: "still-here" }), "the good frame");
  }
  expect(page.ws.readyState).toBe(page.ws.OPEN);
  await page.close();
  await expectStillServing(phone);
});

test("a watch page's log line is printed on one line, its control characters escaped", async () => {
  const phone = "log-line";
  const page = await openLink(preview, "watch", phone);
  page.ws.send(JSON.stringify({ k: "log", line: "first\n[phone] companion: forged line\r\x1b[2J\u2028end" }));
  await until(() => linesOf(phone).some((l) => l.startsWith(`[${phone}] watch: first`)), "the watch's line");
  expect(linesOf(phone).filter((l) => l.includes("watch: first"))).toEqual([
    `[${phone}] watch: first\\n[phone] companion: forged line\\r\\u001b[2J\\u2028end`,
  ]);
  expect(log.filter((l) => /forged/.test(l) && !l.startsWith(`[${phone}] watch: first`))).toEqual([]);
  await page.close();
});

test("binary frames, frames that are not JSON objects with a kind, and unknown kinds are dropped, by kind and size", async () => {
  const phone = "odd-frames";
  const page = await openLink(preview, "watch", phone);
  page.ws.send(Buffer.from(MARKER), { binary: true });
  page.ws.send(`${MARKER} is not JSON`);
  page.ws.send(JSON.stringify({ k: MARKER }));
  page.ws.send(JSON.stringify({ k: "set", key: MARKER, value: MARKER }));
  const size = (text: string) => Buffer.byteLength(text);
  await until(() => linesOf(phone).filter((l) => l.includes("dropped")).length === 4, "four dropped frames");
  expect(linesOf(phone).filter((l) => l.includes("dropped"))).toEqual([
    `[${phone}] watch link: dropped a binary frame (${size(MARKER)} B): the pages send text`,
    `[${phone}] watch link: dropped a text frame (${size(`${MARKER} is not JSON`)} B): not a JSON object with a kind`,
    `[${phone}] watch link: dropped a frame of an unknown kind (${size(JSON.stringify({ k: MARKER }))} B): not one this link takes`,
    `[${phone}] watch link: dropped a set frame (${size(JSON.stringify({ k: "set", key: MARKER, value: MARKER }))} B): not one this link takes`,
  ]);
  expect(page.ws.readyState).toBe(page.ws.OPEN);
  await page.close();
  await expectStillServing(phone);
});
