/**
 * End-to-end tests (`npm run e2e`): Debian's Chromium against the static export in out/, served
 * by test/e2e/static-server.ts. Reports: the list on stdout and a JSON report that .ci/run counts
 * (E2E_JSON, default .ci/out/e2e.json); screenshots in .ci/out/screenshots/.
 */
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./test/e2e/chromium";

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: process.env.E2E_RESULTS_DIR ?? ".ci/out/e2e-results",
  globalSetup: "./test/e2e/global-setup.ts",
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON ?? ".ci/out/e2e.json" }]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 720 },
    // global-setup.ts fails the run with instructions when there is no Chromium.
    launchOptions: { executablePath: findChromium() ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS] },
    screenshot: "only-on-failure",
    trace: "off",
    serviceWorkers: "block",
  },
  projects: [{ name: "chromium" }],
});
