// Three projects, because the Fitbit modules differ by side: the watch ("device") and the phone
// ("companion", which also covers settings) each map the platform modules to their own fakes, while
// "node" runs the platform-free code (Cognito client, crypto, CLI) against real servers.
const tsJest = ["ts-jest", { tsconfig: "tests/tsconfig.json" }];
const common = {
  transform: { "^.+\\.tsx?$": tsJest },
  testEnvironment: "node",
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
module.exports = {
  testTimeout: 30000,
  // Every test stops the servers and emulators it starts; should one leak a socket all the same, the
  // run still ends once every test has reported, instead of hanging CI.
  forceExit: true,
  projects: [
    { ...common, displayName: "node", testMatch: ["<rootDir>/tests/node/**/*.test.ts"] },
    {
      ...common,
      displayName: "device",
      testMatch: ["<rootDir>/tests/device/**/*.test.ts"],
      moduleNameMapper: {
        "^(document|messaging|file-transfer|appbit|display|haptics|clock|system|crypto|device)$":
          "<rootDir>/tests/fakes/device/$1.ts",
      },
    },
    {
      ...common,
      displayName: "companion",
      testMatch: ["<rootDir>/tests/companion/**/*.test.ts", "<rootDir>/tests/system/**/*.test.ts"],
      moduleNameMapper: {
        "^(messaging|settings|companion|local-storage|file-transfer|i18n)$": "<rootDir>/tests/fakes/companion/$1.ts",
      },
    },
    // The browser preview end to end, in Debian's headless Chromium (tests/e2e/support/browser.ts).
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"] },
  ],
};
