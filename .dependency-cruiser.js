// The architecture, as rules `npm run lint` enforces (dependency-cruiser). The shape they defend:
// core/ runs on every platform and in Node, so it imports no platform module and no shell; the Cognito
// client (core/cognito) imports nothing outside itself; the watch side never holds the client or the
// session; what ships (core, common, the shells) never reaches into the tools; each core folder is
// entered through its index.ts only. CONTRIBUTING.md says where things go.
const SHIPPED = "^(core|common|app|companion|settings|zepp)/";
const TOOLS = "^(cli|devkit|preview|sandbox|tests|bench|scripts)/";

module.exports = {
  forbidden: [
    {
      name: "core-knows-no-platform",
      comment: "core/ and common/ run on every platform: no Fitbit or Zepp module, no Node built-in, no npm package, no shell.",
      severity: "error",
      from: { path: "^(core|common)/" },
      to: {
        pathNot: "^(core|common)/",
      },
    },
    {
      name: "cognito-client-imports-only-itself",
      comment: "The Cognito client is stateless and self-contained: it imports nothing outside core/cognito.",
      severity: "error",
      from: { path: "^core/cognito/" },
      to: { pathNot: "^core/cognito/" },
    },
    {
      name: "common-imports-only-itself",
      comment: "The message protocol is shared by both sides and both platforms: it depends on nothing else.",
      severity: "error",
      from: { path: "^common/" },
      to: { pathNot: "^common/" },
    },
    {
      name: "watch-side-holds-no-client-or-session",
      comment: "The watch never touches the network or a token: no client, no session, no sign-in controller.",
      severity: "error",
      from: { path: "^(app|core/watch|zepp/page)/" },
      to: { path: "^(core/(cognito|session|signin)|companion)/" },
    },
    {
      name: "view-model-is-platform-free",
      comment:
        "The model of the watch's view runs in Node (the test fake) and in the browser (the preview): it imports nothing outside itself, no Node built-in (the Node side reads the files).",
      severity: "error",
      from: { path: "^devkit/fitbit-view/" },
      to: { pathNot: "^devkit/fitbit-view/" },
    },
    {
      name: "shipped-code-uses-no-tool",
      comment: "What ships to a watch or phone never imports the CLI, the sandbox, the preview, the bench, devkit or tests.",
      severity: "error",
      from: { path: SHIPPED },
      to: { path: TOOLS },
    },
    {
      name: "enter-core-through-its-index",
      comment: "Outside a core folder, import it through its index.ts: the rest of its files are its own.",
      severity: "error",
      from: { path: "^(?!core/|tests/core/)" },
      to: { path: "^core/[^/]+/", pathNot: "^core/[^/]+/index\\.ts$" },
    },
    {
      name: "core-folders-meet-at-their-index",
      comment: "One core folder uses another through that folder's index.ts only.",
      severity: "error",
      from: { path: "^core/([^/]+)/" },
      to: { path: "^core/[^/]+/", pathNot: ["^core/$1/", "^core/[^/]+/index\\.ts$"] },
    },
    {
      name: "enter-core-through-its-index",
      comment: "…except a core folder's own unit tests (tests/core/<folder>/), which see its parts as jose's tests do.",
      severity: "error",
      from: { path: "^tests/core/([^/]+)/" },
      to: { path: "^core/[^/]+/", pathNot: ["^core/$1/", "^core/[^/]+/index\\.ts$"] },
    },
    {
      name: "nothing-depends-on-cli-or-tests",
      comment: "Dependencies point one way: the CLI and the tests are leaves (bin/ starts the CLI).",
      severity: "error",
      from: { pathNot: "^(cli|tests|bin)/" },
      to: { path: "^(cli|tests)/" },
    },
    {
      name: "no-unresolvable-import",
      comment: "Every import resolves, except the platform modules the shells and their fakes are given.",
      severity: "error",
      from: { pathNot: "^(app|companion|settings|zepp|preview/page|tests/(companion|device|system|e2e/fixtures))/" },
      to: { couldNotResolve: true },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      // "undetermined": a platform module with a folder's name (Fitbit's "companion", "settings"); a cycle
      // of types alone costs nothing at run time.
      to: { circular: true, dependencyTypesNot: ["undetermined", "type-only"], viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // tests/node/lint/fixture breaks every rule on purpose (its test lints it on its own).
    exclude: { path: "^(node_modules|build|coverage)/|^tests/node/lint/fixture/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.lint.json" },
    enhancedResolveOptions: {
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
