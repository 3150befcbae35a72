// What the Zepp page shows for a state: the list of elements on screen, each with its place, its words
// and what a tap on it does. Pure (no @zos module): the renderer (./render.ts) turns the list into widgets,
// and the tests read it as the wearer would. The words come from `words` (Zepp's getText over the same
// app/i18n/en-US.po the Fitbit watch reads, plus zepp/i18n/page-words.po for what Fitbit's index.view
// writes in the view itself); what is said comes from core/watch's present.ts, as on Fitbit.
import { MAX_OPTIONS } from "../../common/limits";
import { MessageId, Note, isWarning, noteText } from "../../common/messages";
import { View } from "../../common/protocol";
import {
  ID,
  KEY_COUNT,
  PAGES,
  ROWS,
  COLUMNS,
  TITLE_CHARS,
  codeText,
  digitId,
  fieldText,
  fitLine,
  isSecret,
  keyAt,
  keyId,
  keyLabel,
  optionId,
  pageId,
  screenOf,
  timeText,
  titleOf,
} from "../../core/watch";
import type { Button, Keyboard, ScreenName, UiEvent, UiState } from "../../core/watch";
import { BLUE, GREY, KEY_CURRENT, TEXT, TEXT_SMALL, TEXT_WARN } from "./colors";
import { Rect, RowSpec, Size, fitLineSize, fitTextSize, metricsOf, placeRows, titleRect } from "./layout";

/** How a text is set: one line (cut with an ellipsis), wrapped over its box, or one line set smaller
 *  until it fits (what the wearer types: its end is where the typing is, and must show). */
export type TextStyle = "line" | "wrap" | "fit";

export type Element =
  | { kind: "text"; id: string; rect: Rect; text: string; color: number; size: number; style: TextStyle }
  | { kind: "button"; id: string; rect: Rect; text: string; color: number; size: number; tap: UiEvent };

/** An element without its place yet. */
type Unplaced<T> = T extends Element ? Omit<T, "rect"> : never;
/** A cell of a row: an element without its place yet, or room left empty (a blank key). */
type Cell = Unplaced<Element> | null;

interface Row {
  spec: RowSpec;
  cells: Cell[];
}

/** The words of a message ID (Zepp's getText). */
export type Words = (id: string) => string;

/** Every element of the screen `state` shows, on a screen of `size`, at `now` (for the times it says). */
export function describe(state: UiState, now: number, words: Words, size: Size): Element[] {
  const m = metricsOf(size);
  // A word the .po files lack shows as its ID (Cognito's name of an option, say), never as a blank.
  const t = new Texts((id) => words(id) || id, m.text, m.small);
  const title = titleOf(state);
  // The title line: set smaller, down to the small print's size, before its end is cut (the top of a
  // round screen is narrow).
  const titleText = fitLine(t.say(title.note), TITLE_CHARS);
  const titleBox = titleRect(size);
  const out: Element[] = [
    {
      kind: "text",
      id: title.warn ? ID.titleWarn : ID.title,
      rect: titleBox,
      text: titleText,
      color: title.warn ? TEXT_WARN : TEXT,
      size: fitLineSize(titleText, titleBox.w, m.text, m.small),
      style: "line",
    },
  ];
  const rows = rowsOf(screenOf(state), state, now, t);
  const specs: RowSpec[] = [];
  for (let i = 0; i < rows.length; i++) specs.push(rows[i].spec);
  const rects = placeRows(size, specs);
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r].cells.length; c++) {
      const cell = rows[r].cells[c];
      if (!cell) continue;
      const rect = rects[r][c];
      // A long wrapped text, or a typed one, is set smaller rather than cut off.
      let size = cell.size;
      if (cell.kind === "text" && cell.style === "wrap") size = fitTextSize(cell.text, rect, size, m.small - 2);
      if (cell.kind === "text" && cell.style === "fit") size = fitLineSize(cell.text, rect.w, size, m.small - 2);
      out.push({ ...cell, rect, size } as Element);
    }
  }
  return out;
}

/** Builders of cells in the page's sizes and colours, and the words of notes. */
class Texts {
  constructor(
    readonly words: Words,
    readonly size: number,
    readonly small: number,
  ) {}
  say(note: Note | null | undefined): string {
    return note ? noteText(note, this.words) : "";
  }
  sayWith(m: MessageId, x: string): string {
    return noteText({ m, x }, this.words);
  }
  text(id: string, text: string, color: number = TEXT, style: TextStyle = "wrap", size: number = this.size): Cell {
    return { kind: "text", id, text, color, size, style };
  }
  button(id: string, text: string, tap: UiEvent, color: number = GREY): Cell {
    return { kind: "button", id, text, color, size: this.size, tap };
  }
  press(id: string, label: string, name: Button, color: number = GREY): Cell {
    return this.button(id, this.words(label), { e: "button", name }, color);
  }
}

