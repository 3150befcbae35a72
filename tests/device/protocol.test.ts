import {
  MAX_ANSWER_LENGTH,
  MAX_BODY_PART_BYTES,
  MAX_DETAIL_LENGTH,
  MAX_MESSAGE_ID_LENGTH,
  MAX_PROMPT_LENGTH,
  MESSAGE_BUDGET,
  MAX_PASSWORD_LENGTH,
} from "../../common/limits";
import {
  MessageId,
  PROTOCOL_VERSION,
  ToCompanion,
  ToWatch,
  decodeToCompanion,
  decodeToWatch,
  encodeToCompanion,
  encodeToWatch,
  messageType,
} from "../../common/protocol";
import { clip, isDisplayText, jsonBytes, splitForMessages, utf8Length } from "../../common/text";

describe("encode then decode gives the message back", () => {
  const toCompanion: ToCompanion[] = [
    { t: "hello" },
    { t: "signIn", user: "alice", pw: 'Pa55 w0rd!"\\' },
    { t: "signIn", pw: "x" },
    { t: "signIn", user: "bob" },
    { t: "password", pw: "~" },
    { t: "code", code: "012345" },
    { t: "choose", option: "SOFTWARE_TOKEN_MFA" },
    { t: "signOut", everywhere: true },
    { t: "signOut", everywhere: false, forget: true },
    { t: "answer", text: 'Rex the 2nd, "our" dog \\ ~' },
    { t: "forgot" },
    { t: "forgot", user: "émilie" },
    { t: "call", id: 7, path: "/api/me?x=1&y=%20" },
  ];
  test.each(toCompanion.map((m) => [m.t, m] as [string, ToCompanion]))("to companion: %s", (_t, msg) => {
    const wire = JSON.parse(JSON.stringify(encodeToCompanion(msg, MESSAGE_BUDGET)));
    expect(wire.v).toBe(PROTOCOL_VERSION);
    expect(decodeToCompanion(wire)).toEqual(msg);
  });

  const toWatch: ToWatch[] = [
    { t: "state", view: { s: "signedOut" } },
    { t: "state", view: { s: "signedOut", user: "émilie", reason: { m: "sessionEnded" }, passwordless: true } },
    { t: "state", view: { s: "password", user: "a", error: { m: "passwordRejected", x: "Password attempts exceeded" } } },
    { t: "state", view: { s: "busy", label: "signingIn" } },
    { t: "state", view: { s: "error", message: { m: "unexpected" }, retry: "whoami" } },
    { t: "state", view: { s: "code", kind: "sms", dest: "+*******1234" } },
    { t: "state", view: { s: "choose", kind: "mfa", options: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] } },
    { t: "state", view: { s: "choose", kind: "setup", options: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] } },
    { t: "state", view: { s: "code", kind: "setup" } },
    { t: "state", view: { s: "code", kind: "reset", dest: "a***@e***", error: { m: "wrongCode" } } },
    { t: "state", view: { s: "answer", prompt: "Quel est le nom de ton premier animal ?", error: { m: "badAnswer" } } },
    { t: "state", view: { s: "answer", ask: "usernameFirst" } },
    { t: "state", view: { s: "answer", prompt: "Type the digits", digits: true } },
    { t: "state", view: { s: "answer" } },
    { t: "state", view: { s: "signedIn", user: "alice", until: 1700000000000, refreshed: 1699990000000 } },
    { t: "state", view: { s: "signedIn", user: "alice", until: 1700000000000, device: true } },
    { t: "callResult", id: 1, status: 404, part: 0, parts: 1, body: '{"a":"\\n"}\n' },
    { t: "callError", id: 1, error: { m: "notSignedIn" } },
  ];
  test.each(toWatch.map((m) => [m.t, m] as [string, ToWatch]))("to watch: %s", (_t, msg) => {
    expect(decodeToWatch(JSON.parse(JSON.stringify(encodeToWatch(msg, MESSAGE_BUDGET))))).toEqual(msg);
  });
});

