// The document fake keeps the device's rules that tests rely on.
import { FakeDocument, parseView } from "../../devkit/fakes/device/document";

const doc = (xml: string) => new FakeDocument(parseView(xml));
const view = `<svg>
  <!-- a comment -->
  <g id="screen" display="none">
    <rect id="hidden-button" pointer-events="visible" x="0" y="0" width="10" height="10" />
  </g>
  <rect id="button" class="btn wide" pointer-events="visible" />
  <rect id="decor" class="btn" />
  <text id="label" text-length="8">a &amp; b</text>
  <textarea id="body">Initial text</textarea>
</svg>`;

test("ids, classes, types and text come from the view; unknown ids are null", () => {
  const d = doc(view);
  expect(d.getElementById("label")!.text).toBe("a & b");
  expect(d.getElementById("nope")).toBeNull();
  expect(() => d.element("nope")).toThrow(/no element #nope/);
  expect(d.getElementsByClassName("btn").map((e) => e.id)).toEqual(["button", "decor"]);
  expect(d.getElementsByTagName("rect")).toHaveLength(3);
  expect(d.getElementById("screen")!.getElementById("hidden-button")!.width).toBe(10);
});

test("a text holds its text-length, or the length of its text in the view", () => {
  const d = doc(view);
  d.element("label").text = "12345678";
  expect(() => (d.element("label").text = "123456789")).toThrow(/holds 8/);
  d.element("body").text = "Short";
  expect(() => (d.element("body").text = "Longer than before")).toThrow(/holds 12/);
});

test("taps reach only shown elements that take touches", () => {
  const d = doc(view);
  const events: string[] = [];
  d.element("button").onclick = () => events.push("click");
  d.element("button").onmousedown = () => events.push("down");
  d.tap("button");
  expect(events).toEqual(["down", "click"]);
  d.element("hidden-button").onclick = () => events.push("hidden");
  expect(() => d.tap("hidden-button")).toThrow(/not shown/);
  d.element("screen").style.display = "inline";
  d.tap("hidden-button");
  expect(events).toContain("hidden");
  d.element("decor").onclick = () => undefined;
  expect(() => d.tap("decor")).toThrow(/does not take touches/);
});

test("visibleTexts lists what is on screen", () => {
  const d = doc(view);
  d.element("label").style.visibility = "hidden";
  expect(d.visibleTexts()).toEqual(["Initial text"]);
});

test("the back button reaches onkeypress and listeners; preventDefault is reported", () => {
  const d = doc(view);
  d.onkeypress = (e) => e.key === "back" && e.preventDefault();
  expect(d.press("back").defaultPrevented).toBe(true);
  expect(d.press("down").defaultPrevented).toBe(false);
});

test("a malformed view is refused", () => {
  expect(() => parseView("<svg><g></svg>")).toThrow(/closes/);
  expect(() => parseView('<svg><rect id="a"/><rect id="a"/></svg>')).toThrow(/id a twice/);
  expect(() => parseView("<svg><rect x=1 /></svg>")).toThrow(/cannot read/);
});
