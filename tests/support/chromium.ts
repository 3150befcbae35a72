// Debian's Chromium, headless, driven by playwright-core (which downloads no browser of its own). The
// flags keep Chromium from reaching out to Google's services, which this machine's network refuses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BrowserContext, chromium } from "playwright-core";
import { CHROMIUM, SYSTEM_PACKAGES, requireSystemPackage } from "../../devkit/system-packages";

// Checked as the test file loads, before its servers start: without Chromium the file fails at once,
// with the one line that says what to install, rather than each of its tests with a stack trace.
requireSystemPackage(SYSTEM_PACKAGES.chromium);

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser profile in a temporary directory, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "fitbit-cognito-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 1000 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
