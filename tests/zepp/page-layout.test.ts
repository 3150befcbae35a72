// Every screen of the Zepp page on every screen family it ships for (round 480, 466, 454; square 390×450,
// 320×380), read from the fake @zos/ui's widgets: each widget on the glass (inside the circle on a round
// screen: all four corners), no two widgets overlapping, buttons big enough for a finger, a line of text
// tall enough for its size.
import { View } from "../../common/protocol";
import { PAGES } from "../../core/watch";
import * as ui from "../../devkit/fakes/zepp/ui";
import { PageRig, SIZES, startPageRig } from "../support/zepp-page";
import { Size } from "../../zepp/page/layout";

/** The smallest side of a button, in pixels: the Zepp design guide's minimum touch target is larger on
 *  bigger screens; 30 px on the 320×380 screen is about 6 mm. */
const MIN_BUTTON = 30;
const HOUR = 3600_000;

type Scenario = [name: string, reach: (rig: PageRig) => void];

const view = (v: View) => (rig: PageRig) => rig.receive({ t: "state", view: v });
const SCENARIOS: Scenario[] = [
  ["wait", () => undefined],
  ["setup", view({ s: "setup", problem: { m: "checkClientMetadata" } })],
  ["signedOut", view({ s: "signedOut", user: "someone.with.a.long.name@example.com", reason: { m: "tooManyFailures" } })],
  ...PAGES.map((p, i): Scenario => [
    "keyboard, password, page " + p.label,
    (rig) => {
      view({ s: "signedOut", user: "demo" })(rig);
      rig.tap("Sign in");
      if (i > 0) rig.tap(p.label);
    },
  ]),
  [
    "keyboard, username",
    (rig) => {
      view({ s: "signedOut" })(rig);
      rig.tap("Sign in");
    },
  ],
  ["busy", view({ s: "busy", label: "signingOutEverywhere" })],
  [
    "newPassword",
    view({
      s: "newPassword",
      user: "demo",
      policy: "At least 8 characters, a digit and an upper-case letter",
      error: { m: "newPasswordRejected", x: "Password does not conform to policy" },
    }),
  ],
  ["code", view({ s: "code", kind: "setup", error: { m: "wrongCode" } })],
  ["code for an answer", view({ s: "answer", digits: true, prompt: "The code we sent to your email" })],
  [
    "choose (five options)",
    view({ s: "choose", kind: "challenge", options: ["PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", "SOFTWARE_TOKEN_MFA"] }),
  ],
  [
    "answer",
    view({ s: "answer", prompt: "What is the name of the street you grew up on? ".repeat(2).trim(), error: { m: "answerRefused" } }),
  ],
  [
    "signedIn",
    (rig) =>
      view({
        s: "signedIn",
        user: "demo",
        email: "demo@example.com",
        until: rig.clock.now + HOUR,
        refreshed: rig.clock.now - 60_000,
        checked: rig.clock.now,
        device: true,
      })(rig),
  ],
  [
    "signOut (with Forget this watch)",
    (rig) => {
      view({ s: "signedIn", user: "demo", until: rig.clock.now + HOUR, device: true })(rig);
      rig.tap("Sign out");
    },
  ],
  ["error", view({ s: "error", message: { m: "serviceUnreachable" }, retry: "whoami" })],
];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  what: string;
}

const boxOf = (w: ui.FakeWidget): Box => ({
  x: w.props.x,
  y: w.props.y,
  w: w.props.w,
  h: w.props.h,
  what: `${w.kind} ${JSON.stringify(w.props.text)}`,
});

