// Copies the state onto the elements of resources/index.view and turns taps into events. What to say
// comes from present.ts and the state as message IDs; this is the one place that puts them in words,
// with `words` (Fitbit's gettext over app/i18n/en-US.po), and knows which element shows what. Writes
// are skipped when the value is unchanged, since every write costs the watch a redraw.
import { MAX_OPTIONS } from "../../common/limits";
import { MessageId, Note, isWarning, noteText } from "../../common/messages";
import { View } from "../../common/protocol";
import { DocumentLike, ElementLike } from "../platform";
import { KEY, KEY_CURRENT, TEXT, TEXT_SMALL, TEXT_WARN } from "./colors";
import {
  ID,
  KEY_COUNT,
  SCREENS,
  digitId,
  keyId,
  keyLabelId,
  optionId,
  optionLabelId,
  pageId,
  pageLabelId,
  screenId,
} from "../../core/watch";
import { keyAt, keyLabel, PAGES } from "../../core/watch";
import { TITLE_CHARS, codeText, fieldText, fitLine, isSecret, screenOf, timeText, titleOf } from "../../core/watch";
import { Button, UiEvent, UiState } from "../../core/watch";

export interface Renderer {
  render(state: UiState, now: number): void;
}

/** Looks up every element once (a missing id throws: the view and ids.ts disagree) and binds taps. */
export function createRenderer(doc: DocumentLike, words: (id: string) => string, dispatch: (event: UiEvent) => void): Renderer {
  const elements: { [id: string]: ElementLike } = {};
  const written: { [key: string]: string } = {};

  function el(id: string): ElementLike {
    let e = elements[id];
    if (!e) {
      const found = doc.getElementById(id);
      if (!found) throw new Error("no element #" + id + " in index.view");
      e = elements[id] = found as ElementLike;
    }
    return e;
  }
  function text(id: string, value: string): void {
    if (written["t" + id] === value) return;
    written["t" + id] = value;
    el(id).text = value;
  }
  function show(id: string, visible: boolean): void {
    const value = visible ? "inline" : "none";
    if (written["d" + id] === value) return;
    written["d" + id] = value;
    el(id).style.display = value;
  }
  function fill(id: string, color: string): void {
    if (written["f" + id] === color) return;
    written["f" + id] = color;
    el(id).style.fill = color;
  }
  /** A note in words, or "" when there is none. */
  function say(note: Note | null | undefined): string {
    return note ? noteText(note, words) : "";
  }
  /** What an `answer` view asks: the sign-in's own words, else ours. */
  function question(v: Extract<View, { s: "answer" }>): string {
    return v.prompt || words(v.ask || "answerAsk");
  }
  /** Shows or hides a button and its label together. */
  function showButton(id: string, label: string, visible: boolean): void {
    show(id, visible);
    show(label, visible);
  }
  /** A message with a value after it, as a note with its detail: "Valid until" and "14:05". */
  function sayWith(m: MessageId, x: string): string {
    return noteText({ m, x }, words);
  }
  function tap(id: string, event: UiEvent): void {
    el(id).onclick = () => dispatch(event);
  }

  for (let i = 0; i < KEY_COUNT; i++) tap(keyId(i), { e: "key", index: i });
  for (let p = 0; p < PAGES.length; p++) tap(pageId(p), { e: "page", page: p });
  for (let d = 0; d <= 9; d++) tap(digitId(d), { e: "digit", digit: d });
  for (let i = 0; i < MAX_OPTIONS; i++) tap(optionId(i), { e: "option", index: i });
  tap(ID.del, { e: "del" });
  tap(ID.ok, { e: "ok" });
  tap(ID.show, { e: "show" });
  tap(ID.codeDel, { e: "del" });
  tap(ID.codeOk, { e: "ok" });
  const buttons: [string, Button][] = [
    [ID.signIn, "signIn"],
    [ID.forgot, "forgotPassword"],
    [ID.newPasswordGo, "newPassword"],
    [ID.answerGo, "answer"],
    [ID.whoami, "whoami"],
    [ID.signOut, "signOut"],
    [ID.here, "here"],
    [ID.everywhere, "everywhere"],
    [ID.forget, "forgetWatch"],
    [ID.retry, "retry"],
  ];
  for (let i = 0; i < buttons.length; i++) tap(buttons[i][0], { e: "button", name: buttons[i][1] });

  function render(state: UiState, now: number): void {
    const name = screenOf(state);
    for (let i = 0; i < SCREENS.length; i++) show(screenId(SCREENS[i]), SCREENS[i] === name);
    const title = titleOf(state);
    text(title.warn ? ID.titleWarn : ID.title, fitLine(say(title.note), TITLE_CHARS));
    show(ID.title, !title.warn);
    show(ID.titleWarn, title.warn);

    const sc = state.screen;
    const v = state.view;
    // What was typed leaves the elements with the screen, so no hidden element keeps a password.
    if (sc.s !== "keyboard") text(ID.field, "");
    if (sc.s !== "code") text(ID.codeField, "");
    if (sc.s === "keyboard") {
      text(ID.field, fieldText(sc));
      showButton(ID.show, ID.showLabel, isSecret(sc.purpose));
      text(ID.showLabel, words(sc.shown ? "hide" : "show"));
      for (let i = 0; i < KEY_COUNT; i++) {
        const c = keyAt(sc.page, i);
        show(keyId(i), c !== "");
        show(keyLabelId(i), c !== "");
        text(keyLabelId(i), keyLabel(c));
      }
      for (let p = 0; p < PAGES.length; p++) {
        text(pageLabelId(p), PAGES[p].label);
        fill(pageId(p), p === sc.page ? KEY_CURRENT : KEY);
      }
    } else if (sc.s === "code") {
      text(ID.codeField, codeText(sc.code));
      // The info line: why the last code was not taken, else where the code went, what to do first (an
      // authenticator being set up), or the question the digits answer.
      let error: Note | undefined;
      let info = "";
      if (v && v.s === "code") {
        error = v.error;
        info = v.kind === "setup" ? words("addKeyFromPhone") : v.dest ? sayWith("sentTo", v.dest) : "";
      } else if (v && v.s === "answer") {
        error = v.error;
        info = question(v);
      }
      text(ID.codeInfo, error ? say(error) : info);
      fill(ID.codeInfo, error ? TEXT_WARN : TEXT_SMALL);
    } else if (sc.s === "busy") {
      text(ID.busyLabel, words(sc.label));
    } else if (sc.s === "signOut") {
      showButton(ID.forget, ID.forgetLabel, !!(v && v.s === "signedIn" && v.device));
    } else if (sc.s === "view" && v) {
      if (v.s === "setup") {
        text(ID.setupProblem, say(v.problem));
      } else if (v.s === "signedOut") {
        text(ID.signedOutUser, v.user || words("noUsername"));
        text(ID.signedOutReason, say(v.reason));
        // "Signed out." is what the wearer asked for: said plainly; a failure is a warning.
        fill(ID.signedOutReason, v.reason && !isWarning(v.reason) ? TEXT : TEXT_WARN);
        showButton(ID.forgot, ID.forgotLabel, !v.passwordless);
      } else if (v.s === "busy") {
        text(ID.busyLabel, words(v.label));
      } else if (v.s === "newPassword") {
        text(ID.newPasswordText, sayWith("newPasswordFor", v.user) + "." + (v.policy ? " " + v.policy : ""));
        text(ID.newPasswordError, say(v.error));
      } else if (v.s === "answer") {
        text(ID.answerText, question(v));
        text(ID.answerError, say(v.error));
      } else if (v.s === "choose") {
        for (let i = 0; i < MAX_OPTIONS; i++) {
          const option = v.options[i];
          show(optionId(i), !!option);
          show(optionLabelId(i), !!option);
          // Options are looked up by Cognito's own names; one without words shows as its name.
          text(optionLabelId(i), option ? words(option) : "");
        }
      } else if (v.s === "signedIn") {
        text(ID.signedInUser, v.user);
        text(ID.signedInEmail, v.email || "");
        text(ID.signedInUntil, sayWith(v.until > now ? "validUntil" : "expiredAt", timeText(v.until, now)));
        text(ID.signedInRefreshed, v.refreshed ? sayWith("refreshedAt", timeText(v.refreshed, now)) : "");
        text(ID.signedInChecked, v.checked ? sayWith("checkedAt", timeText(v.checked, now)) : "");
      } else if (v.s === "error") {
        text(ID.errorText, say(v.message));
        text(ID.retryLabel, words(v.retry === "whoami" ? "retry" : "ok"));
      }
    }
  }

  return { render };
}
