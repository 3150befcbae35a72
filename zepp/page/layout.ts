// Where things go on any Zepp screen, from its size alone: one function for every screen family (round
// 454/466/480, square 390×450 and 320×380), not a copy per device. A screen is a title line and a stack of
// rows; each row is split into cells by weight. On a round screen a row is as wide as the circle is at its
// farther edge, so every corner of every cell stays on the glass; on a square one it spans the screen less
// the margins. Pure numbers: the page's renderer and the layout tests both read them.

export interface Size {
  width: number;
  height: number;
  round: boolean;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The measures everything is made of, scaled to the screen's shorter side. */
export interface Metrics {
  /** The height of one row unit: a key of the keyboard, a button. */
  unit: number;
  /** The space between rows and between cells. */
  gap: number;
  /** The space kept clear of the screen's edge. */
  margin: number;
  /** Text sizes: body and labels, then small print. */
  text: number;
  small: number;
}

export function metricsOf(size: Size): Metrics {
  const side = Math.min(size.width, size.height);
  const unit = Math.floor(side / 10);
  return {
    unit,
    gap: Math.max(2, Math.round(unit / 12)),
    margin: Math.round(side * (size.round ? 0.03 : 0.025)),
    text: Math.round(unit * 0.58),
    small: Math.round(unit * 0.48),
  };
}

/**
 * One row of a screen: `h` row units high, split into cells by `weights` (their shares of the row's
 * width). `max`: the widest the row may be, as a share of the screen's width, so a lone button or a line
 * of text does not run edge to edge on a square screen.
 */
export interface RowSpec {
  h: number;
  weights: number[];
  max?: number;
}

/** The title line every screen shares: near the top, as wide as the screen is there. */
export function titleRect(size: Size): Rect {
  const m = metricsOf(size);
  const h = Math.round(m.unit * 0.8);
  const y = size.round ? Math.round(size.height * 0.11) : m.margin;
  const span = spanAt(size, y, y + h, m.margin);
  return { x: span.x, y, w: span.w, h };
}

/**
 * The cells of `rows`, row by row, stacked below the title line: centred on the screen's middle when
 * they fit there (where a round screen is widest), else just below the title; squeezed when they are
 * taller than the room left.
 */
export function placeRows(size: Size, rows: RowSpec[]): Rect[][] {
  const m = metricsOf(size);
  const title = titleRect(size);
  const top = title.y + title.h + m.gap;
  const bottom = size.height - (size.round ? Math.round(size.height * 0.05) : m.margin);
  let units = 0;
  for (let i = 0; i < rows.length; i++) units += rows[i].h;
  const gaps = m.gap * Math.max(0, rows.length - 1);
  // The unit for this screen: the usual one, or less when the rows would not fit. A square screen lends
  // spare height to its rows (taller keys); on a round one the rows would only reach narrower parts.
  const most = size.round ? m.unit : Math.floor(m.unit * 1.25);
  const unit = Math.min(most, Math.floor((bottom - top - gaps) / Math.max(units, 1)));
  const height = Math.round(units * unit) + gaps;
  let y = Math.max(top, Math.round(size.height / 2 - height / 2));
  if (y + height > bottom) y = Math.max(top, bottom - height);
  const out: Rect[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const h = Math.round(row.h * unit);
    const span = spanAt(size, y, y + h, m.margin);
    const limit = row.max ? Math.round(size.width * row.max) : span.w;
    const w = Math.min(span.w, limit);
    out.push(splitRow(Math.round(size.width / 2 - w / 2), y, w, h, row.weights, m.gap));
    y += h + m.gap;
  }
  return out;
}

/** The horizontal room between `y0` and `y1`: on a round screen, the circle's chord at the edge farther
 *  from the centre, less the margin on each side. */
export function spanAt(size: Size, y0: number, y1: number, margin: number): { x: number; w: number } {
  if (!size.round) return { x: margin, w: size.width - 2 * margin };
  const r = size.width / 2;
  const cy = size.height / 2;
  const d = Math.max(Math.abs(y0 - cy), Math.abs(y1 - cy));
  const half = d >= r ? 0 : Math.sqrt(r * r - d * d);
  const w = Math.max(0, Math.floor(2 * half) - 2 * margin);
  return { x: Math.ceil(size.width / 2 - w / 2), w };
}

function splitRow(x: number, y: number, w: number, h: number, weights: number[], gap: number): Rect[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  const free = w - gap * (weights.length - 1);
  const cells: Rect[] = [];
  let at = x;
  let used = 0;
  for (let i = 0; i < weights.length; i++) {
    used += weights[i];
    // Edges from the running share, so rounding never adds up past the row's end.
    const end = x + Math.floor((free * used) / total) + gap * i;
    cells.push({ x: at, y, w: end - at, h });
    at = end + gap;
  }
  return cells;
}

/**
 * The text size at which `text`, wrapped, fits `rect`: `size`, or smaller down to `min` for a long text (a
 * Cognito error with its own words, a password policy). Zepp clips what a TEXT widget cannot hold, and the
 * page cannot measure text before it is drawn on every device, so this estimates: a character takes about
 * 0.55 of the size in width (proportional fonts, with room for where words wrap), a line 1.25 of it.
 */
export function fitTextSize(text: string, rect: Rect, size: number, min: number): number {
  for (let s = size; s > min; s--) if (linesFor(text, rect.w, s) * Math.ceil(s * 1.25) <= rect.h) return s;
  return min;
}

/** The text size at which `text` fits `width` on one line: `size`, or smaller down to `min` (the same
 *  estimate). For what the wearer types, whose end must never be cut off. */
export function fitLineSize(text: string, width: number, size: number, min: number): number {
  for (let s = size; s > min; s--) if (linesFor(text, width, s) <= 1) return s;
  return min;
}

function linesFor(text: string, width: number, size: number): number {
  const perLine = Math.max(1, Math.floor(width / (size * 0.55)));
  return Math.max(1, Math.ceil(text.length / perLine));
}