function offGlass(b: Box, size: Size): string | null {
  if (b.x < 0 || b.y < 0 || b.x + b.w > size.width || b.y + b.h > size.height) return "off the screen";
  if (!size.round) return null;
  const r = size.width / 2;
  for (const [x, y] of [
    [b.x, b.y],
    [b.x + b.w, b.y],
    [b.x, b.y + b.h],
    [b.x + b.w, b.y + b.h],
  ])
    if (Math.hypot(x - r, y - size.height / 2) > r + 0.5) return `corner (${x}, ${y}) outside the circle`;
  return null;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.each(SIZES)("$name", ({ size }) => {
  test.each(SCENARIOS)("%s: on the glass, nothing overlapping, buttons a finger can hit", (_name, reach) => {
    const rig = startPageRig(size);
    reach(rig);
    const widgets = ui.widgets();
    expect(widgets.length).toBeGreaterThan(1);
    const problems: string[] = [];
    const boxes = widgets.map(boxOf);
    for (const b of boxes) {
      const off = offGlass(b, size);
      if (off) problems.push(`${b.what} at ${b.x},${b.y} ${b.w}x${b.h}: ${off}`);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (overlap(boxes[i], boxes[j])) problems.push(`${boxes[i].what} overlaps ${boxes[j].what}`);
    for (const w of widgets) {
      if (w.kind === "button" && (w.props.w < MIN_BUTTON || w.props.h < MIN_BUTTON))
        problems.push(`${boxOf(w).what} is ${w.props.w}x${w.props.h}, under ${MIN_BUTTON} px`);
      if (w.props.h < w.props.text_size) problems.push(`${boxOf(w).what}: ${w.props.h} px high for text of ${w.props.text_size}`);
    }
    expect(problems).toEqual([]);
  });
});

test("the layout uses the screen: the keyboard's keys are wider on a 480 round screen than on the 320 square one", () => {
  const keyWidth = (size: Size) => {
    const rig = startPageRig(size);
    view({ s: "signedOut", user: "demo" })(rig);
    rig.tap("Sign in");
    return ui.buttons("k")[0].props.w;
  };
  expect(keyWidth(SIZES[0].size)).toBeGreaterThan(keyWidth(SIZES[4].size));
});

test("a long wrapped text is set smaller, not cut: a Cognito error with its own words, on every screen size", () => {
  const sizeOf = (text: string) => ui.widgets().find((w) => w.props.text === text)!.props.text_size;
  for (const { size } of SIZES) {
    const rig = startPageRig(size);
    const short = { m: "serviceUnreachable" } as const;
    view({ s: "error", message: short, retry: "whoami" })(rig);
    const shortText = ui.widgets()[1].props.text;
    const plain = sizeOf(shortText);
    const long = { m: "serviceUnreachable", x: "x".repeat(80) } as const;
    view({ s: "error", message: long, retry: "whoami" })(rig);
    const longText = ui.widgets()[1].props.text;
    expect(longText.length).toBeGreaterThan(140);
    expect(sizeOf(longText)).toBeLessThan(plain);
  }
});

test("what the wearer types fits its field on one line on every screen size: the end, where the typing is, is never cut", () => {
  for (const { size } of SIZES) {
    const rig = startPageRig(size);
    view({ s: "signedOut", user: "demo" })(rig);
    rig.tap("Sign in");
    rig.tap("Show");
    rig.type("correct-horse-battery-staple");
    const del = ui.buttons("Del")[0];
    const field = ui.widgets().find((w) => w.kind === "text" && w.props.y === del.props.y)!;
    expect(field.props.text).toBe("\u2026attery-staple");
    // the page's own estimate of a character's width (layout.ts), checked against the field it chose
    expect(field.props.text.length * 0.55 * field.props.text_size).toBeLessThanOrEqual(field.props.w);
  }
});

test("a title is set smaller before its end is cut, where the top of a round screen is narrow", () => {
  for (const { size } of SIZES) {
    const rig = startPageRig(size);
    view({ s: "error", message: { m: "serviceUnreachable" }, retry: "whoami" })(rig);
    const title = ui.widgets()[0];
    expect(title.props.text).toBe("Something went wrong");
    expect(title.props.text.length * 0.55 * title.props.text_size).toBeLessThanOrEqual(title.props.w);
  }
});
