// Reads a .view or .defs file (XML) into plain nodes, with the browser's own XML parser.

export interface ViewNode {
  tag: string;
  attrs: { [name: string]: string };
  children: ViewNode[];
  /** The text directly inside (for <text> and <textarea>), white space collapsed as Fitbit shows it. */
  text: string;
}

export function parseXml(source: string, fileName: string): ViewNode {
  const doc = new DOMParser().parseFromString(source, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`${fileName}: not well-formed XML: ${(error.textContent || "").trim().split("\n")[0]}`);
  return toNode(doc.documentElement);
}

function toNode(element: Element): ViewNode {
  const attrs: { [name: string]: string } = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const a = element.attributes[i];
    attrs[a.name] = a.value;
  }
  const children: ViewNode[] = [];
  let text = "";
  for (let n = element.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === Node.ELEMENT_NODE) children.push(toNode(n as Element));
    else if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE) text += n.nodeValue || "";
  }
  return { tag: element.tagName, attrs, children, text: text.replace(/\s+/g, " ") };
}