const row = (h: number, cells: Cell[], max?: number, weights?: number[]): Row => ({
  spec: { h, weights: weights || cells.map(() => 1), max },
  cells,
});

/** The rows of each screen: the same parts as the Fitbit screens of resources/index.view. */
function rowsOf(name: ScreenName, state: UiState, now: number, t: Texts): Row[] {
  const sc = state.screen;
  const v = state.view;
  switch (name) {
    case "wait":
      return [row(3, [t.text("wait-text", t.words("zeppWaiting"))], 0.86)];
    case "setup":
      return [
        row(3, [t.text("setup-text", t.words("zeppSetUp"))], 0.86),
        row(2, [t.text(ID.setupProblem, v && v.s === "setup" ? t.say(v.problem) : "", TEXT_WARN)], 0.86),
      ];
    case "signedOut": {
      if (!v || v.s !== "signedOut") return [];
      const reasonColor = v.reason && !isWarning(v.reason) ? TEXT : TEXT_WARN;
      const rows = [
        row(0.8, [t.text(ID.signedOutUser, v.user || t.words("noUsername"), TEXT, "line")], 0.8),
        row(2, [t.text(ID.signedOutReason, t.say(v.reason), reasonColor, "wrap", t.small)], 0.86),
        row(1.1, [t.press(ID.signIn, "zeppSignIn", "signIn", BLUE)], 0.7),
      ];
      if (!v.passwordless) rows.push(row(1, [t.press(ID.forgot, "zeppForgot", "forgotPassword")], 0.66));
      return rows;
    }
    case "keyboard":
      return sc.s === "keyboard" ? keyboardRows(sc, t) : [];
    case "busy": {
      const label = sc.s === "busy" ? sc.label : v && v.s === "busy" ? v.label : "pleaseWait";
      return [row(2, [t.text(ID.busyLabel, t.words(label))], 0.8)];
    }
    case "newPassword":
      if (!v || v.s !== "newPassword") return [];
      return [
        row(2.6, [t.text(ID.newPasswordText, t.sayWith("newPasswordFor", v.user) + "." + (v.policy ? " " + v.policy : ""))], 0.86),
        row(1.6, [t.text(ID.newPasswordError, t.say(v.error), TEXT_WARN, "wrap", t.small)], 0.86),
        row(1.1, [t.press(ID.newPasswordGo, "zeppChoosePassword", "newPassword", BLUE)], 0.7),
      ];
    case "code":
      return sc.s === "code" ? codeRows(sc.code, v, t) : [];
    case "choose": {
      if (!v || v.s !== "choose") return [];
      const rows: Row[] = [];
      for (let i = 0; i < MAX_OPTIONS && i < v.options.length; i++)
        // Options are looked up by Cognito's own names; one without words shows as its name.
        rows.push(row(1, [t.button(optionId(i), t.words(v.options[i]), { e: "option", index: i })], 0.76));
      return rows;
    }
    case "answer":
      if (!v || v.s !== "answer") return [];
      return [
        row(2.6, [t.text(ID.answerText, question(v, t))], 0.86),
        row(1.4, [t.text(ID.answerError, t.say(v.error), TEXT_WARN, "wrap", t.small)], 0.86),
        row(1.1, [t.press(ID.answerGo, "zeppTypeAnswer", "answer", BLUE)], 0.7),
      ];
    case "signedIn":
      if (!v || v.s !== "signedIn") return [];
      return [
        row(0.8, [t.text(ID.signedInUser, v.user, TEXT, "line")], 0.8),
        row(0.6, [t.text(ID.signedInEmail, v.email || "", TEXT_SMALL, "line", t.small)], 0.8),
        row(
          0.7,
          [t.text(ID.signedInUntil, t.sayWith(v.until > now ? "validUntil" : "expiredAt", timeText(v.until, now)), TEXT, "line")],
          0.86,
        ),
        row(
          0.6,
          [
            t.text(
              ID.signedInRefreshed,
              v.refreshed ? t.sayWith("refreshedAt", timeText(v.refreshed, now)) : "",
              TEXT_SMALL,
              "line",
              t.small,
            ),
          ],
          0.86,
        ),
        row(
          0.6,
          [t.text(ID.signedInChecked, v.checked ? t.sayWith("checkedAt", timeText(v.checked, now)) : "", TEXT_SMALL, "line", t.small)],
          0.86,
        ),
        row(1.1, [t.press(ID.whoami, "zeppWhoami", "whoami"), t.press(ID.signOut, "zeppSignOut", "signOut", BLUE)], 0.8),
      ];
    case "signOut": {
      const rows = [
        row(2, [t.text("signOut-text", t.words("zeppSignOutHow"))], 0.86),
        row(1, [t.press(ID.here, "zeppHere", "here", BLUE)], 0.7),
        row(1, [t.press(ID.everywhere, "zeppEverywhere", "everywhere")], 0.7),
      ];
      // only for a watch Cognito remembers: sign out and make Cognito forget it
      if (v && v.s === "signedIn" && v.device) rows.push(row(1, [t.press(ID.forget, "zeppForget", "forgetWatch")], 0.62));
      return rows;
    }
    case "error":
      if (!v || v.s !== "error") return [];
      return [
        row(3.2, [t.text(ID.errorText, t.say(v.message))], 0.86),
        row(1.1, [t.press(ID.retry, v.retry === "whoami" ? "retry" : "ok", "retry", BLUE)], 0.7),
      ];
  }
}

