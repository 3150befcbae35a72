// Draws the model's element tree (devkit/fitbit-view) into its browser SVG (./svg.ts), Fitbit's way:
// positions from lengths (pixels, percentages of the enclosing viewport, "$" after the previous sibling),
// nested <svg> and `use` instances as viewports, `display` and `visibility` (hidden anywhere above hides
// everything below), touch only where pointer-events="visible", text as the model holds it (already cut
// to its text-length) and textarea wrapped into its box. Each element's box is the layout the model
// answers element.x/y/width/height with. Writes to the browser's DOM only what changed.
import { Box, ViewElement } from "../../../../devkit/fitbit-view";
import { fontFor, measurer } from "./fonts";
import { parseLength, resolveLength } from "./length";
import { nodeOf } from "./svg";

interface Viewport {
  width: number;
  height: number;
}

export interface PaintContext {
  warn(message: string): void;
  /** Turns an image href of the view into a URL the page can load. */
  imageUrl(href: string): string;
}

export function paintTree(root: ViewElement, size: number, ctx: PaintContext): void {
  paintChildren(root, { width: size, height: size }, false, ctx);
}

function paintChildren(parent: ViewElement, vp: Viewport, hidden: boolean, ctx: PaintContext): void {
  let previous: Box = { x: 0, y: 0, width: 0, height: 0 };
  const painted = parent.children;
  painted.forEach((child, i) => {
    // Measuring text makes the browser lay out: only when the next sibling is placed after this one.
    const measure = i + 1 < painted.length && placedAfterPrevious(painted[i + 1]);
    const box = paintElement(child, vp, previous, hidden, measure, ctx);
    child.layout = box;
    previous = box;
  });
}

function placedAfterPrevious(el: ViewElement): boolean {
  return ["x", "y", "width", "height"].some((name) => /^\s*\$/.test(el.prop(name) || ""));
}

function paintElement(el: ViewElement, vp: Viewport, previous: Box, hiddenAbove: boolean, measure: boolean, ctx: PaintContext): Box {
  const node = nodeOf(el);
  const p = (name: string) => el.prop(name);
  const hidden = hiddenAbove || p("visibility") === "hidden";
  setStyle(node, "display", p("display") === "none" ? "none" : "");
  setStyle(node, "visibility", hidden ? "hidden" : "visible");
  setStyle(node, "pointer-events", el.takesTouches ? "visible" : "none");
  setStyle(node, "opacity", numberOr(p("opacity"), ""));
  paintFont(el, node);

  const len = (name: string, axis: "x" | "y", fallback: string): number => {
    const raw = p(name) ?? fallback;
    const length = parseLength(raw);
    if (!length) {
      ctx.warn(`#${el.id || el.type}: ${name}="${raw}" is not a length Fitbit reads`);
      return 0;
    }
    const size = axis === "x" ? vp.width : vp.height;
    const end = axis === "x" ? previous.x + previous.width : previous.y + previous.height;
    return resolveLength(length, size, end);
  };
  const rectBox = (fallbackSize: string): Box => ({
    x: len("x", "x", "0"),
    y: len("y", "y", "0"),
    width: Math.max(0, len("width", "x", fallbackSize)),
    height: Math.max(0, len("height", "y", fallbackSize)),
  });
  const fill = colour(p("fill"), ctx);

  switch (el.type) {
    case "rect":
    case "gradientRect": {
      const box = rectBox("0");
      setAttrs(node, { x: box.x, y: box.y, width: box.width, height: box.height });
      setStyle(node, "fill", fill ?? "");
      setStyle(node, "fill-opacity", numberOr(p("fill-opacity"), ""));
      return box;
    }
    case "circle": {
      const cx = len("cx", "x", "0");
      const cy = len("cy", "y", "0");
      const r = Math.max(0, len("r", "x", "0"));
      setAttrs(node, { cx, cy, r });
      setStyle(node, "fill", fill ?? "");
      return { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r };
    }
    case "line": {
      const x1 = len("x1", "x", "0");
      const y1 = len("y1", "y", "0");
      const x2 = len("x2", "x", "0");
      const y2 = len("y2", "y", "0");
      setAttrs(node, { x1, y1, x2, y2 });
      setStyle(node, "stroke", fill ?? "");
      setStyle(node, "stroke-width", numberOr(p("stroke-width"), "1"));
      return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
    }
    case "image": {
      const box = rectBox("0");
      setAttrs(node, { x: box.x, y: box.y, width: box.width, height: box.height, href: ctx.imageUrl(p("href") || "") });
      return box;
    }
    case "arc":
    case "gradientArc": {
      const box = rectBox("0");
      paintArc(node, box, p, fill);
      return box;
    }
    case "text": {
      const x = len("x", "x", "0");
      const y = len("y", "y", "0");
      setAttrs(node, { x, y });
      setStyle(node, "fill", fill ?? "");
      if (node.textContent !== el.text) node.textContent = el.text;
      return measure ? bbox(node) : { x, y, width: 0, height: 0 };
    }
    case "textarea": {
      const box = rectBox("0");
      setStyle(node, "fill", fill ?? "");
      paintTextarea(el, node, box);
      return box;
    }
    case "svg":
    case "use": {
      const box = rectBox("100%");
      setAttrs(node, { x: box.x, y: box.y, width: box.width, height: box.height });
      setStyle(node, "fill", fill ?? "");
      const background = node.firstChild as SVGRectElement | null;
      const viewportFill = colour(p("viewport-fill"), ctx);
      if (background && background.getAttribute("data-viewport-fill") !== null) {
        setAttrs(background, { width: box.width, height: box.height });
        setStyle(background, "fill", viewportFill ?? "none");
      }
      paintChildren(el, { width: box.width, height: box.height }, hidden, ctx);
      return box;
    }
    case "g":
    default: {
      const transform = p("transform");
      setAttrs(node, { transform: transform ? svgTransform(transform, vp) : "" });
      setStyle(node, "fill", fill ?? "");
      paintChildren(el, vp, hidden, ctx);
      return measure ? bbox(node) : { x: 0, y: 0, width: 0, height: 0 };
    }
  }
}

