/**
 * One screen (issue 11): on a 1280×720 projector (and at 1920×1080), every lesson's predict step
 * shows its question, its choices, "Check my answer" and the whole picture without scrolling —
 * nothing of them under the fold or scrolled out of the lesson card; on a phone the picture comes
 * before the lesson card; the transcript keeps its current line in view with one scroll area.
 */
import type { Locator, Page } from "@playwright/test";
import { LESSONS } from "../../lessons/catalog";
import { expect, openLab, openLessonStep, test } from "./fixtures";

const PREDICTS = LESSONS.flatMap((l) => l.steps.flatMap((s, i) => (s.predict ? [{ slug: l.slug, index: i, title: s.title }] : [])));


/**
 * Where `el` is not seen at the top of the page: under the fold, or clipped by a scrolling
 * ancestor (the lesson card scrolls inside itself). Null when all of it is on screen.
 */
async function offScreen(el: Locator): Promise<string | null> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return "not drawn";
    if (r.bottom > innerHeight + 0.5 || r.top < -0.5) return `at ${Math.round(r.top)}–${Math.round(r.bottom)}, the screen is ${innerHeight} high`;
    for (let p = node.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (!/(auto|scroll|hidden)/.test(s.overflowY)) continue;
      const c = p.getBoundingClientRect();
      if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5) return `scrolled out of ${p.className || p.tagName} (${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(c.top)}–${Math.round(c.bottom)})`;
    }
    return null;
  });
}

/** The network drawing's visible area and its drop notes and counts, on screen or not. */
async function pictureOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('[role="group"][aria-label="Network view"] svg');
    if (!svg) return ["no network view"];
    const out: string[] = [];
    const ctm = svg.getScreenCTM()!;
    const vb = svg.viewBox.baseVal;
    const bottom = ctm.f + vb.height * ctm.d;
    if (bottom > innerHeight + 0.5) out.push(`the drawing ends at ${Math.round(bottom)}, the screen is ${innerHeight} high`);
    for (const el of svg.querySelectorAll(".nv-note, .nv-drop, .nv-drop-count")) {
      const r = el.getBoundingClientRect();
      if (r.height > 0 && r.bottom > innerHeight + 0.5) out.push(`"${(el.textContent ?? "").slice(0, 40)}" is cut at the fold (${Math.round(r.bottom)})`);
    }
    return out;
  });
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`every predict step at ${size.width}×${size.height}: question, choices, "Check my answer" and the picture on one screen`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.emulateMedia({ reducedMotion: "reduce" });
    expect(PREDICTS.length).toBeGreaterThanOrEqual(14);
    const problems: string[] = [];
    let slug = "";
    for (const p of PREDICTS) {
      if (p.slug !== slug) await openLab(page, `/lessons/${(slug = p.slug)}`);
      await openLessonStep(page, p.index);
      await page.evaluate(() => window.scrollTo(0, 0));
      const where = `${p.slug} step ${p.index + 1} ("${p.title}")`;
      const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Check my answer" }) });
      // The question loads when its step asks for it (LessonPredict): wait for it before counting its choices.
      await form.getByRole("button", { name: "Check my answer" }).waitFor();
      const parts: [string, Locator][] = [
        ["the question", form.locator("legend")],
        ...(await form.getByRole("radio").all()).map((r, i) => [`choice ${i + 1}`, r.locator("xpath=ancestor::label[1]")] as [string, Locator]),
        ['"Check my answer"', page.getByRole("button", { name: "Check my answer" })],
      ];
      expect(parts.length, where).toBeGreaterThan(3);
      for (const [name, el] of parts) {
        const off = await offScreen(el);
        if (off) problems.push(`${where}: ${name} ${off}`);
      }
      for (const off of await pictureOffScreen(page)) problems.push(`${where}: ${off}`);
    }
    expect(problems).toEqual([]);
  });
}

test("on a phone a lesson shows the picture first, the lesson card right under it", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page, "/lessons/active-mode");
  const picture = page.getByRole("group", { name: "Network view" });
  const card = page.locator(".lesson-card");
  const p = (await picture.boundingBox())!;
  const c = (await card.boundingBox())!;
  // The picture starts on the first screen, and the card follows it (not a screen above it).
  expect(p.y).toBeLessThan(844);
  expect(p.y + p.height).toBeLessThanOrEqual(c.y);
});

test("the transcript keeps its current line in view, in one scroll area", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLab(page, "/lessons/active-mode");
  // A late lesson step: the transcript has more lines than its panel holds.
  const steps = page.getByRole("navigation", { name: "Lesson steps" }).getByRole("button");
  await openLessonStep(page, (await steps.count()) - 1);
  const panel = page.locator(".panel-transcript");
  await panel.scrollIntoViewIfNeeded();
  const report = await panel.evaluate((root) => {
    const scrollers = [root, ...root.querySelectorAll("*")].filter((el) => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1);
    const current = root.querySelector('[aria-current="step"]') ?? [...root.querySelectorAll("li[data-step]")].at(-1);
    const r = current?.getBoundingClientRect();
    const hidden = scrollers.filter((s) => {
      const c = s.getBoundingClientRect();
      return !r || r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5;
    });
    return { scrollers: scrollers.map((s) => s.className), hidden: hidden.map((s) => s.className), lines: root.querySelectorAll("li[data-step]").length };
  });
  expect(report.lines).toBeGreaterThan(10);
  expect(report.scrollers).toHaveLength(1);
  expect(report.hidden).toEqual([]);
});
