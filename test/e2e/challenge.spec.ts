/**
 * A "make it work" challenge as a learner meets it: the lesson's broken setup checked as it is
 * ("Not yet", and why, in words), a fix the goal rules out (a firewall open to everything), then
 * a fix that works ("Solved"), each checked by the simulator on the setup on screen; axe-clean.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, openLab, openLessonStep, test } from "./fixtures";

test("the learner fixes the server's firewall and the simulator says when it works", async ({ page }) => {
  await openLab(page, "/lessons/server-firewall-passive-range");
  await openLessonStep(page, 9);
  const challenge = page.getByRole("region", { name: "Make it work" });
  await expect(challenge).toBeVisible();
  await expect(challenge).toContainText("Goal: Make the listing arrive");
  const check = challenge.getByRole("button", { name: "Check my setup" });
  const verdict = challenge.getByRole("status", { name: "Check result" });

  // As given: LIST fails.
  await check.click();
  await expect(verdict).toContainText("Not yet.");
  await expect(verdict).toContainText("Transfer 1: result should be ok, and it is failed.");

  // Open to everything: it works, but the goal rules that out.
  const firewall = challenge.getByRole("combobox", { name: /server.*firewall/i });
  await firewall.selectOption({ label: "open (no firewall)" });
  await expect(check).toBeEnabled();
  await expect(verdict).toBeEmpty();
  await check.click();
  await expect(verdict).toContainText("Not yet.");
  await expect(verdict).toContainText("protects nothing");

  // The passive range, and nothing more.
  await firewall.selectOption({ label: "control+passive-range (control-only + passive range)" });
  await expect(check).toBeEnabled();
  await check.click();
  await expect(verdict).toContainText("Solved.");
  await expect(page.getByRole("main")).toContainText(/226/);

  const results = await new AxeBuilder({ page }).include(".lesson").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("a learner's challenge setup travels in the lesson link and comes back checked", async ({ page }) => {
  await openLab(page, "/lessons/server-firewall-passive-range");
  await openLessonStep(page, 9);
  const challenge = page.getByRole("region", { name: "Make it work" });
  await challenge.getByRole("combobox", { name: /server.*firewall/i }).selectOption({ label: "control+passive-range (control-only + passive range)" });
  await expect(challenge.getByRole("button", { name: "Check my setup" })).toBeEnabled();

  // Share / embed writes the learner's setup into the link, beside the lesson step.
  await page.getByRole("button", { name: "Share / embed" }).click();
  const dialog = page.getByRole("dialog", { name: /Share or embed/ });
  const link = await dialog.getByLabel("Link").inputValue();
  expect(link).toMatch(/\/lessons\/server-firewall-passive-range\?sfw=control%2Bpassive-range&step=10$/);
  await page.keyboard.press("Escape");

  // Someone else opens it: the same step, the same setup, and the simulator agrees it is solved.
  const other = await page.context().newPage();
  await openLab(other, link.replace(/^https?:\/\/[^/]+/, ""));
  const theirs = other.getByRole("region", { name: "Make it work" });
  await expect(other.locator("#lesson-step-title")).toHaveText(await page.locator("#lesson-step-title").innerText());
  await expect(theirs.getByRole("combobox", { name: /server.*firewall/i })).toHaveValue(JSON.stringify("control+passive-range"));
  await expect(theirs).toContainText("The lab now shows your setup.");
  await theirs.getByRole("button", { name: "Check my setup" }).click();
  await expect(theirs.getByRole("status", { name: "Check result" })).toContainText("Solved.");
});

test("a link cannot unlock a knob the challenge does not offer: it says so and keeps the lesson's setup", async ({ page }) => {
  await openLab(page, "/lessons/server-firewall-passive-range?step=10&cfw=open");
  await expect(page.getByRole("region", { name: "Make it work" })).toBeVisible();
  await expect(page.getByText("Ignored cfw=open: lesson step 10 does not unlock the knob “Client firewall”.")).toBeVisible();
  const challenge = page.getByRole("region", { name: "Make it work" });
  await challenge.getByRole("button", { name: "Check my setup" }).click();
  await expect(challenge.getByRole("status", { name: "Check result" })).toContainText("Not yet.");
});
