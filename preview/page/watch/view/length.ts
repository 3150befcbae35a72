// Fitbit's lengths and coordinates: pixels ("120"), a percentage of the enclosing viewport ("50%"), a
// percentage with an offset ("100%-20"), or "$" — the end of the previous sibling (its x + width, or
// y + height) — with an optional offset ("$+6").

export type Length =
  { kind: "px"; value: number } | { kind: "percent"; percent: number; offset: number } | { kind: "after"; offset: number };

const PATTERN = /^\s*(\$|-?(?:\d+\.?\d*|\.\d+)%|-?(?:\d+\.?\d*|\.\d+))\s*(?:([+-])\s*((?:\d+\.?\d*|\.\d+)))?\s*(?:px)?\s*$/;

/** undefined when `raw` is not a length Fitbit reads. */
export function parseLength(raw: string): Length | undefined {
  const m = PATTERN.exec(raw);
  if (!m) return undefined;
  const offset = m[2] ? (m[2] === "-" ? -1 : 1) * Number(m[3]) : 0;
  if (m[1] === "$") return { kind: "after", offset };
  if (m[1].endsWith("%")) return { kind: "percent", percent: Number(m[1].slice(0, -1)), offset };
  if (m[2]) return undefined; // "10+5" is not a length
  return { kind: "px", value: Number(m[1]) };
}

/** `size`: the viewport's width or height; `previousEnd`: where the previous sibling ends on this axis. */
export function resolveLength(length: Length, size: number, previousEnd: number): number {
  switch (length.kind) {
    case "px":
      return length.value;
    case "percent":
      return (length.percent * size) / 100 + length.offset;
    case "after":
      return previousEnd + length.offset;
  }
}
