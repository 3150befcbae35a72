// The Settings App's components, globals of Zepp's settings runtime (AppSettingsPage's build returns a tree
// of them), declared here once with the props this page uses, for the page's files to import by name.
// Zepp's TextInput has no password type: what is typed there is visible (the page says so).

export type Element = unknown;
type Children = Element | Element[] | string;

export interface SettingsStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: string): void;
}

declare function View(props: { style?: object }, children?: Children): Element;
declare function Text(props: { bold?: boolean; paragraph?: boolean; align?: string; style?: object }, children?: Children): Element;
declare function TextInput(props: {
  label: string;
  placeholder?: string;
  value?: string;
  maxLength?: number;
  subStyle?: object;
  onChange: (value: string) => void;
}): Element;
declare function Button(props: { label: string; color?: string; style?: object; onClick: () => void }): Element;
declare function Toggle(props: { label: string; value: boolean; onChange: (value: boolean) => void }): Element;
declare function Select(props: {
  label: string;
  options: { name: string; value: string }[];
  value?: string;
  onChange: (value: unknown) => void;
}): Element;
declare function Section(props: { title?: string; description?: string; style?: object }, children?: Children): Element;
declare function Link(props: { source: string }, children?: Children): Element;

// Looked up when called, not when this module loads: the runtime defines them before the page builds.
export const ui = {
  View: (...a: Parameters<typeof View>) => View(...a),
  Text: (...a: Parameters<typeof Text>) => Text(...a),
  TextInput: (...a: Parameters<typeof TextInput>) => TextInput(...a),
  Button: (...a: Parameters<typeof Button>) => Button(...a),
  Toggle: (...a: Parameters<typeof Toggle>) => Toggle(...a),
  Select: (...a: Parameters<typeof Select>) => Select(...a),
  Section: (...a: Parameters<typeof Section>) => Section(...a),
  Link: (...a: Parameters<typeof Link>) => Link(...a),
};
