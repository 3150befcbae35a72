// Stand-ins for the Zepp Settings App's components (View, Text, TextInput, Button, Toggle, Select, Section,
// Link), globals of Zepp's settings runtime, drawn as plain HTML, and AppSettingsPage, whose build the
// page runs again on every change of settingsStorage, as Zepp builds the page again. Roughly as the Zepp
// app draws them; the props the project's page uses are followed, `style` only for font size and colour.
type Child = Node | string | number | null | undefined | false;
type Children = Child | Child[];

function el(tag: string, className: string, children?: Children): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  append(e, children);
  return e;
}

function append(parent: HTMLElement, children?: Children): void {
  const list = Array.isArray(children) ? children : [children];
  for (const c of list) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(typeof c === "string" || typeof c === "number" ? String(c) : c);
  }
}

function styled(e: HTMLElement, style?: { [name: string]: unknown }): HTMLElement {
  if (!style) return e;
  if (typeof style.fontSize === "string") e.style.fontSize = style.fontSize;
  if (typeof style.color === "string") e.style.color = style.color;
  return e;
}

export const components = {
  View: (props: { style?: object } = {}, children?: Children) => el("div", "zepp-view", children),
  Text: (props: { bold?: boolean; paragraph?: boolean; style?: { [name: string]: unknown } } = {}, children?: Children) =>
    styled(el(props.paragraph ? "p" : "span", `text${props.bold ? " bold" : ""}`, children), props.style),
  Section: (props: { title?: string; description?: string } = {}, children?: Children) => {
    const section = el("section", "section");
    if (props.title) section.append(el("h2", "", props.title));
    if (props.description) section.append(el("div", "section-description", props.description));
    section.append(el("div", "section-body", children));
    return section;
  },
  TextInput: (props: { label: string; placeholder?: string; value?: string; onChange: (value: string) => void }) => {
    const input = document.createElement("input");
    input.type = "text";
    input.value = props.value || "";
    input.placeholder = props.placeholder || "";
    input.dataset.label = props.label;
    let sent = input.value;
    // Zepp's TextInput hands over what was typed when its editor is confirmed: Enter, or leaving the field.
    const confirm = () => {
      if (input.value === sent) return;
      sent = input.value;
      props.onChange(input.value);
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") confirm();
    });
    input.addEventListener("change", confirm);
    const label = el("label", "", [el("span", "label", props.label), input]);
    return el("div", "text-input", label);
  },
  Button: (props: { label: string; onClick: () => void }) => {
    const b = el("button", "button", props.label) as HTMLButtonElement;
    b.type = "button";
    b.addEventListener("click", () => props.onClick());
    return b;
  },
  Toggle: (props: { label: string; value: boolean; onChange: (value: boolean) => void }) => {
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = !!props.value;
    box.dataset.label = props.label;
    box.addEventListener("change", () => props.onChange(box.checked));
    return el("label", "toggle", [el("span", "", props.label), box]);
  },
  Select: (props: { label: string; options: { name: string; value: string }[]; value?: string; onChange: (value: unknown) => void }) => {
    const select = document.createElement("select");
    select.dataset.label = props.label;
    for (const o of props.options) {
      const option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.name;
      select.append(option);
    }
    if (props.value !== undefined) select.value = props.value;
    select.addEventListener("change", () => props.onChange(select.value));
    return el("label", "select", [el("span", "label", props.label), select]);
  },
  Link: (props: { source: string }, children?: Children) => {
    const a = el("a", "text", children) as HTMLAnchorElement;
    a.href = props.source;
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  },
};
