// Every message, at its worst, fits MESSAGE_BUDGET (1027 bytes as UTF-8 JSON, Fitbit's MAX_MESSAGE_SIZE): each text
// field is filled to its limit with the character that costs the most bytes in that field, and the
// receiver's decode still accepts it. A message travels as a Note: an ID of at most
// MAX_MESSAGE_ID_LENGTH letters, and a detail of display text.
import * as L from "../../common/limits";
import {
  MessageId,
  Note,
  ToCompanion,
  ToWatch,
  View,
  decodeToCompanion,
  decodeToWatch,
  encodeToCompanion,
  encodeToWatch,
} from "../../common/protocol";
import { jsonBytes, splitForMessages } from "../../common/text";

const EURO = "\u20ac"; // 3 bytes of UTF-8: the most any code unit of display text can cost
const QUOTE = '"'; // 2 bytes once escaped: the most any printable ASCII character can cost
const fill = (c: string, n: number) => new Array(n + 1).join(c);

const name = fill(EURO, L.MAX_NAME_LENGTH);
const messageId = ("w" + fill("W", L.MAX_MESSAGE_ID_LENGTH - 1)) as MessageId; // IDs are ASCII letters
const message: Note = { m: messageId, x: fill(EURO, L.MAX_DETAIL_LENGTH) };
const password = fill(QUOTE, L.MAX_PASSWORD_LENGTH);
const time = 8.64e15;

const worstToCompanion: ToCompanion[] = [
  { t: "hello" },
  { t: "prepare" },
  { t: "signIn", user: fill(EURO, L.MAX_USERNAME_LENGTH), pw: password },
  { t: "signIn", user: fill("\ud83d\ude00", L.MAX_USERNAME_LENGTH / 2), pw: fill("\\", L.MAX_PASSWORD_LENGTH) },
  { t: "password", pw: password },
  { t: "newPassword", pw: password },
  { t: "code", code: fill("9", L.MAX_CODE_LENGTH) },
  { t: "answer", text: fill(QUOTE, L.MAX_ANSWER_LENGTH) },
  { t: "forgot", user: fill(EURO, L.MAX_USERNAME_LENGTH) },
  { t: "choose", option: fill("W", L.MAX_OPTION_LENGTH) },
  { t: "cancel" },
  { t: "signOut", everywhere: false, forget: true },
  { t: "whoami" },
  { t: "call", id: L.MAX_CALL_ID, path: "/" + fill("~", L.MAX_PATH_LENGTH - 1) },
];

const worstViews: View[] = [
  { s: "setup" },
  { s: "signedOut", user: name, reason: message, passwordless: false },
  { s: "password", user: name, error: message },
  { s: "busy", label: messageId },
  { s: "newPassword", user: name, error: message, policy: fill(EURO, L.MAX_POLICY_LENGTH) },
  { s: "code", kind: "email", dest: fill(EURO, L.MAX_DESTINATION_LENGTH), error: message },
  { s: "choose", kind: "challenge", options: [1, 2, 3, 4, 5].map(() => fill("W", L.MAX_OPTION_LENGTH)) },
  // A Lambda's prompt of 3-byte characters, our question's ID and an error besides (the companion sends
  // prompt or ask; the schema takes both, so the worst case has both).
  { s: "answer", prompt: fill(EURO, L.MAX_PROMPT_LENGTH), ask: messageId, digits: false, error: message },
  { s: "signedIn", user: name, email: name, until: time, refreshed: time, checked: time, device: false },
  { s: "error", message, retry: "whoami" },
];

const worstBody = fill(QUOTE + "\u0001" + EURO, 2000);
const worstToWatch: ToWatch[] = [
  ...worstViews.map((view): ToWatch => ({ t: "state", view })),
  ...splitForMessages(worstBody, L.MAX_BODY_PART_BYTES)
    .slice(0, L.MAX_CALL_PARTS)
    .map((body, part): ToWatch => ({ t: "callResult", id: L.MAX_CALL_ID, status: 599, part, parts: L.MAX_CALL_PARTS, body })),
  { t: "callError", id: L.MAX_CALL_ID, error: message },
];

