/**
 * `npm run export -- <slug|all> --scorm [--out DIR]`: a SCORM 1.2 package per lesson
 * (`<slug>.scorm.zip`), and with `all` one package for the course (`ftp-modes-lab.scorm.zip`, a
 * SCO per lesson) as well, in DIR (default exports/scorm): scripts/scorm-package.ts.
 *
 * `npm run export -- <slug|all> --questions moodle|gift|qti [--out DIR]`: every prediction of the
 * lesson (or of all lessons) as a quiz question for an LMS (lessons/question-bank.ts), each with
 * its step's picture as the student handout shows it while the question is open (no answer on
 * it), rendered by Chromium from the static build: `<slug>.moodle.xml`, `<slug>.gift.txt` or
 * `<slug>.qti.zip` (Canvas) in DIR (default exports/questions).
 *
 * `npm run export -- <slug|all> [--out DIR] [--theme light|dark|projector] [--layout presentation|panels] [--width 1280 --height 720]`:
 * a PNG per lesson step, for PowerPoint or Google Slides, plus notes.md with each step's title
 * and narration (speaker notes). Each picture is the lab's own embed at that step (by default the
 * network view and the step's headline in the presentation layout — the picture filling the
 * slide, the narration in the notes; --views adds the sequence diagram or the transcript, which
 * use the lab's panels), rendered by Debian's Chromium from the static build (built first if
 * out/ is missing), at twice the pixel density so it stays sharp on a projector. The page is
 * opaque in the theme's colour and its fonts are the site's own (served from out/), so the
 * pictures look the same on any machine.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { LESSONS } from "../lessons/catalog";
import { factsOf, fill } from "../lessons/facts";
import { lessonStepIn } from "../lessons/lesson-scenarios";
import { lessonTraces } from "../lessons/lesson-traces";
import { startStaticServer } from "../test/e2e/static-server";
import { CHROMIUM_ARGS, chromiumExecutable } from "../test/e2e/chromium";
import { EMBED_VIEWS, LAYOUTS } from "../components/embed/embed-params";
import { BANK_FORMATS, bankFiles, bankQuestions, type BankFormat, type BankQuestion } from "../lessons/question-bank";
import type { Lesson } from "../lessons/schema";
import { scormPackage } from "./scorm-package";

const USAGE = [
  "usage: npm run export -- <lesson-slug|all> [--out DIR] [--theme light|dark|projector] [--layout presentation|panels] [--views network,sequence,transcript,explanation] [--width N] [--height N]",
  "       npm run export -- <lesson-slug|all> --questions moodle|gift|qti [--out DIR]",
  "       npm run export -- <lesson-slug|all> --scorm [--out DIR]",
].join("\n");

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const slug = argv.find((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"));
  const lessons = slug === "all" ? LESSONS : LESSONS.filter((l) => l.slug === slug);
  if (!slug || lessons.length === 0) {
    console.error(`${slug ? `export: no lesson "${slug}". Lessons: ${LESSONS.map((l) => l.slug).join(", ")}, or all` : "export: which lesson (or all)?"}\n${USAGE}`);
    return 2;
  }
  if (argv.includes("--scorm")) {
    if (!ensureBuild()) return 1;
    const out = resolve(option(argv, "--out") ?? join("exports", "scorm"));
    mkdirSync(out, { recursive: true });
    const write = (file: string, bytes: Uint8Array) => {
      writeFileSync(join(out, file), bytes);
      console.log(join(out, file));
    };
    for (const l of lessons) write(`${l.slug}.scorm.zip`, scormPackage("out", `ftp-modes-lab-${l.slug}`, `FTP Modes Lab: ${l.title}`, [l]));
    if (slug === "all") write("ftp-modes-lab.scorm.zip", scormPackage("out", "ftp-modes-lab", "FTP Modes Lab: the course", lessons));
    return 0;
  }
  const questions = option(argv, "--questions");
  if (argv.includes("--questions")) {
    if (!(BANK_FORMATS as readonly string[]).includes(questions ?? "")) {
      console.error(`export: --questions takes ${BANK_FORMATS.join(", ")}\n${USAGE}`);
      return 2;
    }
    return exportQuestions(slug, lessons, questions as BankFormat, resolve(option(argv, "--out") ?? join("exports", "questions")));
  }
  const theme = option(argv, "--theme") ?? "light";
  if (!["light", "dark", "projector"].includes(theme)) {
    console.error(`export: --theme must be light, dark or projector\n${USAGE}`);
    return 2;
  }
  const layout = option(argv, "--layout") ?? "presentation";
  if (!(LAYOUTS as readonly string[]).includes(layout)) {
    console.error(`export: --layout must be ${LAYOUTS.join(" or ")}\n${USAGE}`);
    return 2;
  }
  const views = (option(argv, "--views") ?? "network,explanation").split(",").filter(Boolean);
  if (views.length === 0 || views.some((v) => !(EMBED_VIEWS as readonly string[]).includes(v))) {
    console.error(`export: --views takes a comma list of ${EMBED_VIEWS.join(", ")}\n${USAGE}`);
    return 2;
  }
  const width = Number(option(argv, "--width") ?? 1280);
  const height = Number(option(argv, "--height") ?? 720);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 320 || height < 240 || width > 3840 || height > 2160) {
    console.error(`export: --width/--height must be whole numbers within 320×240 and 3840×2160\n${USAGE}`);
    return 2;
  }
  if (!ensureBuild()) return 1;
  for (const lesson of lessons) {
    const out = resolve(option(argv, "--out") ?? join("exports", lesson.slug), lessons.length > 1 && option(argv, "--out") ? lesson.slug : "");
    await exportPictures(lesson, out, { theme, layout, views, width, height });
  }
  return 0;
}

/** The static build the pictures are taken from: built first when missing. */
function ensureBuild(): boolean {
  if (existsSync("out/index.html")) return true;
  console.error("export: no static build in out/: running npm run build first…");
  return spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status === 0;
}

