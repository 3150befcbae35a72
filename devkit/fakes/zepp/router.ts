// A fake of Zepp's @zos/router: what the page asked of the router, for a test to read.
export const calls: string[] = [];

export function exit(): void {
  calls.push("exit");
}
export function back(): void {
  calls.push("back");
}
export function home(): void {
  calls.push("home");
}
export function push(option: { url: string }): void {
  calls.push("push " + option.url);
}
