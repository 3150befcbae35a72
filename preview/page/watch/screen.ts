// The watch's screen: the app's resources built into the page's 336×336 SVG, painted after every
// change (batched to one paint per turn), with touches on it delivered to the elements as Fitbit does.
// @ts-ignore: a module the bundler makes from resources/ (preview/server/bundles.ts)
import resources from "preview:resources";
import { buildView } from "./view/build";
import { FbElement, Host } from "./view/element";
import { paintTree } from "./view/paint";

export const SCREEN_SIZE = 336;

const warned: { [message: string]: true } = {};

function warn(message: string): void {
  if (warned[message]) return;
  warned[message] = true;
  console.warn(`[preview] ${message}`);
}

let scheduled = false;
const host: Host = {
  invalidate() {
    if (scheduled) return;
    scheduled = true;
    Promise.resolve().then(paint);
  },
  warn,
};

const svg = document.getElementById("screen") as unknown as SVGSVGElement;
export const root: FbElement = buildView(resources, svg, host);

function paint(): void {
  scheduled = false;
  paintTree(root, SCREEN_SIZE, {
    warn,
    imageUrl: (href) => "/resources/" + href.replace(/^\.?\//, "").replace(/^resources\//, ""),
  });
}
paint();

// ---- touch -----------------------------------------------------------------------------------------
// A finger goes to the topmost element under it that takes touches (pointer-events="visible"): the
// browser finds it, since every other element is drawn with pointer-events none. It gets mousedown,
// mousemove while the finger moves, mouseup, and click when the finger lifts over the element it went
// down on. Elements of a `use` instance also pass the event to the `use`.

const byNode = new WeakMap<Node, FbElement>();
for (const e of root.find(() => true)) if (e.node) byNode.set(e.node, e);

function elementAt(target: EventTarget | null): FbElement | null {
  for (let n = target as Node | null; n && n !== svg; n = n.parentNode) {
    const e = byNode.get(n);
    if (e) return e.prop("pointer-events") === "visible" ? e : null;
  }
  return null;
}

function deliver(e: FbElement | null, type: string, pointer: PointerEvent): void {
  if (!e) return;
  const box = svg.getBoundingClientRect();
  const scale = box.width > 0 ? SCREEN_SIZE / box.width : 1;
  const event = {
    type,
    target: e,
    screenX: Math.round((pointer.clientX - box.left) * scale),
    screenY: Math.round((pointer.clientY - box.top) * scale),
  };
  e.sendEvent(event);
  for (let up = e.parent; up; up = up.parent) if (up.type === "use") up.sendEvent(event);
}

let pressed: FbElement | null = null;
svg.addEventListener("pointerdown", (event) => {
  event.preventDefault();
  pressed = elementAt(event.target);
  deliver(pressed, "mousedown", event);
});
svg.addEventListener("pointermove", (event) => {
  if (pressed) deliver(pressed, "mousemove", event);
});
svg.addEventListener("pointerup", (event) => {
  const over = elementAt(event.target);
  const down = pressed;
  pressed = null;
  deliver(over, "mouseup", event);
  if (over && over === down) deliver(over, "click", event);
});
svg.addEventListener("pointercancel", () => {
  pressed = null;
});
