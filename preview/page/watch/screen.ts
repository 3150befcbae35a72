// The watch's screen: the app's resources built by the model of the view (devkit/fitbit-view) and drawn
// in the page's 336×336 SVG, painted after every change (batched to one paint per turn), with touches on
// it delivered to the elements as Fitbit does. What the app does that the watch would take quietly (a
// text cut to its text-length…) and what the preview does not draw is reported once, in the console.
// @ts-ignore: a module the bundler makes from resources/ (preview/server/bundles.ts)
import resources from "preview:resources";
import { Box, ViewElement, ViewHost, buildView } from "../../../devkit/fitbit-view";
import { paintTree } from "./view/paint";
import { elementOf, mountView, nodeOf } from "./view/svg";

export const SCREEN_SIZE = 336;

const warned: { [message: string]: true } = {};

function warn(message: string): void {
  if (warned[message]) return;
  warned[message] = true;
  console.warn(`[preview] ${message}`);
}

let scheduled = false;
const host: ViewHost = {
  changed() {
    if (scheduled) return;
    scheduled = true;
    Promise.resolve().then(paint);
  },
  mistake: warn,
  unsupported: warn,
  screenBox,
};

const svg = document.getElementById("screen") as unknown as SVGSVGElement;
export const root: ViewElement = buildView(resources, host);
mountView(root, svg, warn);

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

function elementAt(target: EventTarget | null): ViewElement | null {
  for (let n = target as Node | null; n && n !== svg; n = n.parentNode) {
    const e = elementOf(n);
    if (e) return e.takesTouches ? e : null;
  }
  return null;
}

function deliver(e: ViewElement | null, type: string, pointer: PointerEvent): void {
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

let pressed: ViewElement | null = null;
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

/** Where an element is drawn on the screen, in screen pixels (getBBox()), as the browser measures it. */
function screenBox(el: ViewElement): Box {
  const node = nodeOf(el) as SVGGraphicsElement;
  if (node === (svg as SVGElement) || !node.ownerSVGElement || typeof node.getBoundingClientRect !== "function")
    return { x: 0, y: 0, width: 0, height: 0 };
  const r = node.getBoundingClientRect();
  const s = svg.getBoundingClientRect();
  const scale = s.width > 0 ? svg.width.baseVal.value / s.width : 1;
  return { x: (r.left - s.left) * scale, y: (r.top - s.top) * scale, width: r.width * scale, height: r.height * scale };
}
