// Fitbit's settings-page components (the globals a settings/index.tsx uses: Page, Section, Text,
// TextInput, Button, Select, Toggle, Link, TextImageRow) drawn as plain HTML, and the render loop: the
// registered page function is called with { settings, settingsStorage } and drawn again after every
// change of settingsStorage, keeping what is being typed in a field.
import { settingValue } from "../../../common/settings-keys";
import { settingsStorage } from "./storage";

type Props = { [name: string]: any };
interface VNode {
  type: unknown;
  props: Props;
  children: unknown[];
}
type Builtin = (props: Props, children: unknown[]) => Node[];

export function createComponent(type: unknown, props: Props | null, ...children: unknown[]): VNode {
  return { type, props: props || {}, children };
}

const builtins = new Map<unknown, Builtin>();

function builtin(name: string, draw: Builtin): unknown {
  const component = () => {
    throw new Error(`${name} is drawn by the preview, not called`);
  };
  builtins.set(component, draw);
  return component;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const name in attrs) {
    const v = attrs[name];
    if (v === undefined || v === null || v === false) continue;
    if (name.startsWith("on")) e.addEventListener(name.slice(2), v);
    else e.setAttribute(name, v === true ? "" : String(v));
  }
  for (const c of children) e.append(c);
  return e;
}

/** JSX (a VNode, string, array, boolean, null) → DOM nodes. */
export function toDom(v: unknown): Node[] {
  if (v === null || v === undefined || typeof v === "boolean") return [];
  if (typeof v === "string" || typeof v === "number") return [document.createTextNode(String(v))];
  if (Array.isArray(v)) return v.flatMap(toDom);
  const node = v as VNode;
  const draw = builtins.get(node.type);
  if (draw) return draw(node.props, node.children);
  if (typeof node.type === "function") return toDom(node.type({ ...node.props, children: node.children }));
  return [document.createTextNode(`[unknown component ${String(node.type)}]`)];
}

/** A label prop may be a string or JSX. */
const label = (v: unknown): Node[] => toDom(v);

// ---- what is being typed survives a redraw ------------------------------------------------------------

const drafts: { [field: string]: string } = {};

/** The value a setting holds, as the components show it (a TextInput's `{"name": …}` → its name). */
function stored(key: string | undefined): string {
  return key ? settingValue(settingsStorage.getItem(key)) : "";
}

