// Fitbit's CSS: rules of simple selectors (type, .class, #id, and combinations such as text.label),
// comma-separated lists, later and more specific rules winning. Values are kept as written (unitless
// numbers are Fitbit's pixels); the painter turns them into browser CSS. What Fitbit does not support
// (descendant or child combinators, pseudo-classes, attribute selectors, @rules) is reported and skipped.

export interface Selector {
  tag?: string;
  id?: string;
  classes: string[];
  specificity: number;
}

export interface Rule {
  selector: Selector;
  order: number;
  declarations: { [property: string]: string };
}

export function parseCss(source: string, fileName: string, warn: (message: string) => void): Rule[] {
  const rules: Rule[] = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "");
  const block = /([^{}]+)\{([^{}]*)\}/g;
  let m: RegExpExecArray | null;
  let order = 0;
  while ((m = block.exec(text))) {
    const declarations = parseDeclarations(m[2]);
    for (const raw of m[1].split(",")) {
      const selector = parseSelector(raw.trim());
      if (!selector) {
        warn(`${fileName}: selector "${raw.trim()}" is not one Fitbit supports; skipped`);
        continue;
      }
      rules.push({ selector, order: order++, declarations });
    }
  }
  return rules;
}

function parseDeclarations(body: string): { [property: string]: string } {
  const out: { [property: string]: string } = {};
  for (const part of body.split(";")) {
    const colon = part.indexOf(":");
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .replace(/^'(.*)'$/, "$1");
    if (name && value) out[name] = value;
  }
  return out;
}

function parseSelector(raw: string): Selector | undefined {
  const m = /^([A-Za-z][\w-]*)?((?:[.#][A-Za-z_][\w-]*)*)$/.exec(raw);
  if (!m || raw === "") return undefined;
  const selector: Selector = { classes: [], specificity: 0 };
  if (m[1]) {
    selector.tag = m[1];
    selector.specificity += 1;
  }
  const parts = m[2].match(/[.#][A-Za-z_][\w-]*/g) || [];
  for (const p of parts) {
    if (p[0] === "#") {
      if (selector.id !== undefined && selector.id !== p.slice(1)) return undefined;
      selector.id = p.slice(1);
      selector.specificity += 10000;
    } else {
      selector.classes.push(p.slice(1));
      selector.specificity += 100;
    }
  }
  return selector;
}

export interface Matchable {
  type: string;
  id: string;
  classList: string[];
}

/** The declarations that apply to `element`, the winning value of each property. */
export function cascade(rules: Rule[], element: Matchable): { [property: string]: string } {
  const matching = rules.filter((r) => matches(r.selector, element));
  matching.sort((a, b) => a.selector.specificity - b.selector.specificity || a.order - b.order);
  const out: { [property: string]: string } = {};
  for (const r of matching) for (const name in r.declarations) out[name] = r.declarations[name];
  return out;
}

function matches(s: Selector, e: Matchable): boolean {
  if (s.tag !== undefined && s.tag !== e.type) return false;
  if (s.id !== undefined && s.id !== e.id) return false;
  for (const c of s.classes) if (e.classList.indexOf(c) < 0) return false;
  return true;
}
