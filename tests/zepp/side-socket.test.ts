// zepp/shared/zml-socket.ts, the PeerSocketLike both Zepp ends build on zml's call/onCall: the budget and
// the open state hold as Fitbit's peerSocket holds them, a call zml could not deliver closes the socket
// (and the watch link keeps what waits until it opens again), and what arrives is unwrapped.
import { MESSAGE_BUDGET } from "../../common/limits";
import { ZML_METHOD, zmlSocket } from "../../zepp/shared/zml-socket";

test("send: wrapped for zml, refused over the budget or while not open", () => {
  const sent: unknown[] = [];
  const z = zmlSocket((data) => void sent.push(data));
  expect(() => z.socket.send({ v: 1, t: "hello" })).toThrow(/not open/);
  z.open();
  z.socket.send({ v: 1, t: "hello" });
  expect(sent).toEqual([{ method: ZML_METHOD, params: { v: 1, t: "hello" } }]);
  const tooBig = { v: 1, t: "answer", text: "x".repeat(MESSAGE_BUDGET) };
  expect(() => z.socket.send(tooBig)).toThrow(/too large/);
  expect(z.socket.MAX_MESSAGE_SIZE).toBe(MESSAGE_BUDGET);
  expect(sent.length).toBe(1);
});

test("a call zml could not deliver closes the socket, says so with zml's code, and a message reopens it", async () => {
  const logs: string[] = [];
  const events: string[] = [];
  const z = zmlSocket(() => Promise.reject(Object.assign(new Error("ble disconnect"), { code: 2 })), {
    open: true,
    log: (l) => logs.push(l),
  });
  z.socket.onclose = () => events.push("close");
  z.socket.onerror = (e) => events.push(`error ${e.code}`);
  z.socket.onopen = () => events.push("open");
  z.socket.onmessage = (e) => events.push(`message ${JSON.stringify(e.data)}`);
  z.socket.send({ v: 1, t: "hello" });
  await Promise.resolve();
  await Promise.resolve();
  expect(events).toEqual(["error 2", "close"]);
  expect(logs).toEqual(["messaging: not delivered (2)"]);
  expect(z.socket.readyState).not.toBe(z.socket.OPEN);

  z.receive({ jsonrpc: "hmrpcv1", method: ZML_METHOD, params: { v: 1, t: "hello" } });
  z.receive({ jsonrpc: "hmrpcv1", method: "other", params: { v: 1 } });
  expect(events.slice(2)).toEqual([
    "open",
    'message {"v":1,"t":"hello"}',
    // Not ours: passed on whole, for the decoder to drop and log by type.
    'message {"jsonrpc":"hmrpcv1","method":"other","params":{"v":1}}',
  ]);
  expect(z.socket.readyState).toBe(z.socket.OPEN);
});
