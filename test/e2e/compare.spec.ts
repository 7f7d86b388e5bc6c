/**
 * Two setups side by side, as a learner and an instructor use them: the playground's "Compare
 * with…" (B starts in the other mode, the knobs edit either side, the link carries compare=, the
 * keyboard steps both), a lesson step that shows its other setup, embeds with compare= (a
 * lesson's other setup, a playground setup), the export of both pictures, and a phone's stacked
 * sides. The first difference is named in one sentence and marked in both. Axe-clean.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, openLab, test, waitForHydration } from "./fixtures";

const sides = (page: Page) => ({ a: page.locator('[data-side="a"]'), b: page.locator('[data-side="b"]') });
const scrubber = (page: Page) => page.getByRole("slider", { name: "Moment" });
const title = (side: import("@playwright/test").Locator, letter: string) => side.getByRole("heading", { name: new RegExp(`^Setup ${letter}`) });

/** A page that opens on a comparison: its scrubber is the moment's. */
async function openCompare(page: Page, url: string) {
  await page.goto(url);
  await expect(scrubber(page)).toBeVisible();
  await waitForHydration(page.locator("main"));
  await expect(scrubber(page)).toBeVisible();
}

async function axe(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the playground compares a setup with another: both step together and the first difference is named", async ({ page }) => {
  await openLab(page, "/playground?mode=active&cfw=stateful");
  await page.getByRole("button", { name: "Compare with another setup…" }).click();
  const { a, b } = sides(page);
  await expect(title(a, "A")).toHaveText(/Setup A\s+Client mode: active \(PORT\)/);
  await expect(title(b, "B")).toHaveText(/Setup B\s+Client mode: passive \(PASV\)/);
  await expect(page.getByText(/≠ First difference/)).toBeVisible();
  await expect(page.locator("main")).toContainText(/A: the client sends PORT [\d,]+; B: the client sends PASV\./);
  await expect(page).toHaveURL(/compare=mode%3Dpassive/);

  await page.getByRole("button", { name: "Go to the first difference" }).click();
  await expect(scrubber(page)).toHaveAttribute("aria-valuetext", /where the setups first differ$/);
  await expect(a).toContainText("≠ The setups first differ here.");
  await expect(b).toContainText("≠ The setups first differ here.");
  await expect(a).toHaveAttribute("data-diverges", "yes");

  // The keyboard steps both (focus out of the form).
  const at = await scrubber(page).inputValue();
  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  await expect(scrubber(page)).not.toHaveValue(at);
  await expect(a).not.toHaveAttribute("data-diverges", "yes");

  // The knobs now change B: its client firewall gets the helper; A's panel side says which knobs differ.
  await page.getByRole("radio", { name: "Setup B" }).check();
  await page.getByRole("combobox", { name: /Client firewall/ }).selectOption("stateful+ftp-helper");
  await expect(title(b, "B")).toContainText("stateful+ftp-helper");
  await expect(page.locator('.setup-knob[data-differs="yes"]')).toHaveCount(2);
  await expect(page).toHaveURL(/compare=[^&]*cfw%3Dstateful%252Bftp-helper/);

  // The link reproduces both setups.
  const other = await page.context().newPage();
  await openCompare(other, new URL(page.url()).pathname + new URL(page.url()).search);
  await expect(title(sides(other).b, "B")).toContainText("stateful+ftp-helper");
  await expect(title(sides(other).a, "A")).toContainText("active (PORT)");

  expect(await axe(page, ".lab")).toEqual([]);
  await page.getByRole("button", { name: "Stop comparing" }).click();
  await expect(page.locator('[data-side="b"]')).toHaveCount(0);
  await expect(page).not.toHaveURL(/compare=/);
});

test("the export of a comparison has both pictures, each under its setup's name", async ({ page }) => {
  await openCompare(page, "/playground?mode=active&cfw=stateful&compare=cfw%3Dstateful%252Bftp-helper&step=19");
  await page.getByRole("button", { name: "Share / embed" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Link")).toHaveValue(/compare=cfw%3Dstateful%252Bftp-helper/);
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download SVG" }).click()]);
  const svg = readFileSync(await download.path(), "utf8");
  expect(svg.match(/<svg /g)?.length).toBe(3);
  expect(svg).toContain("Setup A: Client firewall: stateful");
  expect(svg).toContain("Setup B: Client firewall: stateful+ftp-helper");
  expect(svg).toMatch(/They first differ at moment \d+/);
});

test("a lesson step shows its other setup beside it, from the step's moment", async ({ page }) => {
  await openCompare(page, "/lessons/stateful-ftp-helper?step=7");
  const { a, b } = sides(page);
  await expect(title(a, "A")).toContainText("Active, client firewall + FTP helper");
  await expect(title(b, "B")).toContainText("Active, client firewall, no helper");
  await expect(a).toContainText(/LIST\s*ok/);
  await expect(b).toContainText(/LIST\s*failed/);
  await page.getByRole("button", { name: "Go to the first difference" }).click();
  await expect(page.locator("main")).toContainText(/let in as related by the client firewall.*; B: .*dropped by the client firewall/);
  expect(await axe(page, ".lab")).toEqual([]);
  // The next step is a single lab again.
  await page.getByRole("button", { name: "Continue →" }).click();
  await expect(page.locator('[data-side="b"]')).toHaveCount(0);
});

test("embeds compare with compare=: a lesson's other setup, or a playground setup's knobs", async ({ page }) => {
  await page.goto("/embed/stateful-ftp-helper?scenario=helper&compare=no-helper&step=19");
  await waitForHydration(page.locator("main"));
  await expect(sides(page).b).toContainText("Active, client firewall, no helper");
  await expect(page.getByRole("slider", { name: "Moment" })).toHaveValue("18");
  expect(await axe(page, "main")).toEqual([]);

  await page.goto("/embed/stateful-ftp-helper?compare=nothing-here");
  await waitForHydration(page.locator("main"));
  await expect(page.getByText(/Ignored compare="nothing-here": expected another of this lesson's setups/)).toBeVisible();
  await expect(page.locator('[data-side="b"]')).toHaveCount(0);

  await page.goto("/embed/playground?mode=active&compare=mode%3Dpassive");
  await waitForHydration(page.locator("main"));
  await expect(title(sides(page).b, "B")).toContainText("passive (PASV)");
});

test("on a phone the two setups stack, A above B", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openCompare(page, "/playground?mode=active&compare=mode%3Dpassive");
  const boxA = await sides(page).a.boundingBox();
  const boxB = await sides(page).b.boundingBox();
  expect(boxA && boxB && boxB.y > boxA.y + boxA.height - 1).toBe(true);
  expect(boxB!.width).toBeGreaterThan(300);
});
