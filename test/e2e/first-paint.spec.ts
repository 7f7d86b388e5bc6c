/**
 * The picture at the first paint, and never the wrong one: an embed's static HTML is its default
 * step, so a URL that asks for another step keeps it hidden until React has applied it; the
 * playground likewise with a shared setup. Every frame is watched from before the page's first
 * script (an init script checks, in each requestAnimationFrame, what is about to be painted).
 */
import type { Page } from "@playwright/test";
import { expect, openLab, position, test, waitForHydration } from "./fixtures";

/** Records, for each frame, the text of `selector` when the network picture is visible. */
async function watchFrames(page: Page, selector: string): Promise<void> {
  await page.addInitScript(`(() => {
    window.__seen = [];
    const frame = () => {
      const svg = document.querySelector(".panel-network svg.nv-svg");
      const el = document.querySelector(${JSON.stringify(selector)});
      if (svg && el && svg.checkVisibility({ visibilityProperty: true })) window.__seen.push(el.textContent.trim());
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

test("the embed's static HTML already holds the network picture", async ({ page }) => {
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto("/embed/active-mode");
  await expect(page.getByRole("region", { name: "Network" }).locator("svg.nv-svg")).toBeVisible();
  await expect(page.getByText("Loading the lab…")).toHaveCount(0);
});

test("/embed/active-mode?step=5 never shows step 1's picture", async ({ page }) => {
  await watchFrames(page, '[data-testid="network-summary"]');
  await page.goto("/embed/active-mode?step=5");
  await waitForHydration(page.locator("main"));
  await expect(page.getByTestId("network-summary")).toHaveText(/^Step 5 of/);
  await expect(page.getByRole("region", { name: "Network" })).toBeVisible();
  const frames = await seen(page);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.filter((t) => !t.startsWith("Step 5 of"))).toEqual([]);
});

test("an embed's views and controls hold from the first frame: no explanation or playback shown and then removed", async ({ page }) => {
  await watchFrames(page, "main.embed");
  await page.addInitScript(`(() => {
    window.__extra = 0;
    const frame = () => {
      for (const el of document.querySelectorAll(".playback, main.embed h2")) if (el.checkVisibility({ visibilityProperty: true })) window.__extra++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
  await page.goto("/embed/active-mode?views=network&controls=none");
  await waitForHydration(page.locator("main"));
  await expect(page.getByRole("region", { name: "Network" })).toBeVisible();
  expect((await seen(page)).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __extra: number }).__extra)).toBe(0);
});

test("a shared playground link never shows the default setup first, and a knob still reaches the URL", async ({ page }) => {
  await watchFrames(page, '[data-host="client"]');
  await openLab(page, "/playground?mode=active&step=3");
  await expect(position(page)).toHaveText(/^\s*3\s*\//);
  const frames = await seen(page);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.filter((t) => /passive/.test(t))).toEqual([]);

  await page.getByRole("checkbox", { name: "Client behind NAT" }).check();
  await expect.poll(() => new URL(page.url()).searchParams.get("cnat")).toBe("1");
  expect(new URL(page.url()).searchParams.get("mode")).toBe("active");
});
