// Reads a .view or .defs file (XML) into plain nodes. A reader of its own rather than the browser's
// DOMParser, so the same one runs in Node (the test fake) and in the browser (the preview): elements,
// attributes (quoted), text, CDATA, comments, the XML declaration, the five named entities and numeric
// character references. What it cannot read is refused with the file's name and where.

export interface ViewNode {
  tag: string;
  attrs: { [name: string]: string };
  children: ViewNode[];
  /** The text directly inside (for <text> and <textarea>), white space collapsed as Fitbit shows it. */
  text: string;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>\[]*>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NAMED: { [name: string]: string } = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function parseXml(source: string, fileName: string): ViewNode {
  const top: ViewNode = { tag: "", attrs: {}, children: [], text: "" };
  const stack: ViewNode[] = [top];
  const token = new RegExp(TOKEN.source, "g");
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(source))) {
    if (m.index !== at) break;
    at = token.lastIndex;
    const open = stack[stack.length - 1];
    if (m[1] !== undefined) open.text += m[1];
    else if (m[6] !== undefined) open.text += decode(m[6], fileName);
    else if (m[2] !== undefined) {
      if (open.tag !== m[2]) throw new Error(`${fileName}: </${m[2]}> closes <${open.tag || "nothing"}>`);
      stack.pop();
      finish(open);
    } else if (m[3] !== undefined) {
      const node: ViewNode = { tag: m[3], attrs: attributes(m[3], m[4], fileName), children: [], text: "" };
      open.children.push(node);
      if (m[5] === "/") finish(node);
      else stack.push(node);
    }
  }
  if (at !== source.length) throw new Error(`${fileName}: cannot read at ${at}: ${source.substr(at, 30)}`);
  if (stack.length !== 1) throw new Error(`${fileName}: <${stack[stack.length - 1].tag}> is not closed`);
  if (top.children.length !== 1 || top.text.trim() !== "") throw new Error(`${fileName}: not one root element`);
  return top.children[0];
}

function attributes(tag: string, source: string, fileName: string): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  const attr = new RegExp(ATTRIBUTE.source, "g");
  let a: RegExpExecArray | null;
  while ((a = attr.exec(source))) {
    if (out[a[1]] !== undefined) throw new Error(`${fileName}: <${tag}> repeats ${a[1]}`);
    // As XML reads an attribute: tabs and line breaks in it are spaces.
    out[a[1]] = decode((a[2] ?? a[3]).replace(/[\t\n\r]/g, " "), fileName);
  }
  return out;
}

function finish(node: ViewNode): void {
  node.text = node.text.replace(/\s+/g, " ");
}

function decode(s: string, fileName: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref[0] === "#") return String.fromCodePoint(ref[1] === "x" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    if (NAMED[ref] === undefined) throw new Error(`${fileName}: unknown entity ${whole}`);
    return NAMED[ref];
  });
}
