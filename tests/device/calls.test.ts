import { ToCompanion } from "../../common/protocol";
import { CallAnswer, createCalls } from "../../app/calls";

function setup(accept = true) {
  const sent: ToCompanion[] = [];
  const calls = createCalls((msg) => {
    sent.push(msg);
    return accept;
  });
  const answers: CallAnswer[] = [];
  return { calls, sent, answers, done: (a: CallAnswer) => answers.push(a) };
}

test("each request gets its own id and one answer, joined from parts in any order", () => {
  const { calls, sent, answers, done } = setup();
  calls.request("/a", done);
  calls.request("/b", done);
  const [a, b] = sent as { id: number }[];
  expect(a.id).not.toBe(b.id);
  calls.receive({ t: "callResult", id: b.id, status: 404, part: 0, parts: 1, body: "no" });
  calls.receive({ t: "callResult", id: a.id, status: 200, part: 2, parts: 3, body: "c" });
  calls.receive({ t: "callResult", id: a.id, status: 200, part: 0, parts: 3, body: "a" });
  calls.receive({ t: "callResult", id: a.id, status: 200, part: 0, parts: 3, body: "a" }); // repeated
  expect(answers).toEqual([{ ok: true, status: 404, body: "no" }]);
  calls.receive({ t: "callResult", id: a.id, status: 200, part: 1, parts: 3, body: "b" });
  expect(answers[1]).toEqual({ ok: true, status: 200, body: "abc" });
  calls.receive({ t: "callResult", id: a.id, status: 200, part: 1, parts: 3, body: "b" }); // after the end
  expect(answers).toHaveLength(2);
});

test("an error answers once; answers for unknown ids are ignored", () => {
  const { calls, sent, answers, done } = setup();
  calls.request("/a", done);
  const id = (sent[0] as { id: number }).id;
  calls.receive({ t: "callError", id: id + 100, error: { m: "unexpected" } });
  calls.receive({ t: "callError", id, error: { m: "notSignedIn" } });
  calls.receive({ t: "callError", id, error: { m: "serviceTimeout" } });
  expect(answers).toEqual([{ ok: false, error: { m: "notSignedIn" } }]);
});

test("a request that cannot be sent is refused at once", () => {
  const { calls, answers, done } = setup(false);
  expect(calls.request("/a", done)).toBe(false);
  calls.disconnected();
  expect(answers).toEqual([]);
});

test("losing the phone fails every call still waiting", () => {
  const { calls, answers, done } = setup();
  calls.request("/a", done);
  calls.request("/b", done);
  calls.disconnected();
  expect(answers).toEqual([
    { ok: false, error: { m: "phoneNotConnected" } },
    { ok: false, error: { m: "phoneNotConnected" } },
  ]);
});
