// @zos/utils in the browser: the logger (to the page's console, which the preview's log shows) and px.
interface Logger {
  getLogger(name: string): Logger;
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

function logger(name: string): Logger {
  const write =
    (level: "log" | "warn" | "error") =>
    (...args: unknown[]) =>
      console[level](`${name}: ${args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`);
  return { getLogger: logger, log: write("log"), info: write("log"), debug: write("log"), warn: write("warn"), error: write("error") };
}

export const log: Logger = logger("app");

/** Design pixels to the device's: the preview's screen is drawn at the design size. */
export function px(value: number): number {
  return value;
}