function bbox(node: SVGElement): Box {
  const b = (node as SVGGraphicsElement).getBBox();
  return { x: b.x, y: b.y, width: b.width, height: b.height };
}

function paintFont(el: ViewElement, node: SVGElement): void {
  const family = el.prop("font-family");
  const weight = el.prop("font-weight");
  if (family !== undefined || weight !== undefined) {
    const font = fontFor(family, weight);
    setStyle(node, "font-family", family !== undefined ? font.family : "");
    setStyle(node, "font-weight", String(font.weight));
  }
  setStyle(node, "font-size", px(el.prop("font-size")));
  setStyle(node, "letter-spacing", px(el.prop("letter-spacing")));
  setStyle(node, "text-anchor", el.prop("text-anchor") || "");
  setStyle(node, "text-decoration", el.prop("text-decoration") || "");
}

/**
 * A textarea: words wrapped to its width, as many lines as fit its height (or `rows`), the last cut
 * with an ellipsis when text-overflow is "ellipsis"; `display-align` top/center/bottom; `text-anchor`
 * aligns each line in the box. Line height: `line-increment`, else the font's own.
 */
function paintTextarea(el: ViewElement, node: SVGElement, box: Box): void {
  const inherited = (name: string): string | undefined => {
    for (let e: ViewElement | null = el; e; e = e.parent) {
      const v = e.prop(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const size = parseFloat(inherited("font-size") || "") || 16;
  const font = fontFor(inherited("font-family"), inherited("font-weight"));
  const spacing = parseFloat(inherited("letter-spacing") || "") || 0;
  const m = measurer(font, size, spacing);
  const lineHeight = parseFloat(el.prop("line-increment") || "") || Math.round(m.ascent + m.descent);
  const rows = parseInt(el.prop("rows") || "", 10) || Math.max(1, Math.floor(box.height / lineHeight));

  let lines = wrap(el.text, box.width, m.width);
  if (lines.length > rows) {
    lines = lines.slice(0, rows);
    if (el.prop("text-overflow") === "ellipsis") {
      let last = lines[rows - 1];
      while (last.length > 0 && m.width(last + "\u2026") > box.width) last = last.slice(0, -1);
      lines[rows - 1] = last.replace(/\s+$/, "") + "\u2026";
    }
  }
  const align = el.prop("display-align") || "top";
  const used = lines.length * lineHeight;
  const top = align === "center" ? box.y + (box.height - used) / 2 : align === "bottom" ? box.y + box.height - used : box.y;
  const anchor = inherited("text-anchor") || "start";
  const x = anchor === "middle" ? box.x + box.width / 2 : anchor === "end" ? box.x + box.width : box.x;

  const key = JSON.stringify([lines, x, top, lineHeight, m.ascent]);
  if (node.getAttribute("data-lines") === key) return;
  node.setAttribute("data-lines", key);
  while (node.firstChild) node.removeChild(node.firstChild);
  lines.forEach((line, i) => {
    const span = document.createElementNS("http://www.w3.org/2000/svg", "tspan");
    span.setAttribute("x", String(x));
    span.setAttribute("y", String(top + m.ascent + i * lineHeight));
    span.textContent = line;
    node.appendChild(span);
  });
}

/** Greedy word wrap; a word wider than the box is broken between characters. */
export function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ").filter((w) => w !== "")) {
      const candidate = line ? line + " " + word : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      let rest = word;
      while (measure(rest) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && measure(rest.slice(0, n)) > width) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    if (line || lines.length === 0) lines.push(line);
  }
  return lines;
}

/** Fitbit's arc: a band `arc-width` wide inside the box's ellipse, from `start-angle` (0 = 12 o'clock)
 *  clockwise through `sweep-angle` degrees. */
function paintArc(node: SVGElement, box: Box, p: (name: string) => string | undefined, fill: string | undefined): void {
  const arcWidth = parseFloat(p("arc-width") || "") || 0;
  const start = parseFloat(p("start-angle") || "") || 0;
  const sweep = Math.max(-360, Math.min(360, parseFloat(p("sweep-angle") || "") || 0));
  const rx = Math.max(0, box.width / 2 - arcWidth / 2);
  const ry = Math.max(0, box.height / 2 - arcWidth / 2);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const at = (deg: number) => {
    const rad = ((deg - 90) * Math.PI) / 180;
    return `${cx + rx * Math.cos(rad)} ${cy + ry * Math.sin(rad)}`;
  };
  let d = "";
  if (sweep !== 0) {
    const half = start + sweep / 2;
    const dir = sweep > 0 ? 1 : 0;
    // two halves, so a full circle draws too
    d = `M ${at(start)} A ${rx} ${ry} 0 0 ${dir} ${at(half)} A ${rx} ${ry} 0 0 ${dir} ${at(start + sweep)}`;
  }
  setAttrs(node, { d });
  setStyle(node, "fill", "none");
  setStyle(node, "stroke", fill ?? "");
  setStyle(node, "stroke-width", String(arcWidth));
}

/** Fitbit's group transforms, whose translations may be percentages of the viewport. */
function svgTransform(raw: string, vp: Viewport): string {
  const out: string[] = [];
  const fn = /(translate|rotate|scale)\s*\(([^)]*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = fn.exec(raw))) {
    const args = m[2].split(/[\s,]+/).filter((a) => a !== "");
    if (m[1] === "translate") {
      const x = parseLength(args[0] || "0");
      const y = parseLength(args[1] || "0");
      out.push(`translate(${x ? resolveLength(x, vp.width, 0) : 0} ${y ? resolveLength(y, vp.height, 0) : 0})`);
    } else out.push(`${m[1]}(${args.map(parseFloat).join(" ")})`);
  }
  return out.join(" ");
}

const FITBIT_COLOURS = /^fb-/;

function colour(value: string | undefined, ctx: PaintContext): string | undefined {
  if (value === undefined) return undefined;
  if (FITBIT_COLOURS.test(value)) {
    ctx.warn(`colour "${value}": Fitbit's named colours are not known to the preview`);
    return undefined;
  }
  return value;
}

function px(value: string | undefined): string {
  if (value === undefined) return "";
  return /^-?[\d.]+$/.test(value.trim()) ? `${value.trim()}px` : value;
}

function numberOr(value: string | undefined, fallback: string): string {
  return value !== undefined && value !== "" && !isNaN(parseFloat(value)) ? String(parseFloat(value)) : fallback;
}

function setAttrs(node: Element, attrs: { [name: string]: string | number }): void {
  for (const name in attrs) {
    const v = String(attrs[name]);
    if (v === "") {
      if (node.hasAttribute(name)) node.removeAttribute(name);
    } else if (node.getAttribute(name) !== v) node.setAttribute(name, v);
  }
}

function setStyle(node: SVGElement, name: string, value: string): void {
  if (node.style.getPropertyValue(name) !== value) node.style.setProperty(name, value);
}
