// Screenshots of what the tests see: always into tests/artifacts/e2e/ (ignored by git); with
// UPDATE_SCREENSHOTS=1 also into docs/screenshots/, the copies the README shows.
import { copyFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Locator } from "playwright-core";

const ROOT = resolve(__dirname, "..", "..");
export const ARTIFACTS = join(ROOT, "tests", "artifacts", "e2e");
export const DOCS = join(ROOT, "docs", "screenshots");
const update = process.env.UPDATE_SCREENSHOTS === "1";

export async function snapshot(target: Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await target.screenshot({ path, animations: "disabled" });
  if (update) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(path, join(DOCS, `${name}.png`));
  }
  return path;
}
