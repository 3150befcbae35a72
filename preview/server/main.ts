// `npm start`: the sandbox and the preview, until Ctrl-C.
//
//   npm start                  port 8080, or a free one when 8080 is taken
//   npm start -- --port 9000   exactly this port
import { join } from "node:path";
import { printable } from "../../devkit/printable";
import { codesUrl } from "../../sandbox/last-code";
import type { DemoSeed } from "../../sandbox/seed-demo";
import { Preview, startPreview } from "./preview";

const DEFAULT_PORT = 8080;
/** cognito-local gets 3 s to stop before it is killed (sandbox/cognito-local.ts); more is a hang. */
const STOP_TIMEOUT_MS = 10000;

export async function main(argv: string[]): Promise<void> {
  let preview: Preview;
  try {
    const asked = portArgument(argv);
    preview = await startPreview({ port: asked ?? DEFAULT_PORT }).catch((err) => {
      if (asked === undefined && (err as NodeJS.ErrnoException).code === "EADDRINUSE") return startPreview({ port: 0 });
      throw err;
    });
  } catch (err) {
    console.error(`npm start: ${printable((err as Error).message)}`);
    process.exitCode = 1;
    return;
  }

  const { demo } = preview;
  console.log(
    [
      "",
      `Cognito sandbox (cognito-local)  ${demo.endpoint}   data: ${preview.cognito.dataDir}`,
      `  user pool ${demo.userPoolId}, app client ${demo.clientId}; tokens last ${demo.tokenLifetime.value} ${demo.tokenLifetime.unit}`,
      `  remembering devices: user pool ${demo.devices.userPoolId}, app client ${demo.devices.clientId} (the same user, MFA optional)`,
      `  custom authentication (a code): user pool ${demo.customAuth.userPoolId}, app client ${demo.customAuth.clientId} (the same user, password ${demo.customAuth.password})`,
      `  MFA required, set up at first sign-in: user pool ${demo.mfaSetup.userPoolId}, app client ${demo.mfaSetup.clientId} (the same user, password ${demo.mfaSetup.password})`,
      `  codes it sends (forgot password, custom challenge): ${codesUrl(demo.endpoint, demo.userPoolId, demo.username)} (pool= the pool in use)`,
      `Demo user  ${demo.username}  temporary password  ${demo.temporaryPassword}  (you will choose a new one)`,
      `The CLI against it (SRP, as the companion signs in; the session file remembers the endpoint):`,
      ...demoCliLines(demo, preview.cognito.dataDir).map((line) => `  ${line}`),
      "",
      `Watch preview  ${preview.url}`,
      "",
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );

  // Ctrl-C reaches us twice under npm (the terminal signals the whole process group, and npm forwards
  // it too), so a repeated signal must not cut the cleanup short; a stuck cleanup is cut after a while.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the preview and cognito-local…`);
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    preview.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(`could not stop cleanly: ${printable((err as Error).message)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

/** The CLI's lines for the demo user, as printed: sign in into a session file in the sandbox's data
 *  directory (so it goes when the sandbox does), then ask who that is, without repeating the endpoint. */
export function demoCliLines(demo: DemoSeed, dataDir: string): string[] {
  const file = shellWord(join(dataDir, "demo-session.json"));
  return [
    `npx fitbit-cognito login --endpoint ${demo.endpoint} --user-pool-id ${demo.userPoolId} --client-id ${demo.clientId} --username ${demo.username} --flow srp --session-file ${file}`,
    `npx fitbit-cognito whoami --session-file ${file}`,
  ];
}

/** A word a POSIX shell reads back as it is (a temp dir may have spaces in its path). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function portArgument(argv: string[]): number | undefined {
  const i = argv.indexOf("--port");
  const raw = i >= 0 ? argv[i + 1] : process.env.PREVIEW_PORT;
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${raw}`);
  return port;
}
