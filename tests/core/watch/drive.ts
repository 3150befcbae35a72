// Driving the watch's state machine in the tests of tests/core/watch/: events in, with the platform's
// clock moving on between them, and the state and the effects out. No document, no socket.
import { ToCompanion, View } from "../../../common/protocol";
import { plan } from "../../../core/watch/keyboard";
import { titleOf } from "../../../core/watch/present";
import { say } from "../../../devkit/messages";
import { Effect, Keyboard, TAP_GUARD_MS, UiEvent, UiState, initialState, reduce } from "../../../core/watch/state";

/** The platform's clock for the events run here (ms); it only moves on, but for setClockBack. */
let clock = 0;
/** The clock set back by `ms`, as a wearer or a time sync may. */
export function setClockBack(ms: number): void {
  clock -= ms;
}
/** Runs events in order, each TAP_GUARD_MS after the one before (a wearer who looks at each new screen
 *  before tapping it); returns the last state and every effect. */
export function run(state: UiState, ...events: UiEvent[]): { state: UiState; effects: Effect[] } {
  return runTimed(state, ...events.map((e): [number, UiEvent] => [TAP_GUARD_MS, e]));
}
/** Runs events in order, each `[ms, event]` ms after the one before. */
export function runTimed(state: UiState, ...steps: [number, UiEvent][]): { state: UiState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const [ms, e] of steps) {
    const r = reduce(state, e, (clock += ms));
    expect(r.state).not.toBe(undefined);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}
export const sent = (effects: Effect[]): ToCompanion[] => effects.flatMap((f) => (f.fx === "send" ? [f.msg] : []));
export const view = (v: View): UiEvent => ({ e: "view", view: v });
/** The key events that type `text` from the page the keyboard shows. */
export function typing(state: UiState, text: string): UiEvent[] {
  const page = state.screen.s === "keyboard" ? state.screen.page : 0;
  return plan(text, page)!.map((t): UiEvent => ("page" in t ? { e: "page", page: t.page } : { e: "key", index: t.key }));
}
export function typed(state: UiState, text: string) {
  return run(state, ...typing(state, text));
}
export const keyboardOf = (state: UiState): Keyboard => {
  if (state.screen.s !== "keyboard") throw new Error("not typing: " + state.screen.s);
  return state.screen;
};
export const online = () => run(initialState(), { e: "open" }).state;
/** The title line in the words of app/i18n/en-US.po (uncut: render.ts fits it to the line). */
export const title = (state: UiState) => {
  const t = titleOf(state);
  return { text: say(t.note), warn: t.warn };
};
export const at = (v: View, state = online()) => run(state, view(v)).state;
export const digits = (code: string): UiEvent[] => [...code].map((d) => ({ e: "digit", digit: Number(d) }));
