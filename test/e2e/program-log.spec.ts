/**
 * The transcript panel's "As <program> logs it" tab, in the playground with lftp behind a client
 * NAT in active mode (PORT refused, passive mode on, a new control connection): reachable and
 * switchable by keyboard without stepping the lab, following the playback position, with no
 * serious axe violation in the light and the projector theme.
 */
import AxeBuilder from "@axe-core/playwright";
import { blurFocus, expect, openLab, position, stillMotion, test } from "./fixtures";

for (const theme of ["light", "projector"] as const) {
  test(`/playground?cli=lftp: "As lftp logs it" follows the lab (${theme})`, async ({ page, problems }) => {
    await openLab(page, "/playground?cli=lftp&mode=active&cnat=1");
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);

    const tabs = page.getByRole("tablist", { name: "Transcript views" });
    const transcriptTab = tabs.getByRole("tab", { name: "Transcript" });
    const programTab = tabs.getByRole("tab", { name: "As lftp logs it" });
    await expect(transcriptTab).toHaveAttribute("aria-selected", "true");

    // By keyboard: → selects the program's log and does not step the lab.
    const before = await position(page).textContent();
    await transcriptTab.focus();
    await page.keyboard.press("ArrowRight");
    await expect(programTab).toHaveAttribute("aria-selected", "true");
    await expect(programTab).toBeFocused();
    await expect(position(page)).toHaveText(before ?? "");

    const log = page.getByRole("list", { name: "As lftp logs it" });
    await expect(log).toBeVisible();
    await expect(page.getByText("lftp -d (its debug log, on stderr)")).toBeVisible();
    await expect(log.getByText("---> PASV")).toHaveCount(0);

    // The last step: the whole session, the reconnect included.
    await blurFocus(page);
    await page.keyboard.press("End");
    await expect(log.getByText("---- Switching passive mode on")).toBeVisible();
    await expect(log.getByText("---> PASV").first()).toBeVisible();
    await expect(log.getByText("<--- 226 Directory send OK.")).toBeVisible();

    await stillMotion(page);
    const results = await new AxeBuilder({ page }).include('[role="tabpanel"]:not([hidden])').include('[role="tablist"]').analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")})`);
    expect(bad).toEqual([]);
    expect(problems.list).toEqual([]);
  });
}