interface PictureOptions {
  theme: string;
  layout: string;
  views: string[];
  width: number;
  height: number;
}

async function exportPictures(lesson: Lesson, out: string, { theme, layout, views, width, height }: PictureOptions): Promise<void> {
  const slug = lesson.slug;
  mkdirSync(out, { recursive: true });
  const traces = lessonTraces(lesson);
  const several = Object.keys(traces).length > 1;
  const server = await startStaticServer("out");
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  const notes: string[] = [`# ${lesson.title}`, "", lesson.goal, ""];
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, reducedMotion: "reduce" });
    for (const [i, step] of lesson.steps.entries()) {
      const { name, trace, timeline, at: moment } = lessonStepIn(lesson, traces, i);
      const at = moment ?? timeline.steps.length - 1;
      const params = new URLSearchParams({ step: String(at + 1), views: views.join(","), controls: "none", theme, layout });
      if (several) params.set("scenario", name);
      await page.goto(`${server.url}/embed/${slug}?${params}`);
      if (views.includes("network")) await page.getByRole("region", { name: "Network" }).locator("svg.nv-svg").waitFor();
      else await page.locator(".lab").waitFor();
      if (views.includes("sequence")) await page.locator(".panel-sequence svg").first().waitFor();
      // Through the CSSOM: the page's CSP refuses an added <style> element (scripts/csp.ts).
      // The embed's own tools (fullscreen, "Open in FTP Modes Lab") are not part of a slide.
      await page.locator("[data-embed-tools]").evaluateAll((els) => els.forEach((el) => ((el as HTMLElement).style.visibility = "hidden")));
      // The presentation fits the drawing to the page (fit-zoom.ts) after it is drawn.
      await page.waitForTimeout(400);
      const file = `${String(i + 1).padStart(2, "0")}-${step.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40)}.png`;
      await page.screenshot({ path: join(out, file) });
      notes.push(`## ${i + 1}. ${step.title}`, "", `![${step.title}](${file})`, "", fill(step.text, factsOf(trace)), "");
      console.log(`${join(out, file)}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  notes.push("## Summary", "", lesson.summary, "");
  writeFileSync(join(out, "notes.md"), notes.join("\n"));
  console.log(`${lesson.steps.length} pictures and notes.md in ${out}`);
}

/**
 * The question bank of `lessons` in `format`: each picture is the network of its step on the
 * lesson's handout (/lessons/<slug>/handout), which shows a predict step as the lesson asks it.
 */
async function exportQuestions(name: string, lessons: readonly Lesson[], format: BankFormat, out: string): Promise<number> {
  const questions = lessons.flatMap((l) => bankQuestions(l, lessonTraces(l)));
  if (questions.length === 0) {
    console.error(`export: ${name} asks no predictions: no questions to write`);
    return 1;
  }
  const pictures = new Map<string, Uint8Array>();
  // GIFT cannot carry pictures: none are rendered for it.
  if (format !== "gift") {
    if (!ensureBuild()) return 1;
    const server = await startStaticServer("out");
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
    try {
      for (const lesson of lessons) await handoutPictures(browser, server.url, lesson, questions, pictures);
    } finally {
      await browser.close();
      await server.close();
    }
  }
  mkdirSync(out, { recursive: true });
  for (const [file, content] of Object.entries(bankFiles(format, name, questions, pictures))) {
    writeFileSync(join(out, file), content);
    console.log(join(out, file));
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  console.log(`${plural(questions.length, "question")} from ${plural(lessons.length, "lesson")}`);
  return 0;
}

async function handoutPictures(browser: Browser, origin: string, lesson: Lesson, questions: readonly BankQuestion[], pictures: Map<string, Uint8Array>): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 960, height: 800 }, deviceScaleFactor: 1.5, reducedMotion: "reduce" });
  try {
    await page.goto(`${origin}/lessons/${lesson.slug}/handout`);
    for (const q of questions) {
      if (q.lessonSlug !== lesson.slug || q.picture === null) continue;
      const picture = page.locator(`section[aria-labelledby="print-step-${q.step - 1}"] .print-network svg.nv-svg`);
      await picture.waitFor();
      pictures.set(q.picture, await picture.screenshot({ type: "png" }));
    }
  } finally {
    await page.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`export: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
