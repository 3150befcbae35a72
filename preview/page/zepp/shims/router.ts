// @zos/router in the browser: exit() closes the app (its page's onDestroy, the screen dark, "open again");
// the page pushes no other page.
import { exitApp } from "../runtime-exit";

export function exit(): void {
  exitApp("exit()");
}
export function back(): void {
  exitApp("back()");
}
export function home(): void {
  exitApp("home()");
}
export function push(option: { url: string }): void {
  console.warn(`[preview] @zos/router: push(${option && option.url}) is not followed (one page)`);
}