describe("decode drops what is not a valid message", () => {
  const wire = (m: object) => ({ v: PROTOCOL_VERSION, ...m });
  test.each([
    ["not an object", "hello"],
    ["null", null],
    ["an array", [1]],
    ["no version", { t: "hello" }],
    ["another version", { v: 2, t: "hello" }],
    ["an unknown type", wire({ t: "launchMissiles" })],
    ["a type from the other direction", wire({ t: "state", view: { s: "setup" } })],
    ["an inherited name as type", wire({ t: "toString" })],
    ["a missing field", wire({ t: "password" })],
    ["a wrongly typed field", wire({ t: "signOut", everywhere: "yes" })],
    ["an empty password", wire({ t: "newPassword", pw: "" })],
    ["a password with a non-ASCII character", wire({ t: "newPassword", pw: "pässword" })],
    ["a password with a control character", wire({ t: "newPassword", pw: "pass\nword" })],
    ["a password one character too long", wire({ t: "newPassword", pw: new Array(MAX_PASSWORD_LENGTH + 2).join("a") })],
    ["a code with letters", wire({ t: "code", code: "12345a" })],
    ["a code too short", wire({ t: "code", code: "123" })],
    ["a path without its slash", wire({ t: "call", id: 1, path: "api" })],
    ["a path with a space", wire({ t: "call", id: 1, path: "/a b" })],
    ["a fractional id", wire({ t: "call", id: 1.5, path: "/" })],
    ["a username with a control character", wire({ t: "signIn", user: "al\u0000ice", pw: "x" })],
    ["a username with a lone surrogate", wire({ t: "signIn", user: "al\ud800ice", pw: "x" })],
    ["an empty answer", wire({ t: "answer", text: "" })],
    ["an answer one character too long", wire({ t: "answer", text: "a".repeat(MAX_ANSWER_LENGTH + 1) })],
    ["an answer with a non-ASCII character (the keyboard has none)", wire({ t: "answer", text: "café" })],
    ["an answer with a control character", wire({ t: "answer", text: "a\nb" })],
    ["a forgot with an empty username", wire({ t: "forgot", user: "" })],
    ["a forget that is not a boolean", wire({ t: "signOut", everywhere: false, forget: "yes" })],
  ])("to companion: %s", (_what, data) => {
    expect(decodeToCompanion(data)).toBeNull();
  });

  test.each([
    ["an unknown view", wire({ t: "state", view: { s: "launched" } })],
    ["a view without its tag", wire({ t: "state", view: { user: "a" } })],
    ["a token-shaped field is simply not there", wire({ t: "state", view: { s: "signedIn", user: "a" } })],
    ["an unknown code kind", wire({ t: "state", view: { s: "code", kind: "pigeon" } })],
    ["no options", wire({ t: "state", view: { s: "choose", kind: "mfa", options: [] } })],
    ["six options", wire({ t: "state", view: { s: "choose", kind: "mfa", options: ["A", "B", "C", "D", "E", "F"] } })],
    ["an option with a space", wire({ t: "state", view: { s: "choose", kind: "mfa", options: ["SMS MFA"] } })],
    ["an unknown retry", wire({ t: "state", view: { s: "error", message: { m: "unexpected" }, retry: "reboot" } })],
    ["a message as words, not an ID", wire({ t: "state", view: { s: "error", message: "Something went wrong", retry: "hello" } })],
    ["a message ID that is not a name", wire({ t: "callError", id: 1, error: { m: "not signed in" } })],
    ["a message ID too long", wire({ t: "callError", id: 1, error: { m: "a".repeat(MAX_MESSAGE_ID_LENGTH + 1) } })],
    ["an empty detail", wire({ t: "callError", id: 1, error: { m: "unexpected", x: "" } })],
    ["a detail too long", wire({ t: "callError", id: 1, error: { m: "unexpected", x: "a".repeat(MAX_DETAIL_LENGTH + 1) } })],
    ["a detail with a control character", wire({ t: "callError", id: 1, error: { m: "unexpected", x: "a\nb" } })],
    ["a busy label as words", wire({ t: "state", view: { s: "busy", label: "Signing in…" } })],
    ["a part past the last", wire({ t: "callResult", id: 1, status: 200, part: 1, parts: 1, body: "" })],
    [
      "a body part too big",
      wire({ t: "callResult", id: 1, status: 200, part: 0, parts: 1, body: new Array(MAX_BODY_PART_BYTES + 2).join("a") }),
    ],
    ["a negative time", wire({ t: "state", view: { s: "signedIn", user: "a", until: -1 } })],
    ["a prompt one character too long", wire({ t: "state", view: { s: "answer", prompt: "a".repeat(MAX_PROMPT_LENGTH + 1) } })],
    ["an empty prompt", wire({ t: "state", view: { s: "answer", prompt: "" } })],
    ["a prompt with a control character", wire({ t: "state", view: { s: "answer", prompt: "a\u0007b" } })],
    ["a question asked in words, not an ID", wire({ t: "state", view: { s: "answer", ask: "Type your email" } })],
    ["digits that are not a boolean", wire({ t: "state", view: { s: "answer", digits: 1 } })],
    ["an unknown choice kind", wire({ t: "state", view: { s: "choose", kind: "pigeon", options: ["A"] } })],
    ["a device that is not a boolean", wire({ t: "state", view: { s: "signedIn", user: "a", until: 1, device: "yes" } })],
  ])("to watch: %s", (_what, data) => {
    expect(decodeToWatch(data)).toBeNull();
  });

  test("fields the protocol does not know are left behind", () => {
    const msg = decodeToWatch(wire({ t: "state", view: { s: "signedIn", user: "a", until: 5, accessToken: "eyJ..." }, extra: 1 }));
    expect(msg).toEqual({ t: "state", view: { s: "signedIn", user: "a", until: 5 } });
  });
});

