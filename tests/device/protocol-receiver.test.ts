// The protocol's one rule, end to end over the paired channel: the receiver validates. The sender's
// encode checks only the size, so a message a buggy sender gets wrong does leave it; the real receiving
// end (app/connection.ts on the watch, core/signin/watch-link.ts on the phone) drops it and logs its type,
// never its content.
import { connect } from "../../app/connection";
import { ToCompanion, ToWatch, View } from "../../common/protocol";
import { watchLink } from "../../core/signin";
import { createChannel } from "../../devkit/fakes/channel";

function pair() {
  const channel = createChannel();
  const watch = { got: [] as ToWatch[], logs: [] as string[] };
  const phone = { got: [] as ToCompanion[], logs: [] as string[] };
  const toPhone = connect(channel.device, {
    open: () => undefined,
    close: () => undefined,
    message: (msg) => watch.got.push(msg),
    log: (line) => watch.logs.push(line),
  });
  const toWatch = watchLink(
    channel.companion,
    (msg) => phone.got.push(msg),
    (line) => phone.logs.push(line),
  );
  channel.open();
  return { channel, watch, phone, toPhone, toWatch };
}

test("watch → companion: an invalid message is sent, then dropped by the companion and logged by type only", async () => {
  const { channel, phone, toPhone } = pair();
  // What the watch keyboard cannot type: a buggy watch would have to send it. It fits the size.
  expect(toPhone.send({ t: "password", pw: "hunter2 sécret" })).toBe(true);
  expect(toPhone.send({ t: "code", code: "12" })).toBe(true);
  expect(toPhone.send({ t: "password", pw: "hunter2" })).toBe(true); // a valid one gets through
  await channel.idle();
  expect(channel.log.map((m) => (m.data as { t: string }).t)).toEqual(["password", "code", "password"]);
  expect(phone.got).toEqual([{ t: "password", pw: "hunter2" }]);
  expect(phone.logs).toEqual(["dropped malformed message v1:password", "dropped malformed message v1:code"]);
});

test("companion → watch: an invalid view is sent, then dropped by the watch and logged by type only", async () => {
  const { channel, watch, toWatch } = pair();
  // Not clipped, as a buggy companion might forget to: a control character and a name over its limit.
  const unclipped: View = { s: "signedIn", user: "alice\nsecret-token", until: 1 };
  toWatch.send({ t: "state", view: unclipped });
  toWatch.send({ t: "callError", id: 1, error: { m: "unexpected", x: "secret-token ".repeat(20) } });
  toWatch.send({ t: "state", view: { s: "signedIn", user: "alice", until: 1 } });
  await channel.idle();
  expect(channel.log).toHaveLength(3);
  expect(watch.got).toEqual([{ t: "state", view: { s: "signedIn", user: "alice", until: 1 } }]);
  expect(watch.logs).toEqual(["dropped message v1:state", "dropped message v1:callError"]);
  expect(watch.logs.join()).not.toContain("secret");
});

test("only a message too big to send is held back by its sender, which says so by type", async () => {
  const { channel, watch, phone, toPhone, toWatch } = pair();
  expect(toPhone.send({ t: "password", pw: '"'.repeat(600) })).toBe(false); // 2 bytes each once escaped
  toWatch.send({ t: "state", view: { s: "signedIn", user: "\u20ac".repeat(400), until: 1 } });
  await channel.idle();
  expect(channel.log).toEqual([]);
  expect(channel.oversized).toEqual([]); // refused by encode, never handed to the socket
  expect(watch.logs).toEqual(["not sent, too large: password"]);
  expect(phone.logs).toEqual(["not sent, too large: state"]);
});
