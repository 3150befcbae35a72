// The model of the watch's view that the test fake and the browser preview share (devkit/fitbit-view),
// in Node, with a host that records what it is told instead of failing: the resources read as the watch
// reads them, and what the watch does with them.
import { ViewDocument, ViewElement, ViewFiles, ViewHost, buildView } from "../../devkit/fitbit-view";

function recordingHost() {
  const told = { mistakes: [] as string[], unsupported: [] as string[], changes: 0 };
  const host: ViewHost = {
    changed: () => void told.changes++,
    mistake: (m) => void told.mistakes.push(m),
    unsupported: (m) => void told.unsupported.push(m),
  };
  return { host, told };
}

function build(files: ViewFiles) {
  const { host, told } = recordingHost();
  const root = buildView(files, host);
  const doc = new ViewDocument(root);
  const el = (id: string): ViewElement => {
    const e = doc.getElementById(id);
    if (!e) throw new Error(`no #${id}`);
    return e;
  };
  return { root, doc, el, told };
}

const WIDGETS = `<svg>
  <defs>
    <link rel="stylesheet" href="styles.css" />
    <symbol id="badge">
      <rect id="bg" width="100%" height="100%" class="badge" pointer-events="visible" />
      <g id="inner"><text id="label" text-length="8">?</text></g>
    </symbol>
  </defs>
</svg>`;

const STYLES = `
text { fill: gray; }
.title { fill: white; font-size: 22; }
text.title { fill: silver; }
#heading { fill: gold; }
.gone { display: none; }
`;

describe("resources", () => {
  test("a use of a symbol is an instance of its elements, with its <set>s applied, found through the use", () => {
    const { el, told } = build({
      "index.view": `<svg><use id="b1" href="#badge" x="10" y="20"><set href="#inner/label" attributeName="text-buffer" to="Hi" /></use>
                     <use id="b2" href="#badge"/></svg>`,
      "widget.defs": WIDGETS,
      "styles.css": STYLES,
    });
    expect(el("b1").getElementById("label")!.text).toBe("Hi");
    expect(el("b2").getElementById("label")!.text).toBe("?");
    expect(el("b1").getElementById("label")!.inInstance).toBe(true);
    expect(el("b1").getElementById("bg")!.takesTouches).toBe(true);
    expect(told.mistakes).toEqual([]);
  });

  test("the stylesheet: the more specific rule wins, then the later; code's value wins over both", () => {
    const { el } = build({
      "index.view": `<svg><text id="heading" class="title">a</text><text id="plain" class="title">b</text>
                     <text id="other">c</text><rect id="r" class="title" fill="red"/></svg>`,
      "widget.defs": WIDGETS,
      "styles.css": STYLES,
    });
    expect(el("heading").style.fill).toBe("gold");
    expect(el("plain").style.fill).toBe("silver");
    expect(el("other").style.fill).toBe("gray");
    expect(el("r").style.fill).toBe("white"); // a rule beats the element's attribute
    expect(el("plain").style.fontSize).toBe(22);
    el("plain").style.fill = "blue";
    expect(el("plain").style.fill).toBe("blue");
  });

  test("display and visibility come down the groups, from attributes, the stylesheet or code", () => {
    const { el } = build({
      "index.view": `<svg><g id="screen" display="none"><text id="in">x</text></g>
                     <g id="styled" class="gone"><text id="in2">y</text></g>
                     <g id="veiled" visibility="hidden"><text id="in3" visibility="visible">z</text></g></svg>`,
      "widget.defs": WIDGETS,
      "styles.css": STYLES,
    });
    expect(el("in").shown).toBe(false);
    expect(el("in2").shown).toBe(false);
    expect(el("in3").shown).toBe(false); // hidden above hides everything below, whatever it says
    el("screen").style.display = "inline";
    expect(el("in").shown).toBe(true);
  });

  test("the XML: declaration, comments, CDATA, character references read; what is not well-formed refused", () => {
    const { el } = build({
      "index.view": `<?xml version="1.0" encoding="UTF-8"?>\n<!-- a view -->\n<svg><text id="t">a &amp; b&#8230;&#x21;<![CDATA[ <c> ]]></text></svg>`,
    });
    expect(el("t").text).toBe("a & b\u2026! <c> ");
    expect(() => build({ "index.view": "<svg><text>&nbsp;</text></svg>" })).toThrow(/unknown entity &nbsp;/);
    expect(() => build({ "index.view": "<svg><g></svg>" })).toThrow(/<\/svg> closes <g>/);
    expect(() => build({ "index.view": "<svg><g>" })).toThrow(/not closed/);
    expect(() => build({ "index.view": "<svg/><svg/>" })).toThrow(/not one root element/);
  });
});

