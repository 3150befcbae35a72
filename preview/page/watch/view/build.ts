// Loads the app's resources as the watch does: index.view, with widget.defs (and what it links:
// stylesheets, further .defs files) supplying styles and <symbol> templates. Every `use` of a symbol
// becomes an instance of the symbol's elements, with its <set> children applied. Returns the element
// tree, each element bound to a browser SVG element under `screen`.
import { cascade, parseCss, Rule } from "./css";
import { FbElement, Host } from "./element";
import { parseXml, ViewNode } from "./xml";

export type Resources = { [fileName: string]: string };

const SVG_NS = "http://www.w3.org/2000/svg";
/** Fitbit element → browser element that draws it. */
const DRAWN_AS: { [type: string]: string } = {
  rect: "rect",
  gradientRect: "rect",
  text: "text",
  textarea: "text",
  circle: "circle",
  line: "line",
  image: "image",
  arc: "path",
  gradientArc: "path",
  svg: "svg",
  use: "svg",
  g: "g",
};
/** Elements that only configure others. */
const NOT_DRAWN = ["defs", "link", "style", "script", "symbol", "set", "animate", "animateTransform"];
const SYSTEM_ASSETS = /^\/mnt\/sysassets\//;

export function buildView(files: Resources, screen: SVGSVGElement, host: Host): FbElement {
  const viewName = "index.view";
  if (files[viewName] === undefined) throw new Error("resources/index.view is missing");
  const view = parseXml(files[viewName], viewName);
  if (view.tag !== "svg") throw new Error(`${viewName}: the root element is <${view.tag}>, not <svg>`);

  const defs = new Defs(files, host);
  if (files["widget.defs"] !== undefined) defs.load("widget.defs");
  defs.collect(view, viewName);

  const root = new FbElement("svg", view.attrs, "", host);
  root.node = screen;
  const viewportFill = view.attrs["viewport-fill"];
  if (viewportFill) screen.style.background = viewportFill;
  for (const child of view.children) make(child, root, false, defs, host);
  for (const e of root.find(() => true)) {
    e.css = cascade(defs.rules, { type: e.type, id: e.id, classList: e.classList });
    if (e.node) e.node.setAttribute("class", e.class);
  }
  return root;
}

function make(node: ViewNode, parent: FbElement, inInstance: boolean, defs: Defs, host: Host): void {
  if (NOT_DRAWN.indexOf(node.tag) >= 0) {
    if (node.tag === "animate" || node.tag === "animateTransform") host.warn(`<${node.tag}>: animations are not drawn by the preview`);
    return;
  }
  const el = new FbElement(node.tag, node.attrs, node.text, host);
  el.parent = parent;
  el.inInstance = inInstance;
  parent.children.push(el);
  el.node = createNode(el, host);
  if (parent.node && el.node) parent.node.appendChild(el.node);

  if (node.tag === "use") {
    const href = (node.attrs["href"] || node.attrs["xlink:href"] || "").replace(/^#/, "");
    const symbol = defs.symbols[href];
    if (!symbol) {
      host.warn(defs.systemImports
        ? `<use href="#${href}">: not defined in resources/ (Fitbit's system widgets are not available in the preview)`
        : `<use href="#${href}">: no <symbol id="${href}"> in resources/`);
      return;
    }
    const instance = clone(symbol);
    for (const set of node.children) if (set.tag === "set") applySet(instance, set, host);
    for (const child of instance.children) make(child, el, true, defs, host);
    return;
  }
  for (const child of node.children) make(child, el, inInstance, defs, host);
}

function createNode(el: FbElement, host: Host): SVGElement {
  let tag = DRAWN_AS[el.type];
  if (!tag) {
    host.warn(`<${el.type}> is not known to the preview; drawn as a plain group`);
    tag = "g";
  }
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  node.setAttribute("data-type", el.type);
  if (el.id) {
    node.setAttribute("data-id", el.id);
    if (!el.inInstance) node.setAttribute("id", el.id);
  }
  if (tag === "svg") {
    // Where `viewport-fill` paints; the painter sizes it.
    const background = document.createElementNS(SVG_NS, "rect");
    background.setAttribute("data-viewport-fill", "");
    background.style.pointerEvents = "none";
    node.appendChild(background);
  }
  return node;
}

/** `<set href="#text" attributeName="text-buffer" to="…"/>` inside a `use`: sets the instance element's
 *  text (text-buffer) or attribute. The href may be a path of ids ("group/text"). */
function applySet(instance: ViewNode, set: ViewNode, host: Host): void {
  const path = (set.attrs["href"] || "").replace(/^#/, "").split("/");
  let target: ViewNode | undefined = instance;
  for (const id of path) target = target && findById(target, id);
  const name = set.attrs["attributeName"];
  if (!target || !name) {
    host.warn(`<set href="${set.attrs["href"]}">: no such element in the symbol`);
    return;
  }
  if (name === "text-buffer") target.text = set.attrs["to"] || "";
  else target.attrs[name] = set.attrs["to"] || "";
}

function findById(node: ViewNode, id: string): ViewNode | undefined {
  for (const c of node.children) {
    if (c.attrs["id"] === id) return c;
    const deeper = findById(c, id);
    if (deeper) return deeper;
  }
  return undefined;
}

function clone(node: ViewNode): ViewNode {
  return { tag: node.tag, attrs: { ...node.attrs }, text: node.text, children: node.children.map(clone) };
}

/** Stylesheets and symbols, from the .defs files and the view's own <defs>. */
class Defs {
  readonly rules: Rule[] = [];
  readonly symbols: { [id: string]: ViewNode } = {};
  /** Something imports Fitbit's system widgets (which the preview does not have). */
  systemImports = false;
  private readonly loaded: string[] = [];

  constructor(private readonly files: Resources, private readonly host: Host) {}

  load(fileName: string): void {
    if (this.loaded.indexOf(fileName) >= 0) return;
    this.loaded.push(fileName);
    this.collect(parseXml(this.files[fileName], fileName), fileName);
  }

  collect(node: ViewNode, fileName: string): void {
    for (const c of node.children) {
      if (c.tag === "symbol" && c.attrs["id"]) this.symbols[c.attrs["id"]] = c;
      else if (c.tag === "link") this.link(c, fileName);
      else if (c.tag === "defs" || (c.tag === "svg" && fileName !== "index.view")) this.collect(c, fileName);
    }
  }

  private link(link: ViewNode, from: string): void {
    const href = link.attrs["href"] || "";
    const rel = link.attrs["rel"];
    if (SYSTEM_ASSETS.test(href)) {
      this.systemImports = true;
      return;
    }
    const name = href.replace(/^\.?\//, "").replace(/^resources\//, "");
    if (this.files[name] === undefined) {
      this.host.warn(`${from}: <link href="${href}">: no such file in resources/`);
      return;
    }
    if (rel === "stylesheet") {
      // Later stylesheets win ties, as later rules within one do.
      for (const rule of parseCss(this.files[name], name, (m) => this.host.warn(m))) {
        rule.order = this.rules.length;
        this.rules.push(rule);
      }
    }
    else if (rel === "import") this.load(name);
  }
}
