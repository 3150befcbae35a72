// The Zepp phone's two links, against the real preview (startPreview, as `npm start` runs it): the Settings
// App page's link carries the settings the page may see and never a key of the side service's own
// (`private.`: the tokens), nor takes one; the Zepp watch page's zml calls reach the REAL side service,
// which answers, and nothing travels while the phone is out of reach.
import { REQUEST, STATUS_KEY } from "../../../common/settings-keys";
import { encodeToCompanion } from "../../../common/protocol";
import { MESSAGE_BUDGET } from "../../../common/limits";
import { Preview, startPreview } from "../../../preview/server/preview";
import { isPrivateKey } from "../../../zepp/shared/side-keys";
import { ZML_METHOD } from "../../../zepp/shared/zml-socket";
import { LinkName, openLink, until } from "./page-link";

let preview: Preview;
const log: string[] = [];

beforeAll(async () => {
  preview = await startPreview({ log: (line) => log.push(line) });
}, 60000);

afterAll(async () => {
  await preview?.stop();
});

const ZEPP_SETTINGS = "zepp-settings" as LinkName;
const ZEPP_WATCH = "zepp-watch" as LinkName;

test("the Settings App link never carries a private key, even once tokens are stored, and takes none", async () => {
  const phone = "zepp-private";
  const zepp = preview.zepp(phone);
  const page = await openLink(preview, ZEPP_SETTINGS, phone);
  const snapshot = await page.frame((f) => f.k === "snapshot");
  expect(Object.keys(snapshot.items as object).length).toBeGreaterThan(0);

  // Signed in from the page, as the Settings App page does it: the temporary password, then a new one.
  const status = () => String(zepp.settings.getItem(STATUS_KEY));
  page.ws.send(JSON.stringify({ k: "set", key: REQUEST.password, value: JSON.stringify(preview.demo.temporaryPassword) }));
  await until(() => /newPassword/.test(status()), "the new-password status");
  page.ws.send(JSON.stringify({ k: "set", key: REQUEST.newPassword, value: JSON.stringify("Zepp2026ok") }));
  await until(() => /signedIn/.test(status()), "signed in", 20000);

  const privateKeys = Object.keys(zepp.settings.toObject()).filter(isPrivateKey);
  expect(privateKeys.length).toBeGreaterThan(0);
  const privateValues = privateKeys.map((k) => String(zepp.settings.getItem(k))).filter((v) => v.length > 16);
  // What the page was sent, and what a page opened now is sent.
  const later = await openLink(preview, ZEPP_SETTINGS, phone);
  await later.frame((f) => f.k === "snapshot");
  for (const frames of [page.frames, later.frames]) {
    for (const f of frames) {
      if (f.k === "set") expect(isPrivateKey(String(f.key))).toBe(false);
      if (f.k === "snapshot") expect(Object.keys(f.items as object).filter(isPrivateKey)).toEqual([]);
    }
    const sent = JSON.stringify(frames);
    for (const value of privateValues) expect(sent).not.toContain(value);
  }

  // A private key written by a page is not taken: the side service's tokens stay its own.
  const before = zepp.settings.getItem(privateKeys[0]);
  later.ws.send(JSON.stringify({ k: "set", key: privateKeys[0], value: "forged" }));
  later.ws.send(JSON.stringify({ k: "set", key: "private.new", value: "forged" }));
  await until(() => log.filter((l) => l.includes("a key of the side service's own")).length === 2, "both refusals logged");
  expect(zepp.settings.getItem(privateKeys[0])).toBe(before);
  expect(zepp.settings.getItem("private.new")).toBeNull();
  await Promise.all([page.close(), later.close()]);
}, 60000);

test("the Zepp watch link: a zml call reaches the real side service, which answers; out of reach nothing travels", async () => {
  const phone = "zepp-calls";
  const zepp = preview.zepp(phone);
  const watch = await openLink(preview, ZEPP_WATCH, phone);
  await watch.frame((f) => f.k === "open");
  const hello = { k: "msg", data: { method: ZML_METHOD, params: encodeToCompanion({ t: "hello" }, MESSAGE_BUDGET) } };
  watch.ws.send(JSON.stringify(hello));
  const answer = await watch.frame((f) => f.k === "msg");
  const data = answer.data as { method: string; params: { t: string; view: { s: string } } };
  expect(data.method).toBe(ZML_METHOD);
  expect(data.params.t).toBe("state");
  expect(data.params.view.s).toBe("signedOut");

  zepp.watch.setInReach(false);
  await watch.frame((f) => f.k === "close");
  const before = watch.frames.length;
  watch.ws.send(JSON.stringify(hello));
  await new Promise((r) => setTimeout(r, 500));
  expect(watch.frames.length).toBe(before);

  zepp.watch.setInReach(true);
  await until(() => watch.frames.slice(before).some((f) => f.k === "open"), "the link open again");
  watch.ws.send(JSON.stringify(hello));
  await until(() => watch.frames.slice(before).some((f) => f.k === "msg"), "the answer once back in reach");
  await watch.close();
}, 60000);
