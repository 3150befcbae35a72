// Loads the app's resources as the watch does: index.view, with widget.defs (and what it links:
// stylesheets, further .defs files) supplying styles and <symbol> templates. Every `use` of a symbol
// becomes an instance of the symbol's elements, with its <set> children applied; what only configures
// others (defs, link, style, set…) is not an element. Returns the view's <svg> as the root element, each
// element with the stylesheet's rules that apply to it. The files come as text: the caller reads them
// (the test fake from disk, the preview from what its bundler embedded).
import { cascade, parseCss, Rule } from "./css";
import { ViewElement, ViewHost } from "./element";
import { parseXml, ViewNode } from "./xml";

/** The files of the app's resources/ folder the view is made of (.view, .defs, .css), by file name. */
export type ViewFiles = { [fileName: string]: string };

export const VIEW_FILE = "index.view";
/** Elements that only configure others. */
const NOT_ELEMENTS = ["defs", "link", "style", "script", "symbol", "set"];
const ANIMATIONS = ["animate", "animateTransform"];
const SYSTEM_ASSETS = /^\/mnt\/sysassets\//;

export function buildView(files: ViewFiles, host: ViewHost): ViewElement {
  if (files[VIEW_FILE] === undefined) throw new Error(`resources/${VIEW_FILE} is missing`);
  const view = parseXml(files[VIEW_FILE], VIEW_FILE);
  if (view.tag !== "svg") throw new Error(`${VIEW_FILE}: the root element is <${view.tag}>, not <svg>`);
  checkIds(view, host);

  const defs = new Defs(files, host);
  if (files["widget.defs"] !== undefined) defs.load("widget.defs");
  defs.collect(view, VIEW_FILE);

  const root = new ViewElement("svg", view.attrs, "", host);
  for (const child of view.children) make(child, root, false, defs, host);
  for (const e of root.find(() => true)) e.css = cascade(defs.rules, { type: e.type, id: e.id, classList: e.classList });
  return root;
}

/** Ids are the app's handles on the view: one that is there twice finds only the first. */
function checkIds(view: ViewNode, host: ViewHost): void {
  const seen: { [id: string]: true } = {};
  const walk = (node: ViewNode) => {
    for (const c of node.children) {
      if (NOT_ELEMENTS.indexOf(c.tag) >= 0) continue;
      const id = c.attrs["id"];
      if (id !== undefined) {
        if (seen[id]) host.mistake(`${VIEW_FILE}: id ${id} twice`);
        seen[id] = true;
      }
      walk(c);
    }
  };
  walk(view);
}

function make(node: ViewNode, parent: ViewElement, inInstance: boolean, defs: Defs, host: ViewHost): void {
  if (NOT_ELEMENTS.indexOf(node.tag) >= 0) return;
  if (ANIMATIONS.indexOf(node.tag) >= 0) {
    host.unsupported(`<${node.tag}>: animations are not modelled (they play on the watch only)`);
    return;
  }
  const el = new ViewElement(node.tag, node.attrs, node.text, host);
  el.parent = parent;
  el.inInstance = inInstance;
  parent.children.push(el);

  if (node.tag === "use") {
    const href = (node.attrs["href"] || node.attrs["xlink:href"] || "").replace(/^#/, "");
    const symbol = defs.symbols[href];
    if (!symbol) {
      if (defs.systemImports)
        host.unsupported(`<use href="#${href}">: not defined in resources/ (Fitbit's system widgets exist on the watch only)`);
      else host.mistake(`<use href="#${href}">: no <symbol id="${href}"> in resources/`);
      return;
    }
    const instance = clone(symbol);
    for (const set of node.children) if (set.tag === "set") applySet(instance, set, host);
    for (const child of instance.children) make(child, el, true, defs, host);
    return;
  }
  for (const child of node.children) make(child, el, inInstance, defs, host);
}

/** `<set href="#text" attributeName="text-buffer" to="…"/>` inside a `use`: sets the instance element's
 *  text (text-buffer) or attribute. The href may be a path of ids ("group/text"). */
function applySet(instance: ViewNode, set: ViewNode, host: ViewHost): void {
  const path = (set.attrs["href"] || "").replace(/^#/, "").split("/");
  let target: ViewNode | undefined = instance;
  for (const id of path) target = target && findById(target, id);
  const name = set.attrs["attributeName"];
  if (!target || !name) {
    host.mistake(`<set href="${set.attrs["href"]}">: no such element in the symbol`);
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
  /** Something imports Fitbit's system widgets (which only the watch has). */
  systemImports = false;
  private readonly loaded: string[] = [];

  constructor(
    private readonly files: ViewFiles,
    private readonly host: ViewHost,
  ) {}

  load(fileName: string): void {
    if (this.loaded.indexOf(fileName) >= 0) return;
    this.loaded.push(fileName);
    this.collect(parseXml(this.files[fileName], fileName), fileName);
  }

  collect(node: ViewNode, fileName: string): void {
    for (const c of node.children) {
      if (c.tag === "symbol" && c.attrs["id"]) this.symbols[c.attrs["id"]] = c;
      else if (c.tag === "link") this.link(c, fileName);
      else if (c.tag === "defs" || (c.tag === "svg" && fileName !== VIEW_FILE)) this.collect(c, fileName);
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
      this.host.mistake(`${from}: <link href="${href}">: no such file in resources/`);
      return;
    }
    if (rel === "stylesheet") {
      // Later stylesheets win ties, as later rules within one do.
      for (const rule of parseCss(this.files[name], name, (m) => this.host.mistake(m))) {
        rule.order = this.rules.length;
        this.rules.push(rule);
      }
    } else if (rel === "import") this.load(name);
  }
}