describe("what the watch takes quietly is told to the host, and the model goes on as the watch does", () => {
  test("a text longer than its text-length is cut to it", () => {
    const { el, told } = build({ "index.view": `<svg><text id="t" text-length="5">hello</text></svg>` });
    el("t").text = "hello world";
    expect(el("t").text).toBe("hello");
    expect(told.mistakes).toEqual(["#t: text of 11 characters cut to its text-length of 5, as the watch does (it holds 5)"]);
  });

  test("a text set on an element that has none does nothing", () => {
    const { el, told } = build({ "index.view": `<svg><rect id="r"/></svg>` });
    el("r").text = "x";
    expect(el("r").text).toBe("");
    expect(told.mistakes).toEqual(["#r is a <rect>: setting its text does nothing"]);
  });

  test("an id twice, a symbol, file or selector that is not there or not Fitbit's", () => {
    const { told } = build({
      "index.view": `<svg><defs><link rel="stylesheet" href="missing.css"/><link rel="stylesheet" href="s.css"/></defs>
                     <rect id="a"/><rect id="a"/><use href="#nothing"/></svg>`,
      "s.css": "g rect { fill: blue; }",
    });
    expect(told.mistakes).toEqual([
      "index.view: id a twice",
      'index.view: <link href="missing.css">: no such file in resources/',
      's.css: selector "g rect" is not one Fitbit supports; skipped',
      '<use href="#nothing">: no <symbol id="nothing"> in resources/',
    ]);
  });

  test("Fitbit's system widgets and animations are not modelled, and say so", () => {
    const { el, told } = build({
      "index.view": `<svg><use id="tile" href="#tile-list"/><rect id="r"><animate attributeName="x" to="5"/></rect></svg>`,
      "widget.defs": `<svg><defs><link rel="import" href="/mnt/sysassets/system_widget.defs"/></defs></svg>`,
    });
    el("r").animate("enable");
    expect(told.mistakes).toEqual([]);
    expect(told.unsupported).toHaveLength(3);
    expect(el("r").children).toEqual([]);
  });
});

test("geometry: what code set, else the layout's, else the view's own pixels (NaN where only a layout knows)", () => {
  const { el } = build({ "index.view": `<svg><rect id="r" x="10" y="20" width="50%" height="$+4"/></svg>` });
  const r = el("r");
  expect([r.x, r.y, r.width, r.height]).toEqual([10, 20, NaN, NaN]);
  r.layout = { x: 10, y: 20, width: 168, height: 30 };
  expect(r.getBBox()).toMatchObject({ left: 10, top: 20, right: 178, bottom: 50 });
  r.x = 12;
  expect(r.x).toBe(12);
});

test("a button press is keydown, keypress, keyup, to the handlers and then the listeners; keypress decides", () => {
  const { doc } = build({ "index.view": "<svg/>" });
  const heard: string[] = [];
  doc.onkeydown = (e) => heard.push(`on${e.type}`);
  doc.onkeypress = (e) => {
    heard.push(`on${e.type}`);
    if (e.key === "back") e.preventDefault();
  };
  const listener = (e: { type: string }) => heard.push(`listener ${e.type}`);
  doc.addEventListener("keypress", listener);
  doc.addEventListener("keyup", listener);
  expect(doc.pressKey("back")).toEqual({ defaultPrevented: true });
  expect(heard).toEqual(["onkeydown", "onkeypress", "listener keypress", "listener keyup"]);
  doc.removeEventListener("keypress", listener);
  expect(doc.pressKey("down")).toEqual({ defaultPrevented: false });
});

test("handlers get the event with the element as `this`; what code changes is told to the host", () => {
  const { el, told } = build({ "index.view": `<svg><rect id="r"/><text id="t">ab</text></svg>` });
  let self: unknown;
  el("r").onclick = function (this: unknown) {
    self = this;
  };
  el("r").sendEvent({ type: "click" });
  expect(self).toBe(el("r"));
  const before = told.changes;
  el("t").text = "cd";
  el("r").style.fill = "red";
  expect(told.changes).toBe(before + 2);
});
