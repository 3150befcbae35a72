// A fake of Zepp's @zos/utils: its logger, whose lines a test can read.
export const lines: string[] = [];

interface Logger {
  getLogger(name: string): Logger;
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  error(...args: unknown[]): void;
  info(...args: unknown[]): void;
}

function logger(name: string): Logger {
  const write = (...args: unknown[]) => void lines.push(name + ": " + args.map(String).join(" "));
  return { getLogger: logger, log: write, warn: write, debug: write, error: write, info: write };
}

export const log: Logger = logger("app");

export function px(value: number): number {
  return value;
}
