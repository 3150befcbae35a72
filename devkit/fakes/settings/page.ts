// Renders the real settings page (settings/index.tsx) without a phone: the Fitbit settings runtime's
// globals (createComponent, registerSettingsPage, Page, Section, TextInput, Button...) are installed,
// the page module is loaded, and each render returns a plain tree a test can search and click.

export interface Node {
  type: string;
  props: { [key: string]: any };
  children: Node[];
  /** For text: the string. */
  text?: string;
}

type Component = (props: any) => any;
const BUILT_INS = ["Page", "Section", "Text", "TextInput", "Button", "Select", "Toggle", "Link", "TextImageRow", "Slider"];

let registered: Component | undefined;

function flatten(children: any[]): any[] {
  const out: any[] = [];
  for (const c of children) {
    if (Array.isArray(c)) out.push(...flatten(c));
    else if (c !== null && c !== undefined && c !== false) out.push(c);
  }
  return out;
}

function toNode(value: any): Node {
  if (typeof value === "string" || typeof value === "number") return { type: "#text", props: {}, children: [], text: String(value) };
  return value as Node;
}

function installGlobals(): void {
  const g = globalThis as any;
  for (const name of BUILT_INS) g[name] = name;
  g.createComponent = (type: string | Component, props: any, ...children: any[]): Node => {
    const kids = flatten(children);
    if (typeof type === "function") return type({ ...(props || {}), children: kids });
    return { type, props: props || {}, children: kids.map(toNode) };
  };
  g.registerSettingsPage = (component: Component) => {
    registered = component;
  };
}

/** Loads settings/index.tsx (once per jest module registry) and returns a renderer. */
export function loadSettingsPage(): (props: { settings: { [key: string]: string | undefined }; settingsStorage: any }) => Node {
  installGlobals();
  require("../../../settings/index");
  if (!registered) throw new Error("settings/index.tsx did not call registerSettingsPage");
  const page = registered;
  return (props) => page(props);
}

export function findAll(node: Node, match: (n: Node) => boolean, out: Node[] = []): Node[] {
  if (match(node)) out.push(node);
  for (const c of node.children) findAll(c, match, out);
  if (node.props) {
    for (const key of ["title", "label", "description"]) {
      const v = node.props[key];
      if (v && typeof v === "object" && v.type) findAll(v, match, out);
    }
  }
  return out;
}

export function textOf(node: Node): string {
  if (node.text !== undefined) return node.text;
  return node.children.map(textOf).join("");
}

export function inputFor(tree: Node, settingsKey: string): Node | undefined {
  return findAll(tree, (n) => (n.type === "TextInput" || n.type === "Select") && n.props.settingsKey === settingsKey)[0];
}

export function button(tree: Node, label: string): Node | undefined {
  return findAll(tree, (n) => n.type === "Button" && n.props.label === label)[0];
}

/** The plain text of every Text node, in order. */
export function texts(tree: Node): string[] {
  return findAll(tree, (n) => n.type === "Text")
    .map(textOf)
    .filter((t) => t.length > 0);
}

/** settingsStorage as the settings page sees it: what the page writes, the companion hears about. */
export function pageSide(storage: { fromPage(key: string, value: string): void; getItem(key: string): string | null }) {
  return {
    getItem: (key: string) => storage.getItem(key),
    setItem: (key: string, value: string) => storage.fromPage(key, value),
  };
}
