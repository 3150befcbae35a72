import { printable, PRINTABLE_MAX } from "../../../devkit/printable";

describe("printable: outside text on one line", () => {
  it("leaves ordinary text alone", () => {
    expect(printable("Incorrect username or password.")).toBe("Incorrect username or password.");
    expect(printable("caf\u00e9 \ud83d\ude00")).toBe("caf\u00e9 \ud83d\ude00");
  });
  it("escapes line breaks and terminal controls instead of obeying them", () => {
    expect(printable("a\nfitbit-cognito: forged\r\x1b[2J\x07")).toBe("a\\nfitbit-cognito: forged\\r\\u001b[2J\\u0007");
    expect(printable("x\u2028y\u0085z\x7f")).toBe("x\\u2028y\\u0085z\\u007f");
    expect(printable("tab\there")).toBe("tab\\there");
  });
  it("replaces lone surrogates", () => {
    expect(printable("a\ud800b\udc00")).toBe("a\ufffdb\ufffd");
  });
  it("cuts long text to the limit with an ellipsis", () => {
    const out = printable("x".repeat(10000));
    expect(out.length).toBe(PRINTABLE_MAX);
    expect(out.endsWith("\u2026")).toBe(true);
    expect(printable("abcdef", 4)).toBe("abc\u2026");
    expect(printable("abcd", 4)).toBe("abcd");
    expect(printable("\n".repeat(50), 10)).toBe("\\n\\n\\n\\n\u2026");
  });
});