describe("encode checks only what would make the send fail: the size", () => {
  const copy = (wire: object | null) => JSON.parse(JSON.stringify(wire));

  test("an invalid message is encoded as it is, versioned; the receiver's decode drops it", () => {
    for (const msg of [{ t: "code", code: "12" }, { t: "nope" }] as ToCompanion[]) {
      const wire = encodeToCompanion(msg, MESSAGE_BUDGET);
      expect(wire).toEqual({ v: PROTOCOL_VERSION, ...msg });
      expect(decodeToCompanion(copy(wire))).toBeNull();
    }
    const toWatch: ToWatch[] = [
      { t: "state", view: { s: "busy", label: "" as MessageId } },
      { t: "callResult", id: 1, status: 200, part: 2, parts: 2, body: "" },
    ];
    for (const msg of toWatch) {
      const wire = encodeToWatch(msg, MESSAGE_BUDGET);
      expect(wire).toEqual({ v: PROTOCOL_VERSION, ...msg });
      expect(decodeToWatch(copy(wire))).toBeNull();
    }
  });

  test("a message over MESSAGE_BUDGET is refused; one at it is sent", () => {
    // A body that brings the whole message, as UTF-8 JSON, to exactly the limit (longer than a body part
    // may be, which is for the watch's decode to refuse: encode measures only).
    const base = jsonBytes({ v: PROTOCOL_VERSION, t: "callResult", id: 1, status: 200, part: 0, parts: 1, body: "" });
    const atLimit: ToWatch = { t: "callResult", id: 1, status: 200, part: 0, parts: 1, body: "a".repeat(MESSAGE_BUDGET - base) };
    const wire = encodeToWatch(atLimit, MESSAGE_BUDGET);
    expect(wire).not.toBeNull();
    expect(Buffer.byteLength(JSON.stringify(wire), "utf8")).toBe(MESSAGE_BUDGET);
    // One byte more, counted in UTF-8: "é" is one code unit but two bytes.
    expect(encodeToWatch({ ...atLimit, body: "é" + atLimit.body.slice(1) } as ToWatch, MESSAGE_BUDGET)).toBeNull();
    expect(encodeToCompanion({ t: "password", pw: '"'.repeat(MESSAGE_BUDGET / 2) }, MESSAGE_BUDGET)).toBeNull(); // 2 bytes each escaped
  });

  test("the limit is the platform's: a socket that carries more takes a larger message, one that carries less refuses it", () => {
    const msg: ToWatch = { t: "callResult", id: 1, status: 200, part: 0, parts: 1, body: "a".repeat(MESSAGE_BUDGET) };
    expect(encodeToWatch(msg, MESSAGE_BUDGET)).toBeNull();
    expect(encodeToWatch(msg, 3518)).not.toBeNull(); // a Zepp messaging frame
    const small: ToCompanion = { t: "hello" };
    const bytes = jsonBytes({ v: PROTOCOL_VERSION, ...small });
    expect(encodeToCompanion(small, bytes)).not.toBeNull();
    expect(encodeToCompanion(small, bytes - 1)).toBeNull();
  });

  test("the version goes on a copy: the message itself is left alone", () => {
    const msg: ToCompanion = { t: "signOut", everywhere: true };
    const wire = encodeToCompanion(msg, MESSAGE_BUDGET);
    expect(wire).toEqual({ v: PROTOCOL_VERSION, t: "signOut", everywhere: true });
    expect(msg).toEqual({ t: "signOut", everywhere: true });
  });
});

