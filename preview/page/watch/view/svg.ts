// The browser SVG that draws the model's elements (devkit/fitbit-view): one SVG element per element of
// the view, nested as the view nests them, under the page's 336×336 `screen`. The painter (paint.ts)
// keeps them in step with the model; touches on them are traced back to their element (../screen.ts).
import { ViewElement } from "../../../../devkit/fitbit-view";

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

const nodes = new WeakMap<ViewElement, SVGElement>();
const elements = new WeakMap<Node, ViewElement>();

/** The browser element drawing `el`. */
export function nodeOf(el: ViewElement): SVGElement {
  const node = nodes.get(el);
  if (!node) throw new Error(`<${el.type}> ${el.id}: not drawn`);
  return node;
}

/** The element a browser node draws, if it draws one. */
export function elementOf(node: Node): ViewElement | undefined {
  return elements.get(node);
}

export function mountView(root: ViewElement, screen: SVGSVGElement, warn: (message: string) => void): void {
  nodes.set(root, screen);
  const viewportFill = root.attrs["viewport-fill"];
  if (viewportFill) screen.style.background = viewportFill;
  const mount = (parent: ViewElement) => {
    for (const el of parent.children) {
      const node = createNode(el, warn);
      nodes.set(el, node);
      elements.set(node, el);
      nodeOf(parent).appendChild(node);
      mount(el);
    }
  };
  mount(root);
}

function createNode(el: ViewElement, warn: (message: string) => void): SVGElement {
  let tag = DRAWN_AS[el.type];
  if (!tag) {
    warn(`<${el.type}> is not known to the preview; drawn as a plain group`);
    tag = "g";
  }
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  node.setAttribute("data-type", el.type);
  if (el.id) {
    node.setAttribute("data-id", el.id);
    if (!el.inInstance) node.setAttribute("id", el.id);
  }
  node.setAttribute("class", el.class);
  if (tag === "svg") {
    // Where `viewport-fill` paints; the painter sizes it.
    const background = document.createElementNS(SVG_NS, "rect");
    background.setAttribute("data-viewport-fill", "");
    background.style.pointerEvents = "none";
    node.appendChild(background);
  }
  return node;
}
