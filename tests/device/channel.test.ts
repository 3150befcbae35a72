// The paired messaging fake behaves like peerSocket where the app and companion depend on it.
import { createChannel } from "../../devkit/fakes/channel";

test("closed until opened; open fires on both ends; sending while closed throws", () => {
  const c = createChannel();
  const events: string[] = [];
  c.device.onopen = () => events.push("device open");
  c.companion.addEventListener("open", () => events.push("companion open"));
  expect(c.device.readyState).toBe(c.device.CLOSED);
  expect(() => c.device.send({ t: "hello" })).toThrow(/not open/);
  c.open();
  expect(events).toEqual(["device open", "companion open"]);
  expect(c.companion.readyState).toBe(c.companion.OPEN);
});

test("delivery is asynchronous, in order, and a copy", async () => {
  const c = createChannel();
  c.open();
  const got: any[] = [];
  c.companion.onmessage = (e) => got.push(e.data);
  const sent = { n: 1, nested: { a: [1] } };
  c.device.send(sent);
  c.device.send({ n: 2 });
  expect(got).toEqual([]);
  sent.nested.a.push(2);
  await c.idle();
  expect(got).toEqual([{ n: 1, nested: { a: [1] } }, { n: 2 }]);
  expect(c.log.map((m) => [m.from, m.bytes])).toEqual([
    ["device", '{"n":1,"nested":{"a":[1]}}'.length],
    ["device", '{"n":2}'.length],
  ]);
});

test("a message over MAX_MESSAGE_SIZE (UTF-8 bytes of JSON) is refused and recorded", () => {
  const c = createChannel();
  c.open();
  c.device.send("x".repeat(1025)); // 1027 bytes with its quotes
  expect(() => c.device.send("€".repeat(342))).toThrow(/1028 bytes exceeds/);
  expect(c.oversized.map((m) => m.bytes)).toEqual([1028]);
  expect(c.log).toHaveLength(1);
});

test("closing loses what is in flight and fires close on both ends", async () => {
  const c = createChannel();
  c.open();
  const got: any[] = [];
  const closes: string[] = [];
  c.device.onmessage = (e) => got.push(e.data);
  c.device.onclose = () => closes.push("device");
  c.companion.onclose = () => closes.push("companion");
  c.companion.send(1);
  c.close();
  c.open();
  c.companion.send(2);
  await c.idle();
  expect(got).toEqual([2]);
  expect(closes).toEqual(["device", "companion"]);
});

test("replies sent from handlers are awaited by idle", async () => {
  const c = createChannel();
  c.open();
  const got: any[] = [];
  c.companion.onmessage = (e) => Promise.resolve().then(() => c.companion.send({ re: e.data }));
  c.device.onmessage = (e) => got.push(e.data);
  c.device.send("ping");
  await c.idle();
  expect(got).toEqual([{ re: "ping" }]);
});

test("manual mode delivers on deliver()", () => {
  const c = createChannel({ manual: true });
  c.open();
  const got: any[] = [];
  c.companion.onmessage = (e) => {
    got.push(e.data);
    if (e.data === 1) c.device.send(2); // sent while delivering: delivered in the same call
  };
  c.device.send(1);
  expect(got).toEqual([]);
  c.deliver();
  expect(got).toEqual([1, 2]);
});
