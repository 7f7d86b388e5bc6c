/**
 * What every end-to-end test shares: a static server of out/ per worker (127.0.0.1, a free port)
 * as the baseURL, a log of the page's problems (console errors, uncaught exceptions, failed
 * requests and HTTP errors), and helpers that read the lab by the accessible names of its
 * contract (see README, "End-to-end tests").
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { startStaticServer, type StaticServer } from "./static-server";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const OUT_DIR = path.resolve(ROOT, process.env.E2E_OUT_DIR ?? "out");
export const SCREENSHOT_DIR = path.resolve(ROOT, process.env.E2E_SCREENSHOT_DIR ?? ".ci/out/screenshots");

export const ROUTES = ["/", "/lessons", "/lessons/active-mode", "/lessons/passive-mode", "/playground", "/glossary", "/diagnose"] as const;

/** `/lessons/active-mode` → `lessons-active-mode`; `/` → `home`. */
export function slugOf(route: string): string {
  return route.replace(/^\/+|\/+$/g, "").replace(/[^a-z0-9]+/gi, "-") || "home";
}

export interface Problems {
  readonly list: string[];
}

interface WorkerFixtures {
  server: StaticServer;
}

interface TestFixtures {
  problems: Problems;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, provide) => {
      const server = await startStaticServer(OUT_DIR);
      await provide(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ server }, provide) => provide(server.url),
  problems: async ({ page }, provide) => {
    const list: string[] = [];
    // Content-Security-Policy violations (scripts/csp.ts): Chromium logs most as console errors,
    // but the event names the directive and the blocked source, in every frame.
    await page.exposeBinding("__reportCspViolation", (_source, v: string) => {
      list.push(`CSP violation: ${v}`);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const report = (window as unknown as { __reportCspViolation?: (v: string) => void }).__reportCspViolation;
        report?.(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || e.documentURI}:${e.lineNumber} (${e.sample || "no sample"})`);
      });
    });
    page.on("console", (msg) => {
      if (msg.type() === "error") list.push(`console error: ${msg.text()} (${msg.location().url || "?"})`);
    });
    page.on("pageerror", (err) => list.push(`uncaught: ${err.name}: ${err.message}`));
    // Chromium reports every answered HEAD fetch (Next's export probes a link's page with HEAD
    // before prefetching it) as failed with net::ERR_ABORTED, whatever the server sent: such a
    // request counts by the status of its response instead.
    const answered = new WeakSet<object>();
    page.on("requestfailed", (req) => {
      const error = req.failure()?.errorText ?? "?";
      if (req.method() === "HEAD" && error === "net::ERR_ABORTED" && answered.has(req)) return;
      list.push(`request failed: ${req.method()} ${req.url()}: ${error}`);
    });
    page.on("response", (res) => {
      answered.add(res.request());
      if (res.status() >= 400) list.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    await provide({ list });
  },
});

export { expect };

export function ensureScreenshotDir(): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return SCREENSHOT_DIR;
}

/** Wait until React has hydrated `target` (its DOM node carries React's props) and effects ran. */
/**
 * Stops every transition and animation, so colours and positions are checked as they end up.
 * A constructed stylesheet, not page.addStyleTag: the pages' CSP refuses inline <style>
 * elements (scripts/csp.ts), and the tests run under it as a visitor's browser does.
 */
export async function stillMotion(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("*,*::before,*::after{transition:none!important;animation:none!important}");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}

export async function waitForHydration(target: Locator): Promise<void> {
  await expect
    .poll(() => target.first().evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), {
      message: "React hydrated the element",
      timeout: 10_000,
    })
    .toBe(true);
  // Effects (keyboard listeners, the playground reading its URL) run after the commit.
  await target.page().evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
  );
}

/** The playback's step slider ("Step"). */
export function stepSlider(page: Page): Locator {
  return page.getByRole("slider", { name: "Step" });
}

/** The step position text, "N/TOTAL" (possibly followed by the time). */
export function position(page: Page): Locator {
  return page.locator("main").getByText(/^\s*\d+\s*\/\s*\d+(?!\d)/);
}

/** Load a page with the lab and wait until it is interactive. */
export async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(stepSlider(page)).toBeVisible();
  await waitForHydration(stepSlider(page));
  await expect(position(page)).toBeVisible();
}

/** Move focus out of any form field so the page's playback keys apply. */
export async function blurFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLElement) el.blur();
  });
}

/** The outcome line for a transfer command (e.g. "LIST") in "Transfer outcomes". */
export function outcome(page: Page, command: string): Locator {
  return page
    .getByRole("status", { name: "Transfer outcomes" })
    .getByRole("listitem")
    .filter({ hasText: new RegExp(`\\b${command}\\b`) });
}

/** Opens lesson step `i` by its button; a prediction gate, if any, is skipped explicitly. */
export async function openLessonStep(page: Page, i: number): Promise<void> {
  const button = page.getByRole("navigation", { name: "Lesson steps" }).getByRole("button", { name: new RegExp(`^Step ${i + 1}:`) });
  await button.click();
  if ((await button.getAttribute("aria-current")) !== "step") {
    const skip = page.getByRole("button", { name: /skip/i });
    if (await skip.count()) await skip.first().click();
    await button.click();
  }
  await expect(button).toHaveAttribute("aria-current", "step");
}
