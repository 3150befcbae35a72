// The files of a resources/ folder that make the watch's view (.view, .defs, .css), read in Node for the
// model in ./fitbit-view (which reads no file itself): the test fake builds its document from them, and
// the preview's bundler embeds them in the watch page.
import { readdirSync, readFileSync } from "fs";
import { join, resolve } from "path";
import type { ViewFiles } from "./fitbit-view";

/** The app's own resources. */
export const RESOURCES_DIR = resolve(__dirname, "..", "resources");

const VIEW_FILES = /\.(view|defs|css)$/;

/** The view's files in `dir` by name, and their paths (for a bundler watching them). */
export function readViewFiles(dir: string = RESOURCES_DIR): { files: ViewFiles; paths: string[] } {
  const files: ViewFiles = {};
  const paths: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!VIEW_FILES.test(name)) continue;
    const path = join(dir, name);
    files[name] = readFileSync(path, "utf8");
    paths.push(path);
  }
  return { files, paths };
}