export const components = {
  Fragment: builtin("Fragment", (_p, children) => toDom(children)),
  Page: builtin("Page", (_p, children) => [el("main", { class: "page" }, ...toDom(children))]),
  Section: builtin("Section", (p, children) => [
    el(
      "section",
      { class: "section" },
      el("h2", {}, ...label(p.title)),
      el("div", { class: "section-body" }, ...toDom(children)),
      ...(p.description !== undefined ? [el("div", { class: "section-description" }, ...label(p.description))] : []),
    ),
  ]),
  Text: builtin("Text", (p, children) => [
    el(
      "p",
      { class: `text${p.bold ? " bold" : ""}${p.italic ? " italic" : ""}`, style: p.align ? `text-align:${p.align}` : undefined },
      ...toDom(children),
    ),
  ]),
  Link: builtin("Link", (p, children) => [el("a", { href: p.source, target: "_blank", rel: "noopener noreferrer" }, ...toDom(children))]),
  TextImageRow: builtin("TextImageRow", (p) => [
    el("div", { class: "row" }, el("div", {}, ...label(p.label)), el("div", { class: "sublabel" }, ...label(p.sublabel))),
  ]),
  Button: builtin("Button", (p) => [
    el(
      "button",
      {
        type: "button",
        class: p.list ? "button list" : "button",
        onclick: (event: Event) => {
          if (p.onClick) p.onClick(event);
          rerender();
        },
      },
      ...label(p.label),
    ),
  ]),
  TextInput: builtin("TextInput", (p) => {
    const key: string | undefined = p.settingsKey;
    const field = key || `label:${textOf(p.label)}`;
    const input = el("input", {
      type: p.type === "password" ? "password" : p.type === "number" ? "text" : "text",
      inputmode: p.type === "number" ? "numeric" : undefined,
      placeholder: p.placeholder,
      disabled: p.disabled,
      autocomplete: p.type === "password" ? "off" : undefined,
      "data-settings-key": key,
      "data-field": field,
    });
    input.value = drafts[field] !== undefined ? drafts[field] : key ? stored(key) : p.value || "";
    input.addEventListener("input", () => {
      drafts[field] = input.value;
    });
    const form = el(
      "form",
      {
        class: "text-input",
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = input.value;
          delete drafts[field];
          const saved = p.useSimpleValue ? value : JSON.stringify({ name: value });
          if (key) settingsStorage.setItem(key, saved);
          if (p.onChange) p.onChange(p.useSimpleValue ? value : { name: value });
          rerender();
        },
      },
      el("label", {}, el("span", { class: "label" }, ...label(p.label || p.title)), input),
      el("button", { type: "submit", class: "save", disabled: p.disabled }, p.action || "Save"),
    );
    return [form];
  }),
  Select: builtin("Select", (p) => {
    const key: string | undefined = p.settingsKey;
    const options: { name: string }[] = p.options || [];
    let selected = -1;
    try {
      const raw = key ? settingsStorage.getItem(key) : null;
      const value = raw ? JSON.parse(raw) : null;
      if (value && Array.isArray(value.selected)) selected = value.selected[0];
    } catch (_) {
      // nothing chosen yet
    }
    if (selected < 0 && Array.isArray(p.selected)) selected = p.selected[0];
    const select = el(
      "select",
      {
        "data-settings-key": key,
        disabled: p.disabled,
        onchange: () => {
          const i = select.selectedIndex - 1;
          if (i < 0) return;
          const choice = { selected: [i], values: [options[i]] };
          if (key) settingsStorage.setItem(key, JSON.stringify(choice));
          if (p.onSelection) p.onSelection(choice);
          rerender();
        },
      },
      el("option", { value: "", disabled: true }, "Choose…"),
      ...options.map((o, i) => el("option", { value: String(i) }, o.name)),
    );
    select.selectedIndex = selected + 1;
    return [el("label", { class: "select" }, el("span", { class: "label" }, ...label(p.label || p.title)), select)];
  }),
  Toggle: builtin("Toggle", (p) => {
    const key: string | undefined = p.settingsKey;
    const box = el("input", { type: "checkbox", "data-settings-key": key });
    box.checked = key ? settingsStorage.getItem(key) === "true" : false;
    box.addEventListener("change", () => {
      if (key) settingsStorage.setItem(key, box.checked ? "true" : "false");
      if (p.onChange) p.onChange(box.checked);
      rerender();
    });
    return [el("label", { class: "toggle" }, el("span", { class: "label" }, ...label(p.label)), box)];
  }),
};

function textOf(v: unknown): string {
  return toDom(v)
    .map((n) => n.textContent || "")
    .join("");
}

// ---- the render loop -------------------------------------------------------------------------------

type Page = (props: { settings: { [key: string]: string }; settingsStorage: unknown }) => unknown;
let page: Page | null = null;
const mount = document.getElementById("settings") as HTMLElement;

export function registerSettingsPage(component: Page): void {
  page = component;
  rerender();
}

function rerender(): void {
  if (!page || !settingsStorage.ready) return;
  const active = document.activeElement as HTMLInputElement | null;
  const field = active && active.getAttribute && active.getAttribute("data-field");
  const focused = field ? { field, start: active!.selectionStart, end: active!.selectionEnd } : null;
  let nodes: Node[];
  try {
    nodes = toDom(page({ settings: settingsStorage.snapshot(), settingsStorage }));
  } catch (err) {
    nodes = [el("pre", { class: "error" }, `The settings page threw: ${(err as Error).message}`)];
  }
  mount.replaceChildren(...nodes);
  if (focused) {
    const again = mount.querySelector(`[data-field="${CSS.escape(focused.field)}"]`) as HTMLInputElement | null;
    if (again) {
      again.focus();
      if (focused.start !== null) again.setSelectionRange(focused.start, focused.end);
    }
  }
}

settingsStorage.subscribe(rerender);