describe("messageType: what may be logged", () => {
  test("the version and type, never the content", () => {
    expect(messageType({ v: 1, t: "signIn", pw: "secret" })).toBe("v1:signIn");
    expect(messageType({ v: 1, t: "secret password here" })).toBe("v1:?");
    expect(messageType({ t: "hello" })).toBe("v?:hello");
    expect(messageType("hunter2")).toBe("string");
    expect(messageType(null)).toBe("object");
  });
});

describe("text helpers", () => {
  test("utf8Length agrees with Node", () => {
    for (const s of ["", "abc", "é", "€", "😀", "a\ud800b", '"\\\n'])
      expect(utf8Length(s)).toBe(Buffer.byteLength(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, "\ufffd"), "utf8"));
  });

  test("isDisplayText refuses control characters and lone surrogates only", () => {
    expect(isDisplayText('Émilie 😀 \u2028 "quoted"')).toBe(true);
    for (const bad of ["a\nb", "\u0000", "\u007f", "\u009f", "\ud800", "\udc00x", "x\ud83d"]) expect(isDisplayText(bad)).toBe(false);
  });

  test("clip cleans and cuts text to fit, keeping surrogate pairs whole", () => {
    expect(clip("  Password\tdoes not\n\nconform  ", 100)).toBe("Password does not conform");
    expect(clip("abcdef", 4)).toBe("abc\u2026");
    expect(clip("ab😀cd", 4)).toBe("ab\u2026");
    expect(clip("x\ud800y", 10)).toBe("x\ufffdy");
    for (const s of ["a\u0001b".repeat(80), "😀".repeat(100)]) {
      const c = clip(s, 64);
      expect(c.length).toBeLessThanOrEqual(64);
      expect(isDisplayText(c)).toBe(true);
    }
  });

  test("splitForMessages cuts within the byte budget and loses nothing", () => {
    const body = '{"name":"Zoë 😀","note":"line\\nnext","ctl":"\u0001"}\n'.repeat(60);
    const parts = splitForMessages(body, MAX_BODY_PART_BYTES);
    expect(parts.join("")).toBe(body);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(Buffer.byteLength(JSON.stringify(p)) - 2).toBeLessThanOrEqual(MAX_BODY_PART_BYTES);
      expect(/^[\udc00-\udfff]/.test(p)).toBe(false);
    }
    expect(splitForMessages("", 10)).toEqual([""]);
  });
});