describe("worst-case message sizes", () => {
  const rows: [string, number][] = [];
  afterAll(() => {
    // The table a reader wants: how close each message comes to the limit.
    console.log(rows.map(([what, bytes]) => `${what.padEnd(24)} ${bytes} B`).join("\n"));
  });

  test.each(worstToCompanion.map((m) => [m.t, m] as [string, ToCompanion]))("to companion: %s", (t, msg) => {
    const wire = encodeToCompanion(msg, L.MESSAGE_BUDGET);
    expect(wire).not.toBeNull();
    const bytes = Buffer.byteLength(JSON.stringify(wire), "utf8");
    expect(bytes).toBe(jsonBytes(wire));
    expect(bytes).toBeLessThanOrEqual(L.MESSAGE_BUDGET);
    // Within the limits, not just within the size: the companion takes it as it was sent.
    expect(decodeToCompanion(JSON.parse(JSON.stringify(wire)))).toEqual(msg);
    rows.push(["→companion " + t, bytes]);
  });

  test.each(worstToWatch.map((m) => [m.t === "state" ? "state " + m.view.s : m.t, m] as [string, ToWatch]))("to watch: %s", (what, msg) => {
    const wire = encodeToWatch(msg, L.MESSAGE_BUDGET);
    expect(wire).not.toBeNull();
    const bytes = Buffer.byteLength(JSON.stringify(wire), "utf8");
    expect(bytes).toBeLessThanOrEqual(L.MESSAGE_BUDGET);
    expect(decodeToWatch(JSON.parse(JSON.stringify(wire)))).toEqual(msg);
    rows.push(["→watch " + what, bytes]);
  });

  test("every message type and view is in the worst-case tables", () => {
    const companionTypes = new Set(worstToCompanion.map((m) => m.t));
    const viewNames = new Set(worstViews.map((v) => v.s));
    const watchTypes = new Set(worstToWatch.map((m) => m.t));
    // The unions in common/protocol.ts, listed by hand: a new variant must be added here and above.
    expect([...companionTypes].sort()).toEqual([
      "answer",
      "call",
      "cancel",
      "choose",
      "code",
      "forgot",
      "hello",
      "newPassword",
      "password",
      "prepare",
      "signIn",
      "signOut",
      "whoami",
    ]);
    expect([...viewNames].sort()).toEqual([
      "answer",
      "busy",
      "choose",
      "code",
      "error",
      "newPassword",
      "password",
      "setup",
      "signedIn",
      "signedOut",
    ]);
    expect([...watchTypes].sort()).toEqual(["callError", "callResult", "state"]);
  });

  test("one character more than a limit still fits the size, so it is sent, and the receiver drops it", () => {
    const overToCompanion: ToCompanion[] = [
      { t: "signIn", pw: password + "x" },
      { t: "signIn", user: fill("a", L.MAX_USERNAME_LENGTH + 1), pw: "x" },
      { t: "answer", text: fill(QUOTE, L.MAX_ANSWER_LENGTH + 1) },
    ];
    for (const msg of overToCompanion) {
      const wire = encodeToCompanion(msg, L.MESSAGE_BUDGET);
      expect(wire).not.toBeNull();
      expect(decodeToCompanion(JSON.parse(JSON.stringify(wire)))).toBeNull();
    }
    const overToWatch: ToWatch[] = [
      { t: "state", view: { s: "error", message: { m: messageId, x: message.x + "x" }, retry: "hello" } },
      { t: "state", view: { s: "error", message: { m: (messageId + "W") as MessageId }, retry: "hello" } },
      { t: "state", view: { s: "busy", label: (messageId + "W") as MessageId } },
      { t: "state", view: { s: "signedIn", user: name + "x", until: 1 } },
      { t: "state", view: { s: "answer", prompt: fill(EURO, L.MAX_PROMPT_LENGTH + 1), error: message } },
    ];
    for (const msg of overToWatch) {
      const wire = encodeToWatch(msg, L.MESSAGE_BUDGET);
      expect(wire).not.toBeNull();
      expect(decodeToWatch(JSON.parse(JSON.stringify(wire)))).toBeNull();
    }
  });
});