/** The keyboard: Show/Hide, the field and Del; the page's keys, 7 by 4; the page keys and OK. */
function keyboardRows(sc: Keyboard, t: Texts): Row[] {
  const rows: Row[] = [];
  const secret = isSecret(sc.purpose);
  rows.push(
    row(
      1,
      [
        secret ? t.button(ID.show, t.words(sc.shown ? "hide" : "show"), { e: "show" }) : null,
        t.text(ID.field, fieldText(sc), TEXT, "fit"),
        t.button(ID.del, t.words("zeppDel"), { e: "del" }),
      ],
      undefined,
      [1.3, 4, 1.3],
    ),
  );
  for (let r = 0; r < ROWS; r++) {
    const cells: Cell[] = [];
    for (let c = 0; c < COLUMNS; c++) {
      const index = r * COLUMNS + c;
      const ch = keyAt(sc.page, index);
      cells.push(ch === "" ? null : t.button(keyId(index), keyLabel(ch), { e: "key", index }));
    }
    rows.push(row(1, cells));
  }
  const bottom: Cell[] = [];
  for (let p = 0; p < PAGES.length; p++)
    bottom.push(t.button(pageId(p), PAGES[p].label, { e: "page", page: p }, p === sc.page ? KEY_CURRENT : GREY));
  bottom.push(t.button(ID.ok, t.words("ok"), { e: "ok" }, BLUE));
  rows.push(row(1, bottom));
  return rows;
}

// KEY_COUNT keys in ROWS × COLUMNS: the grid above is the same one, or a key would go missing.
if (KEY_COUNT !== ROWS * COLUMNS) throw new Error("the keyboard is not a grid");

/** The code pad: the code, a line of information, the digits 1–9, then Del, 0 and OK. */
function codeRows(code: string, v: View | null, t: Texts): Row[] {
  // Why the last code was not taken, else where the code went, what to do first (an authenticator being
  // set up), or the question the digits answer.
  let error: Note | undefined;
  let info = "";
  if (v && v.s === "code") {
    error = v.error;
    info = v.kind === "setup" ? t.words("addKeyFromPhone") : v.dest ? t.sayWith("sentTo", v.dest) : "";
  } else if (v && v.s === "answer") {
    error = v.error;
    info = question(v, t);
  }
  const rows: Row[] = [
    row(1, [t.text(ID.codeField, codeText(code), TEXT, "fit", Math.round(t.size * 1.3))], 0.7),
    row(1.1, [t.text(ID.codeInfo, error ? t.say(error) : info, error ? TEXT_WARN : TEXT_SMALL, "wrap", t.small)], 0.86),
  ];
  for (let r = 0; r < 3; r++) {
    const cells: Cell[] = [];
    for (let c = 1; c <= 3; c++) {
      const d = r * 3 + c;
      cells.push(t.button(digitId(d), "" + d, { e: "digit", digit: d }));
    }
    rows.push(row(1, cells, 0.72));
  }
  rows.push(
    row(
      1,
      [
        t.button(ID.codeDel, t.words("zeppDel"), { e: "del" }),
        t.button(digitId(0), "0", { e: "digit", digit: 0 }),
        t.button(ID.codeOk, t.words("ok"), { e: "ok" }, BLUE),
      ],
      0.72,
    ),
  );
  return rows;
}

/** What an `answer` view asks: the sign-in's own words, else ours. */
function question(v: Extract<View, { s: "answer" }>, t: Texts): string {
  return v.prompt || t.words(v.ask || "answerAsk");
}
