/**
 * Debian's Chromium, launched as ../shared/notes/stack.md says (never a browser that Playwright
 * downloads). CHROMIUM_PATH overrides where it is.
 *
 * The fresh --user-data-dir: Playwright's launch() always starts from a new, empty profile in a
 * temporary folder it makes (and removes) itself, and refuses a --user-data-dir argument, so it
 * is not in this list.
 */
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary to launch, or null when none is installed. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

/** The executable to launch, with a message that says what to do when there is none. */
export function chromiumExecutable(): string {
  const found = findChromium();
  if (found) return found;
  throw new Error(
    `No Chromium found (${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : CANDIDATES.join(", ")}). ` +
      "Install Debian's: `apt-get update && apt-get install -y chromium` (never `npx playwright install`), " +
      "or set CHROMIUM_PATH.",
  );
}

export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // No look-ups of outside hosts: only the local static server resolves.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];
