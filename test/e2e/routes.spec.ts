/**
 * (a) Every route loads with no console error, no uncaught exception, no failed request and no
 * HTTP error, at a desktop and a phone viewport; a screenshot of each goes to
 * .ci/out/screenshots/ (taken before the checks, so a failing page is pictured too).
 */
import path from "node:path";
import { ensureScreenshotDir, expect, ROUTES, slugOf, test, waitForHydration } from "./fixtures";

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
] as const;

for (const route of ROUTES) {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`${route} loads cleanly at ${size}`, async ({ page, problems }) => {
      await page.setViewportSize(viewport);
      const response = await page.goto(route);
      await page.waitForLoadState("networkidle");
      await waitForHydration(page.locator("body"));
      await page.screenshot({ path: path.join(ensureScreenshotDir(), `${slugOf(route)}--${size}.png`) });

      expect(response?.status(), `HTTP status of ${route}`).toBe(200);
      await expect(page.locator("main")).toBeVisible();
      await expect(page.locator("h1").first()).toBeVisible();
      expect(await page.title()).not.toBe("");
      expect(problems.list, `problems on ${route}`).toEqual([]);
    });
  }
}
