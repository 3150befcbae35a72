// What both Zepp runtimes (the device's and the side service's) give every script but no declaration
// here declares: the console (the core's log lines fall back to it; @zeppos/device-types 4.0.0 has none).
declare var console: {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
