// Projects, because the platform modules differ by side: Fitbit's watch ("device") and phone ("companion",
// which also covers settings) and Zepp OS ("zepp") each map the platform modules to their own fakes, while
// "node" runs the platform-free code (Cognito client, crypto, CLI) against real servers.
const tsJest = ["ts-jest", { tsconfig: "tests/tsconfig.json" }];
const common = {
  transform: { "^.+\\.tsx?$": tsJest },
  // Node's, with what a test logs printed only when it fails (tests/support/quiet-console-environment.js).
  testEnvironment: "<rootDir>/tests/support/quiet-console-environment.js",
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
module.exports = {
  testTimeout: 30000,
  // No forceExit: every test stops the servers, emulators and browsers it starts, and the whole run exits
  // on its own (checked). A leaked handle is a defect to see, not to hide: Jest then says it did not exit,
  // and .ci/run's time limit turns the hang into a failure.
  projects: [
    { ...common, displayName: "node", testMatch: ["<rootDir>/tests/node/**/*.test.ts", "<rootDir>/tests/core/**/*.test.ts"] },
    {
      ...common,
      displayName: "device",
      testMatch: ["<rootDir>/tests/device/**/*.test.ts"],
      moduleNameMapper: {
        "^(document|messaging|file-transfer|appbit|display|haptics|clock|system|crypto|device)$": "<rootDir>/devkit/fakes/device/$1.ts",
      },
    },
    {
      ...common,
      displayName: "companion",
      testMatch: ["<rootDir>/tests/companion/**/*.test.ts", "<rootDir>/tests/system/**/*.test.ts"],
      moduleNameMapper: {
        "^(messaging|settings|companion|local-storage|file-transfer|i18n|peer)$": "<rootDir>/devkit/fakes/companion/$1.ts",
      },
    },
    // Zepp OS: the @zos modules the watch page and the side service import map to fakes of the platform
    // (devkit/fakes/zepp/); zml and the core are the real ones.
    {
      ...common,
      displayName: "zepp",
      testMatch: ["<rootDir>/tests/zepp/**/*.test.ts"],
      moduleNameMapper: { "^@zos/(.*)$": "<rootDir>/devkit/fakes/zepp/$1.ts" },
    },
    // The browser preview end to end, in Debian's headless Chromium (tests/support/chromium.ts).
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"] },
  ],
};
