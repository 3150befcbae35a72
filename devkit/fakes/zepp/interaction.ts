// A fake of Zepp's @zos/interaction: the page's key and gesture callbacks are kept, and a test presses
// a key or swipes through them (the callback's answer says whether the page took the event).
export const GESTURE_UP = 1;
export const GESTURE_DOWN = 2;
export const GESTURE_LEFT = 3;
export const GESTURE_RIGHT = 4;
export const KEY_BACK = 8;
export const KEY_SELECT = 13;
export const KEY_HOME = 36;
export const KEY_UP = 38;
export const KEY_DOWN = 40;
export const KEY_EVENT_CLICK = 1;
export const KEY_EVENT_LONG_PRESS = 2;
export const KEY_EVENT_DOUBLE_CLICK = 3;
export const KEY_EVENT_PRESS = 4;
export const KEY_EVENT_RELEASE = 5;

type KeyCallback = (key: number, event: number) => boolean;
type GestureCallback = (event: number) => boolean;

let keyCallback: KeyCallback | undefined;
let gestureCallback: GestureCallback | undefined;

const callbackOf = <T>(option: T | { callback: T }): T => (typeof option === "function" ? option : (option as { callback: T }).callback);

export function onKey(option: KeyCallback | { callback: KeyCallback }): void {
  keyCallback = callbackOf(option);
}
export function offKey(): void {
  keyCallback = undefined;
}
export function onGesture(option: GestureCallback | { callback: GestureCallback }): void {
  gestureCallback = callbackOf(option);
}
export function offGesture(): void {
  gestureCallback = undefined;
}

// ---------------------------------------------------------------------------------------------------
// the test's side

/** A press of `key` as the watch sends it: press, release, then click. True when the page took the
 *  click; false when the system would act on it (or nothing listens). */
export function pressKey(key: number): boolean {
  if (!keyCallback) return false;
  keyCallback(key, KEY_EVENT_PRESS);
  keyCallback(key, KEY_EVENT_RELEASE);
  return keyCallback(key, KEY_EVENT_CLICK) === true;
}

/** A swipe; true when the page took it. */
export function swipe(gesture: number): boolean {
  return gestureCallback ? gestureCallback(gesture) === true : false;
}

export function listening(): { key: boolean; gesture: boolean } {
  return { key: !!keyCallback, gesture: !!gestureCallback };
}
