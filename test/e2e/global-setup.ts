/**
 * Before any test: the export must exist (`npm run e2e` builds nothing: run `npm run build`
 * first) and so must Debian's Chromium. Either missing fails the run at once with what to do.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { chromiumExecutable } from "./chromium";
import { OUT_DIR } from "./fixtures";

export default function globalSetup(): void {
  if (!existsSync(path.join(OUT_DIR, "index.html"))) {
    throw new Error(`${path.join(OUT_DIR, "index.html")} is missing: run \`npm run build\` first (npm run e2e builds nothing).`);
  }
  chromiumExecutable();
}
