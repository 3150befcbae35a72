// @zos/timer in the browser: the browser's timers (zml takes setTimeout and clearTimeout from here).
export const setTimeout = (fn: () => void, ms?: number) => window.setTimeout(fn, ms);
export const clearTimeout = (id: number) => window.clearTimeout(id);
export const setInterval = (fn: () => void, ms?: number) => window.setInterval(fn, ms);
export const clearInterval = (id: number) => window.clearInterval(id);
