/**
 * "What each box knows" as a learner and an admin use it: a lesson step brings it into view on
 * the box it is about; a row's step button moves the lab to the step that made it; in the
 * playground it names the rule that drops active mode's data connection; an embed shows it with
 * `views=…,state`. Axe-clean.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, openLab, position, test, waitForHydration } from "./fixtures";

const axeOf = async (page: import("@playwright/test").Page, selector: string) => {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
};

test("a lesson step shows the router's table: its rewrite of PORT, and a row's step button goes back to where it began", async ({ page }) => {
  await openLab(page, "/lessons/nat-client-side?step=5");
  const skip = page.getByRole("button", { name: /skip/i });
  if (await skip.count()) await skip.first().click();
  await page.getByRole("button", { name: "Show what each box knows ↓" }).click();
  const panel = page.locator(".panel-state");
  await expect(panel).toBeInViewport();
  const nat = panel.getByRole("tab", { name: "Client's NAT" });
  await expect(nat).toHaveAttribute("aria-selected", "true");
  await expect(nat).toBeFocused();
  const shown = panel.getByRole("tabpanel");
  await expect(shown).toContainText(/PORT 192,168,1,10,\d+,\d+ → PORT 198,51,100,7,\d+,\d+/);
  await expect(shown).toContainText("masquerade (control)");

  // The control connection's mapping was made by its first packet: the lab goes there.
  const before = await position(page).innerText();
  await shown.getByRole("row").filter({ hasText: "(control)" }).getByRole("button").click();
  await expect(position(page)).not.toHaveText(before);
  await expect(position(page)).toHaveText(/^\s*2\s*\//);
  // At that step the mapping is the only one, and it is "this step".
  await expect(panel.getByRole("tabpanel")).toContainText("this step");

  expect(await axeOf(page, ".panel-state")).toEqual([]);
});

test("in the playground, it names the rule that drops active mode's data connection, with the keyboard", async ({ page }) => {
  await openLab(page, "/playground?mode=active&cfw=stateful");
  await page.getByRole("button", { name: "Last step" }).click();
  const panel = page.locator(".panel-state");
  const client = panel.getByRole("tab", { name: "Client" });
  await client.focus();
  await page.keyboard.press("End");
  await expect(panel.getByRole("tab", { name: "Server" })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(client).toHaveAttribute("aria-selected", "true");
  const now = panel.getByRole("tabpanel").locator("section").filter({ has: page.getByRole("heading", { name: "A new data connection now" }) });
  await expect(now).toContainText(/would be NEW and meet policy drop: dropped\./);
  // Its rules, opened from the keyboard: the deciding one is marked in words.
  await panel.getByText("The rules (INPUT chain, first match wins)").click();
  await expect(panel.getByRole("tabpanel")).toContainText("Then policy drop.");
  expect(await axeOf(page, ".panel-state")).toEqual([]);
});

test("an embed shows it when its URL asks (views=network,state)", async ({ page }) => {
  await page.goto("/embed/stateful-ftp-helper?scenario=helper&views=network,state&step=19");
  await waitForHydration(page.locator("main"));
  const panel = page.locator(".panel-state");
  await expect(panel.getByRole("heading", { name: "What each box knows" })).toBeVisible();
  await expect(panel.getByRole("tabpanel")).toContainText("helper=ftp");
  expect(await axeOf(page, ".panel-state")).toEqual([]);
});
