/**
 * A lesson whose scenario has a recorded real run (lessons/real-runs/passive-mode.json) offers
 * "Real vs simulated" in its transcript panel: a tab, reachable and switchable by keyboard, that
 * shows the simulated and the real control connection side by side — with no serious axe
 * violation, in the light and the dark theme.
 */
import AxeBuilder from "@axe-core/playwright";
import { blurFocus, expect, openLab, stillMotion, test } from "./fixtures";

for (const theme of ["light", "dark"] as const) {
  test(`/lessons/passive-mode: switching to "Real vs simulated" shows both columns (${theme})`, async ({ page, problems }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openLab(page, "/lessons/passive-mode");
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);

    const tabs = page.getByRole("tablist", { name: "Transcript views" });
    const transcriptTab = tabs.getByRole("tab", { name: "Transcript" });
    const realTab = tabs.getByRole("tab", { name: "Real vs simulated" });
    await expect(transcriptTab).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("list", { name: "Control connection transcript" })).toBeVisible();

    // By keyboard: focus the selected tab, → selects the next one (the program's log), End the last,
    // the comparison (and neither steps the lab).
    const position = await page.locator("main").getByText(/^\s*\d+\s*\/\s*\d+/).textContent();
    await transcriptTab.focus();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.getByRole("tab", { name: "As curl logs it" })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("End");
    await expect(realTab).toHaveAttribute("aria-selected", "true");
    await expect(realTab).toBeFocused();
    await expect(page.locator("main").getByText(/^\s*\d+\s*\/\s*\d+/)).toHaveText(position ?? "");

    const table = page.getByRole("table", { name: /Transfer 1, LIST/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Simulated" })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Real (curl -v)" })).toBeVisible();
    await expect(table.getByText("USER anonymous")).toBeVisible();
    await expect(table.getByText("USER demo")).toBeVisible();
    await expect(table.getByText("PASS ****")).toBeVisible();
    await expect(page.getByText("curl 7.88.1")).toBeVisible();
    await expect(page.getByText(/Agree:/)).toBeVisible();

    // The playback keys still step the lab once focus leaves the tabs.
    await blurFocus(page);
    await page.keyboard.press("Home");
    await expect(page.locator("main").getByText(/^\s*\d+\s*\/\s*\d+/)).toHaveText(/^\s*1\s*\//);

    await stillMotion(page);
    const results = await new AxeBuilder({ page }).include('[role="tabpanel"]:not([hidden])').include('[role="tablist"]').analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")})`);
    expect(bad).toEqual([]);

    await realTab.click();
    await transcriptTab.click();
    await expect(page.getByRole("list", { name: "Control connection transcript" })).toBeVisible();
    expect(problems.list).toEqual([]);
  });
}
