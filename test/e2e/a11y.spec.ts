/**
 * (b) axe-core finds no serious or critical violation on any route, in the light and the dark
 * theme (chosen the way a visitor's choice is remembered: localStorage "ftp-lab-theme", which
 * the layout applies as data-theme on <html> before the first paint).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, ROUTES, stillMotion, test, waitForHydration } from "./fixtures";

const THEMES = ["light", "dark"] as const;

// Mid-session too: a packet on its way, a dropped SYN's row in the sequence (their visible words
// are part of their names, WCAG 2.5.3).
const MID_SESSION = ["/playground?mode=active&cfw=stateful&step=30"] as const;

for (const theme of THEMES) {
  for (const route of [...ROUTES, ...MID_SESSION]) {
    test(`${route} has no serious or critical axe violations (${theme})`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.addInitScript((t) => {
        try {
          localStorage.setItem("ftp-lab-theme", t);
        } catch {
          /* no storage: data-theme is set below */
        }
      }, theme);
      await page.goto(route);
      await page.waitForLoadState("networkidle");
      await waitForHydration(page.locator("body"));
      await page.evaluate((t) => {
        document.documentElement.dataset.theme = t;
      }, theme);
      // Colours are checked as they end up, not halfway through a theme transition.
      await stillMotion(page);

      const results = await new AxeBuilder({ page }).analyze();
      await testInfo.attach(`axe-${theme}.json`, {
        body: JSON.stringify(results.violations, null, 2),
        contentType: "application/json",
      });
      const bad = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"}: ` +
            `${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(" | ")})`,
        );
      expect(bad, `axe violations on ${route} (${theme})`).toEqual([]);
    });
  }
}
