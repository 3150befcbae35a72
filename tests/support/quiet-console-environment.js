// The test environment of every jest project (jest.config.js): Node's, with the console held back test by
// test. What the code under test writes to the console (the companion logs every refresh) is printed
// only when the test fails, so a passing run shows its results, and a failing test still shows all it
// logged. What a test file prints itself (a measurement it reports) is printed as it comes. A test's
// lines are those since the test before it ended: the first test's include beforeAll's.
// Plain JavaScript: jest loads an environment untransformed.
"use strict";
const { format } = require("util");
const { TestEnvironment } = require("jest-environment-node");

const METHODS = ["log", "info", "debug", "warn", "error"];

class QuietConsoleEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    /** What was logged since the last test ended, as [method, text]; null while nothing is held. */
    this.held = null;
    this.original = {};
  }

  /** jest-circus calls this for each of its events, in order. */
  handleTestEvent(event) {
    switch (event.name) {
      // The file's tests start (its module has loaded, and anything it logged went through).
      case "run_start":
        this.hold();
        break;
      // Shown with the test that failed: its own lines, and those of the hooks that ran for it
      // (beforeAll, beforeEach, afterEach).
      case "test_done":
        this.release(event.test.errors.length > 0);
        break;
      case "hook_failure":
        this.release(true);
        break;
      // What afterAll logged, when it did not fail; then the console is the test's again.
      case "run_finish":
        this.release(false);
        this.held = null;
        break;
    }
  }

  hold() {
    const console = this.global.console;
    this.held = [];
    for (const method of METHODS) {
      const original = console[method];
      this.original[method] = original;
      console[method] = (...args) => {
        if (this.held && !calledFromTestFile()) this.held.push([method, format(...args)]);
        else original.apply(console, args);
      };
    }
  }

  /** Prints what is held when `show`, and forgets it either way. */
  release(show) {
    const lines = this.held || [];
    if (this.held) this.held = [];
    if (show) for (const [method, text] of lines) this.original[method].call(this.global.console, text);
  }
}

/** Whether the console method was called from a test file itself, rather than from the code it runs. */
function calledFromTestFile() {
  // 0: "Error", 1: this function, 2: the method in hold(), 3: its caller.
  const caller = (new Error().stack || "").split("\n")[3] || "";
  return /\.test\.[jt]sx?:\d+:\d+\)?$/.test(caller);
}

module.exports = QuietConsoleEnvironment;
