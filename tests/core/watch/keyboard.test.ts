import { COLUMNS, KEYS_PER_PAGE, PAGES, ROWS, keyAt, meanTapsPerChar, plan, tapTable, tapsFor, Tap } from "../../../core/watch/keyboard";

const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/** Plays taps on a model of the keyboard (page keys switch, character keys type) and returns the text. */
function play(taps: Tap[], from = 0): string {
  let page = from;
  let out = "";
  for (const t of taps) {
    if ("page" in t) page = t.page;
    else {
      const c = keyAt(page, t.key);
      expect(c).not.toBe("");
      out += c;
    }
  }
  return out;
}

describe("the keyboard reaches every printable ASCII character", () => {
  test("each page fits the grid", () => {
    expect(KEYS_PER_PAGE).toBe(COLUMNS * ROWS);
    for (const p of PAGES) expect(p.keys.length).toBeLessThanOrEqual(KEYS_PER_PAGE);
  });

  test.each(printable.map((c) => [JSON.stringify(c), c]))("%s is on a page", (_name, c) => {
    expect(PAGES.some((p) => p.keys.includes(c))).toBe(true);
  });

  test("nothing but printable ASCII is on the keyboard, each page without repeats", () => {
    for (const p of PAGES) {
      for (const c of p.keys) expect(printable).toContain(c);
      expect(new Set(p.keys).size).toBe(p.keys.length);
    }
  });

  test("the table of taps: 1 on the first page, 2 elsewhere", () => {
    const table = tapTable();
    expect(table.map((r) => r.char)).toEqual(printable);
    for (const { char, taps } of table) expect(taps).toBe(PAGES[0].keys.includes(char) ? 1 : 2);
    const line = (from: number, to: number) =>
      table
        .slice(from, to)
        .map((r) => `${r.char === " " ? "␣" : r.char}${r.taps}`)
        .join(" ");
    console.log(`taps per character from the first page:\n${line(0, 48)}\n${line(48, 95)}`);
  });
});

describe("plan: the fewest taps for a text", () => {
  test.each([
    ["", 0],
    ["abc", 3],
    ["Abc", 5], // ABC A abc b c
    ["abc1", 5],
    ["Password1!", 13], // P:2 a:2 ssword:6 1:2 !:1
    ["a.b", 3], // "." is on the letters page too
    ["1.2", 4], // 123 1 . 2: "." is on the 123 page too
    ["A_B", 4], // "_" on the capitals page too
    ["x y", 5], // space on #+=: x, #+=, spc, abc, y
  ])("%j takes %i taps", (text, taps) => {
    const p = plan(text)!;
    expect(play(p)).toBe(text);
    expect(p.length).toBe(taps);
  });

  test("plays back to the text for every printable character in every context", () => {
    const all = printable.join("");
    for (let from = 0; from < PAGES.length; from++) {
      expect(play(plan(all, from)!, from)).toBe(all);
      expect(play(plan([...all].reverse().join(""), from)!, from)).toBe([...all].reverse().join(""));
    }
  });

  test("is optimal: never beaten by an exhaustive search over short texts", () => {
    // Exhaustive: cost by breadth-first search over (typed, page) states.
    const brute = (text: string): number => {
      let frontier = new Map<number, number>([[0, 0]]); // page → taps, with i chars typed
      for (const c of text) {
        const next = new Map<number, number>();
        for (const [page, taps] of frontier)
          for (let p = 0; p < PAGES.length; p++)
            if (PAGES[p].keys.includes(c)) {
              const cost = taps + (p === page ? 1 : 2);
              if (!next.has(p) || next.get(p)! > cost) next.set(p, cost);
            }
        frontier = next;
      }
      return Math.min(...frontier.values());
    };
    const chars = "aZ.-_@1 ~";
    const texts: string[] = [""];
    for (let len = 1; len <= 4; len++) for (const t of texts.filter((x) => x.length === len - 1)) for (const c of chars) texts.push(t + c);
    for (const t of texts) expect(tapsFor(t)).toBe(brute(t));
  });

  test("a character not on the keyboard has no plan", () => {
    expect(plan("é")).toBeNull();
    expect(() => tapsFor("\n")).toThrow();
  });

  test("meanTapsPerChar averages over all characters", () => {
    expect(meanTapsPerChar(["abc", "A"])).toBeCloseTo((3 + 2) / 4);
    expect(meanTapsPerChar([])).toBe(0);
  });
});
