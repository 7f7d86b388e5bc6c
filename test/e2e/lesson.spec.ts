/**
 * Playback on a lesson page: (c) the keyboard steps (←/→, Home/End anywhere outside a form
 * field), the buttons of the contract, play/pause, and (g) the same with
 * prefers-reduced-motion: reduce.
 */
import { blurFocus, expect, openLab, position, stepSlider, test } from "./fixtures";

const at = (n: number) => new RegExp(`^\\s*${n}\\s*/\\s*\\d+`);

async function total(page: import("@playwright/test").Page): Promise<number> {
  const text = (await position(page).textContent()) ?? "";
  const m = /^\s*\d+\s*\/\s*(\d+)/.exec(text);
  if (!m) throw new Error(`no N/TOTAL in the position text ${JSON.stringify(text)}`);
  return Number(m[1]);
}

test("a lesson opens at the moment its first step talks about (the control connection's SYN)", async ({ page }) => {
  await openLab(page, "/lessons/active-mode");
  await expect(position(page)).toHaveText(at(2));
  await expect(page.getByRole("heading", { name: "The control connection", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: /SYN: the control connection opens/ })).toBeVisible();
});

test("(c) keyboard: ArrowRight ×5 reads 6/…, Home 1/…, End the last, ArrowLeft one back", async ({ page }) => {
  await openLab(page, "/lessons/active-mode");
  await blurFocus(page);
  await page.keyboard.press("Home");
  await expect(position(page)).toHaveText(at(1));
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(position(page)).toHaveText(at(6));
  await page.keyboard.press("Home");
  await expect(position(page)).toHaveText(at(1));
  const n = await total(page);
  expect(n).toBeGreaterThan(6);
  await page.keyboard.press("End");
  await expect(position(page)).toHaveText(at(n));
  await page.keyboard.press("ArrowLeft");
  await expect(position(page)).toHaveText(at(n - 1));
});

test("playback buttons, slider, speed and play/pause", async ({ page }) => {
  await openLab(page, "/lessons/active-mode");
  const button = (name: string) => page.getByRole("button", { name, exact: true });
  await button("First step").click();
  await expect(position(page)).toHaveText(at(1));
  await button("Next step").click();
  await expect(position(page)).toHaveText(at(2));
  await button("Last step").click();
  const n = await total(page);
  await expect(position(page)).toHaveText(at(n));
  await button("Previous step").click();
  await expect(position(page)).toHaveText(at(n - 1));
  await button("First step").click();
  await expect(position(page)).toHaveText(at(1));

  await stepSlider(page).fill("3"); // range inputs take their value; min may be 0 or 1
  await expect(position(page)).not.toHaveText(at(1));

  const speed = page.getByRole("combobox", { name: "Speed" });
  await expect(speed).toBeVisible();
  await speed.selectOption({ index: (await speed.locator("option").count()) - 1 }); // fastest
  await button("First step").click();
  await button("Play").click();
  await expect(button("Pause")).toBeVisible();
  await expect(position(page)).not.toHaveText(at(1), { timeout: 10_000 });
  await button("Pause").click();
  await expect(button("Play")).toBeVisible();
  // Space toggles play when focus is on the page, not on a control.
  await blurFocus(page);
  await page.keyboard.press("Space");
  await expect(button("Pause")).toBeVisible();
  await page.keyboard.press("Space");
  await expect(button("Play")).toBeVisible();
});

test("(g) prefers-reduced-motion: reduce — stepping and playing still work", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLab(page, "/lessons/passive-mode");
  expect(await page.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches)).toBe(true);
  await blurFocus(page);
  await page.keyboard.press("Home");
  await expect(position(page)).toHaveText(at(1));
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(position(page)).toHaveText(at(4));
  await page.getByRole("button", { name: "Next step", exact: true }).click();
  await expect(position(page)).toHaveText(at(5));
  await page.getByRole("button", { name: "Previous step", exact: true }).click();
  await expect(position(page)).toHaveText(at(4));
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(position(page)).not.toHaveText(at(4), { timeout: 10_000 });
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
});
