/**
 * The curriculum in Chromium: every lesson opens cleanly; a prediction is asked, graded by the
 * simulator's answer and remembered; a try-it knob re-simulates the learner's setup; the index
 * shows level, time, concepts and progress, and progress resets; figures are drawn; axe finds no
 * serious violation with a prediction answered.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, openLab, ROOT, stillMotion, test, waitForHydration } from "./fixtures";

const SLUGS = readdirSync(path.join(ROOT, "lessons"))
  .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
  .map((f) => f.replace(/\.json$/, ""));

test("every lesson opens with its narration and no console error or failed request", async ({ page, problems }) => {
  // Fourteen pages, one after another: more than one test's default 30 s on a loaded 2-core machine.
  test.setTimeout(180_000);
  expect(SLUGS.length).toBeGreaterThanOrEqual(14);
  for (const slug of SLUGS) {
    await openLab(page, `/lessons/${slug}`);
    await expect(page.getByRole("navigation", { name: "Lesson steps" })).toBeVisible();
    await expect(page.getByText(/^Lesson step 1 of \d+/)).toBeVisible();
    // Let this page's own chunks finish loading before the next navigation aborts them.
    await page.waitForLoadState("networkidle");
  }
  expect(problems.list).toEqual([]);
});

test("a prediction is graded by what the simulator does, then shown happening, and remembered in the index", async ({ page }) => {
  await openLab(page, "/lessons/login-works-list-hangs");
  await page.getByRole("button", { name: /^Step 3:.*\(predict\)/ }).click();
  const form = page.getByRole("group", { name: /Will LIST work\?/ });
  await expect(form).toBeVisible();
  const check = page.getByRole("button", { name: "Check my answer" });
  await expect(check).toBeDisabled();
  await page.getByRole("radio", { name: /^Yes/ }).check();
  await check.click();
  await expect(page.getByText("Not quite.")).toBeVisible();
  await expect(page.getByText(/It is: No: the listing will never arrive/)).toBeVisible();
  // Continue to the failure itself: the 425 on the wire.
  await page.getByRole("button", { name: /^Step 8:/ }).click();
  await expect(page.getByRole("heading", { name: /425 Failed to establish connection/ }).first()).toBeVisible();
  await page.goto("/lessons");
  await waitForHydration(page.getByRole("list").first());
  const item = page.getByRole("listitem").filter({ hasText: "Login works, LIST hangs" });
  await expect(item).toContainText("Done");
  await expect(item).toContainText("0 of 1 prediction right");
  await expect(page.getByText(/1 of 14 lessons done|1 of \d+ lessons done/)).toBeVisible();
  await page.getByRole("button", { name: "Reset my progress" }).click();
  await page.getByRole("button", { name: "Yes, reset" }).click();
  await expect(item).toContainText("Not started");
});

test("a try-it knob re-simulates the learner's setup in the same lab, and goes back", async ({ page }) => {
  await openLab(page, "/lessons/login-works-list-hangs");
  await page.getByRole("button", { name: /^Step 8:.*\(try it\)/ }).click();
  const refusal = page.getByRole("heading", { name: /Response: 425 Failed to establish connection/ });
  await expect(refusal).toBeVisible();
  await page.getByLabel("Client mode").selectOption({ label: "passive (PASV)" });
  await expect(page.getByText("The lab now shows your setup.")).toBeVisible();
  // It lands where the learner's setup first differs from the lesson's: PASV where PORT was.
  await expect(page.getByRole("heading", { name: /^Command: PASV/ })).toBeVisible();
  await expect(refusal).toHaveCount(0);
  // And the listing now arrives.
  await page.getByRole("button", { name: "Last step" }).click();
  await expect(page.getByText(/✓\s*LIST\s*ok/).first()).toBeVisible();
  await page.getByRole("button", { name: "Back to the lesson's setup" }).click();
  await expect(refusal).toBeVisible();
});

test("a lesson with several setups switches the lab between them, and shows its figure", async ({ page }) => {
  await openLab(page, "/lessons/why-sftp");
  await page.getByRole("button", { name: /^Step 4:/ }).click();
  await expect(page.getByRole("img", { name: "FTP needs two connections, SFTP one" })).toBeVisible();
});

test("a lesson with a prediction answered has no serious or critical axe violations", async ({ page }) => {
  // axe walks the whole lab page: on a loaded 2-core machine that alone can take 20 s.
  test.slow();
  await openLab(page, "/lessons/active-mode");
  await page.getByRole("button", { name: /\(predict\)/ }).first().click();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Check my answer" }).click();
  await stillMotion(page);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad).toEqual([]);
});
