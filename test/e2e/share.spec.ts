/**
 * Share / embed and export: the dialog gives a link, an iframe snippet and Slidev Markdown for
 * this lesson at this step (and the snippet's embed opens at that step); the current step saves
 * as a self-contained SVG and as PNG; the print view has one page per lesson step; and
 * `npm run export` writes one real PNG per step.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, openLab, ROOT, test } from "./fixtures";

test("the dialog offers the link, the iframe and the Slidev Markdown for this step, and the embed opens there", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openLab(page, "/lessons/active-mode");
  await page.keyboard.press("ArrowRight");
  await page.getByRole("button", { name: "Share / embed" }).click();
  const dialog = page.getByRole("dialog", { name: /Share or embed/ });
  await expect(dialog).toBeVisible();
  const iframe = await dialog.getByLabel(/Embed \(iframe/).inputValue();
  expect(iframe).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/active-mode\?step=3(&amp;|")/);
  expect(await dialog.getByLabel("Slidev slide (Markdown)").inputValue()).toMatch(/^---\nlayout: iframe\nurl: http:\/\/127\.0\.0\.1:\d+\/embed\/active-mode\?step=3/);
  // Two numbers on a lesson: the link opens the lesson step (still the first), the embed the lab step.
  const label = await dialog.getByText(/^\s*Start at lesson step \d+ — lab step 3\s*$/).textContent();
  const lessonStep = Number(/lesson step (\d+)/.exec(label!)![1]);
  expect(await dialog.getByLabel("Link").inputValue()).toMatch(lessonStep > 1 ? new RegExp(`/lessons/active-mode\\?step=${lessonStep}$`) : /\/lessons\/active-mode$/);
  await dialog.getByRole("combobox", { name: "Controls", exact: true }).selectOption("none");
  await dialog.getByRole("button", { name: "Copy" }).nth(1).click();
  await expect(dialog.getByText("Copied the iframe snippet.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("controls=none");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const src = /src="([^"]+)"/.exec(copied)![1]!.replace(/&amp;/g, "&");
  await page.goto(src);
  await expect(page.getByRole("heading", { name: /SYN-ACK|SYN/ }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Share / embed" })).toHaveCount(0);
});

test("naming the deck writes origin= into the embed, and a bad entry is said and left out", async ({ page }) => {
  await openLab(page, "/lessons/active-mode");
  await page.getByRole("button", { name: "Share / embed" }).click();
  const dialog = page.getByRole("dialog", { name: /Share or embed/ });
  const deck = dialog.getByRole("textbox", { name: "Only this deck may drive it (optional)" });
  const iframe = dialog.getByLabel(/Embed \(iframe/);
  await deck.fill("https://Slides.Example.org/");
  await expect(iframe).toHaveValue(/origin=https%3A%2F%2Fslides\.example\.org"/);
  await expect(deck).not.toHaveAttribute("aria-invalid", "true");
  await deck.fill("slides.example.org/deck");
  await expect(deck).toHaveAttribute("aria-invalid", "true");
  await expect(deck).toHaveAccessibleDescription(/^Not an origin: "slides\.example\.org\/deck"\. Write it as https:\/\/slides\.example\.org .* The snippet leaves it out\.$/);
  await expect(iframe).not.toHaveValue(/origin=/);
  await deck.fill("");
  await expect(deck).toHaveAccessibleDescription(/The origin of the page that shows your slides/);
});

test("the current step saves as a self-contained SVG and as a PNG", async ({ page }) => {
  await openLab(page, "/lessons/login-works-list-hangs");
  await page.getByRole("button", { name: /^Step 5:/ }).click();
  await page.getByRole("button", { name: "Share / embed" }).click();
  const dialog = page.getByRole("dialog");
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download SVG" }).click()]);
  expect(svgDownload.suggestedFilename()).toMatch(/^login-works-list-hangs-step-\d\d\.svg$/);
  const svg = readFileSync(await svgDownload.path(), "utf8");
  expect(svg).toMatch(/^<\?xml[\s\S]*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain("policy drop");
  expect(svg).toContain("step ");
  expect(svg).not.toContain("var(--");
  // The caption is the visible text: no glossary tooltip repeated inside it.
  expect(svg).not.toMatch(/mode(Active|Passive) mode/);
  // An opaque background in the theme's colour, not the page body's transparent one.
  const bg = /<rect width="100%" height="100%" fill="([^"]+)"\/>/.exec(svg)?.[1];
  expect(bg).toBeDefined();
  expect(bg).not.toMatch(/^rgba\(0, 0, 0, 0\)$|^transparent$/);
  // The site's fonts travel inside the file, and every text names a fallback stack.
  expect(svg).toMatch(/@font-face\{font-family:"GeistSans";src:url\(data:font\/woff2;base64,[A-Za-z0-9+/]{1000}/);
  expect(svg).toMatch(/font-family:(&quot;)?GeistSans[^"]*sans-serif/);
  // The private-address underline (visual-language.md) is kept.
  expect(svg).toContain('text-decoration="underline"');
  expect(svg).toMatch(/text-decoration-line:underline/);
  const [pngDownload] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download PNG" }).click()]);
  const png = readFileSync(await pngDownload.path());
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // width, at twice the size
  await expect(dialog.getByText(/^Saved login-works-list-hangs-step-\d\d\.png\.$/)).toBeVisible();
});

test("the print view has one page per lesson step, without the site's header", async ({ page }) => {
  await page.goto("/lessons/active-mode/print");
  const lesson = JSON.parse(readFileSync(path.join(ROOT, "lessons/active-mode.json"), "utf8"));
  await expect(page.locator(".print-step")).toHaveCount(lesson.steps.length + 1);
  await expect(page.locator(".print-step svg.nv-svg")).toHaveCount(lesson.steps.length);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
});

test("the student handout has the questions and choices but no answers, no why, no picture past the question", async ({ page }) => {
  await page.goto("/lessons/login-works-list-hangs/print");
  await page.getByRole("link", { name: "Student handout (no answers)" }).click();
  await expect(page).toHaveURL(/\/lessons\/login-works-list-hangs\/handout$/);
  const lesson = JSON.parse(readFileSync(path.join(ROOT, "lessons/login-works-list-hangs.json"), "utf8"));
  const predicts = (lesson.steps as Array<{ predict?: { question: string; why: string; choices: Array<{ label: string }> } }>).flatMap((s, i) => (s.predict ? [{ i, p: s.predict }] : []));
  expect(predicts.length).toBeGreaterThan(0);
  await expect(page.locator(".print-step")).toHaveCount(lesson.steps.length + 1);
  const text = await page.locator("article").innerText();
  expect(text).not.toContain("what happens");
  for (const { i, p } of predicts) {
    const page_ = page.locator(".print-step").nth(i);
    for (const c of p.choices) await expect(page_.locator("li", { hasText: c.label })).toBeVisible();
    // The why, as far as its first {fact} placeholder: nowhere on the handout.
    const why = p.why.split("{")[0]!.trim().slice(0, 60);
    if (why.length > 10) expect(text).not.toContain(why);
  }
  // The answer sheet has them.
  await page.getByRole("link", { name: "The answer sheet" }).click();
  await expect(page).toHaveURL(/\/print$/);
  await expect(page.getByText(/✓ what happens/).first()).toBeVisible();
});

test("npm run export --questions moodle writes each prediction with its picture as the handout shows it", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "ftp-lab-questions-"));
  const r = spawnSync("npx", ["tsx", "scripts/export-lesson.ts", "active-mode", "--questions", "moodle", "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
  expect(r.status, r.stderr).toBe(0);
  const xml = readFileSync(path.join(out, "active-mode.moodle.xml"), "utf8");
  const files = [...xml.matchAll(/<file name="([^"]+)" path="\/" encoding="base64">([^<]+)<\/file>/g)];
  expect(files.length).toBeGreaterThan(0);
  expect(files.length).toBe((xml.match(/<question type="multichoice">/g) ?? []).length);
  for (const [, name, data] of files) {
    const png = Buffer.from(data!, "base64");
    // A real picture: the PNG signature, and an image at least 600 px wide.
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), name).toBe(true);
    expect(png.readUInt32BE(16)).toBeGreaterThan(600);
    expect(xml).toContain(`@@PLUGINFILE@@/${name}`);
  }
  const bad = spawnSync("npx", ["tsx", "scripts/export-lesson.ts", "active-mode", "--questions", "word"], { cwd: ROOT, encoding: "utf8" });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("--questions takes moodle, gift, qti");
});

test("npm run export writes a PNG per lesson step and the speaker notes", async () => {
  test.setTimeout(120_000);
  const out = mkdtempSync(path.join(tmpdir(), "ftp-lab-export-"));
  const r = spawnSync("npx", ["tsx", "scripts/export-lesson.ts", "passive-mode", "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
  expect(r.status, r.stderr).toBe(0);
  const lesson = JSON.parse(readFileSync(path.join(ROOT, "lessons/passive-mode.json"), "utf8"));
  const pngs = readdirSync(out).filter((f) => f.endsWith(".png")).sort();
  expect(pngs).toHaveLength(lesson.steps.length);
  for (const f of pngs) {
    const png = readFileSync(path.join(out, f));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(2560);
    expect(png.readUInt32BE(20)).toBe(1440);
  }
  expect(readFileSync(path.join(out, "notes.md"), "utf8")).toContain(`# ${lesson.title}`);
  const bad = spawnSync("npx", ["tsx", "scripts/export-lesson.ts", "no-such-lesson"], { cwd: ROOT, encoding: "utf8" });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('no lesson "no-such-lesson"');
});
