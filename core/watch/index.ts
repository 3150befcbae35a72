// The watch's UI, free of any platform: the state machine (what a tap or a message does), the keyboard
// as data, what each screen says, and the names of the screens and their elements. A platform's
// renderer (Fitbit's app/ui/render.ts) draws it; nothing here touches a document or a socket.
export { PEEK_MS, TAP_GUARD_MS, initialState, reduce } from "./state";
export type { Button, CodePad, Effect, Keyboard, Purpose, Result, Screen, UiEvent, UiState } from "./state";
export { COLUMNS, KEYS_PER_PAGE, PAGES, ROWS, keyAt, keyLabel, meanTapsPerChar, plan, tapTable, tapsFor } from "./keyboard";
export type { Page, Tap } from "./keyboard";
export { FIELD_CHARS, TITLE_CHARS, codeText, fieldText, fitLine, isSecret, screenOf, timeText, titleOf } from "./present";
export type { Title } from "./present";
export { ID, KEY_COUNT, SCREENS, digitId, keyId, keyLabelId, optionId, optionLabelId, pageId, pageLabelId, screenId } from "./ids";
export type { ScreenName } from "./ids";
