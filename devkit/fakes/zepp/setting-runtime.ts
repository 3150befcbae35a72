// A fake of Zepp's Settings App runtime (the settings page inside the Zepp app on the phone): its
// components (View, Text, TextInput, Button, Toggle, Select, Section, Link) make plain nodes a test can
// search and use, AppSettingsPage takes the page, and "i18n"'s gettext reads app/i18n/en-US.po. The page's
// script is esbuild's bundle of zepp/setting/index.ts (the build's options, "i18n" left to the runtime),
// run in Node's vm; every render is a fresh build, as Zepp builds the page again on a storage change.
import * as path from "path";
import * as vm from "vm";
import { buildSync } from "esbuild";
import { gettext } from "../../messages";

export interface SettingNode {
  type: string;
  props: { [key: string]: any };
  children: SettingNode[];
  /** For text: the string. */
  text?: string;
}

const COMPONENTS = ["View", "Text", "TextInput", "Button", "Toggle", "Select", "Section", "Link"];
const ROOT = path.resolve(__dirname, "../../..");

export function bundleSettingPage(entry = "zepp/setting/index.ts"): string {
  const out = buildSync({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    format: "cjs",
    target: "es2015",
    external: ["i18n", "@zos/*"],
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

function node(type: string, props: any, children?: unknown): SettingNode {
  const kids = children === undefined ? [] : Array.isArray(children) ? children : [children];
  return {
    type,
    props: props || {},
    children: kids
      .filter((c) => c !== null && c !== undefined && c !== false)
      .map((c) =>
        typeof c === "string" || typeof c === "number" ? { type: "#text", props: {}, children: [], text: String(c) } : (c as SettingNode),
      ),
  };
}

export interface SettingStorageLike {
  getItem(key: string): unknown;
  setItem(key: string, value: string): void;
}

/** Loads the page's script; `render` builds it against `storage` (every key it reads is recorded).
 *  `runtime`: more of the Settings App's globals, for the page as zeus ships it (HmUtils' gettext). */
export function loadSettingPage(
  script: string,
  runtime: { [name: string]: unknown } = {},
): { render(storage: SettingStorageLike): SettingNode; keysRead: string[] } {
  let page: { build(props: object): SettingNode } | undefined;
  const keysRead: string[] = [];
  const globals: { [name: string]: unknown } = {
    AppSettingsPage: (options: typeof page) => {
      page = options;
    },
    require: (name: string) => {
      if (name === "i18n") return { gettext };
      throw new Error(`the settings runtime has no module ${name}`);
    },
    module: { exports: {} },
    exports: {},
    console,
  };
  for (const name of COMPONENTS) globals[name] = (props: any, children?: unknown) => node(name, props, children);
  Object.assign(globals, runtime);
  vm.runInContext(script, vm.createContext(globals), { filename: "setting.js" });
  if (!page) throw new Error("the script did not call AppSettingsPage");
  const built = page;
  return {
    keysRead,
    render(storage) {
      const settingsStorage = {
        getItem: (key: string) => {
          keysRead.push(key);
          return storage.getItem(key);
        },
        setItem: (key: string, value: string) => storage.setItem(key, value),
      };
      return built.build({ settingsStorage, settings: {} });
    },
  };
}

export function findAll(tree: SettingNode, match: (n: SettingNode) => boolean, out: SettingNode[] = []): SettingNode[] {
  if (match(tree)) out.push(tree);
  for (const c of tree.children) findAll(c, match, out);
  return out;
}

export function textOf(n: SettingNode): string {
  return n.text !== undefined ? n.text : n.children.map(textOf).join("");
}

/** Every Text's words, in order. */
export function texts(tree: SettingNode): string[] {
  return findAll(tree, (n) => n.type === "Text")
    .map(textOf)
    .filter((t) => t.length > 0);
}

export function input(tree: SettingNode, label: string): SettingNode | undefined {
  return findAll(tree, (n) => (n.type === "TextInput" || n.type === "Select" || n.type === "Toggle") && n.props.label === label)[0];
}

export function button(tree: SettingNode, label: string): SettingNode | undefined {
  return findAll(tree, (n) => n.type === "Button" && n.props.label === label)[0];
}
