// @zos/interaction in the browser: the page's key and gesture callbacks. The watch's back key is the
// button under the Zepp watch (and Escape on its screen): press, release, then click, as the watch sends
// them; a click the page does not take goes to the system, which leaves the app. A drag across the screen
// is a swipe (right: the system's back, unless the page takes it).
import { exitApp } from "../runtime-exit";
import { noteSwipe } from "./ui";

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

/** The back key pressed and let go; the app closes when the page does not take the click. */
export function pressBack(): void {
  if (keyCallback) {
    keyCallback(KEY_BACK, KEY_EVENT_PRESS);
    keyCallback(KEY_BACK, KEY_EVENT_RELEASE);
    if (keyCallback && keyCallback(KEY_BACK, KEY_EVENT_CLICK) === true) return;
  }
  exitApp("the back key");
}

/** A swipe; a swipe right the page does not take is the system's back. */
export function swipe(gesture: number): void {
  const taken = gestureCallback ? gestureCallback(gesture) === true : false;
  if (!taken && gesture === GESTURE_RIGHT) exitApp("a swipe right");
}

/** Drags on `screen` of at least SWIPE_PX, mostly in one direction, are swipes. */
const SWIPE_PX = 80;
export function watchSwipes(screen: HTMLElement): void {
  let from: { x: number; y: number } | undefined;
  screen.addEventListener("pointerdown", (e) => (from = { x: e.clientX, y: e.clientY }));
  screen.addEventListener("pointerup", (e) => {
    if (!from) return;
    const dx = e.clientX - from.x;
    const dy = e.clientY - from.y;
    from = undefined;
    if (Math.max(Math.abs(dx), Math.abs(dy)) < SWIPE_PX) return;
    noteSwipe();
    if (Math.abs(dx) > Math.abs(dy)) swipe(dx > 0 ? GESTURE_RIGHT : GESTURE_LEFT);
    else swipe(dy > 0 ? GESTURE_DOWN : GESTURE_UP);
  });
}
