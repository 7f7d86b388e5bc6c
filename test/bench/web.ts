/**
 * `npm run bench:web`: what the lab costs a browser, one `name: value unit` line per figure.
 *
 * - The JS each route ships: the files of its HTML's <script src> tags under out/_next (nomodule
 *   polyfills left out: no current browser loads them), each gzipped (level 9) and summed.
 *   Builds the site (`npm run build`, said on stderr) when out/index.html is missing.
 * - The same for a bare Next.js page (test/bench/bare-next, the same next and react), built here
 *   with the root's next binary into test/bench/bare-next/out — no second npm install. Its build
 *   output (.next/, out/, next-env.d.ts) is removed afterwards, so that lint and tsc of the root
 *   never see it; BENCH_KEEP_BARE=1 keeps it.
 * - The lesson's and the embed's JS over the bare page's.
 * - The picture at first paint: for embeds and the lesson, first-contentful-paint and the moment
 *   the network picture is first visible (median of 5 cold loads), and their ratio.
 * - A knob changed → picture repainted on /playground beside a busy core (CI's load): p50, p95
 *   (the click's Event Timing: input to the next paint), and long tasks over 50 ms meanwhile; each
 *   click to a setup never simulated before (the goal), then clicks cycling through six setups.
 * - Frame times while the busiest playground scenario plays at 4× in headless Chromium
 *   (requestAnimationFrame deltas for 5 s): p95, mean, max.
 *
 * Options: --no-bare (skip the bare build), --no-frames (skip Chromium). Without Chromium the
 * JS figures are printed and a `web frames: skipped (…)` line says what was not measured.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable, findChromium } from "../e2e/chromium";
import { resolveFile, startStaticServer } from "../e2e/static-server";
import { line, median } from "./report";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = path.join(ROOT, "out");
const BARE = path.join(ROOT, "test/bench/bare-next");
const ROUTES = ["/", "/lessons", "/lessons/active-mode", "/lessons/passive-mode", "/playground", "/glossary", "/embed/active-mode", "/embed/playground"];
const LESSON_ROUTE = "/lessons/active-mode";
/** The lightest page of the site, budgeted at 1.3× a bare Next.js page. */
const EMBED_ROUTE = "/embed/active-mode";
const BUSIEST = "/playground?cnat=1&snat=1&snath=1&cnath=1&mode=active&ext=1";
const FRAME_MS = 5000;

const args = new Set(process.argv.slice(2));
let exitCode = 0;

function progress(message: string): void {
  process.stderr.write(`# ${message}\n`);
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** The script files a page loads: <script src="/_next/…"> without nomodule, deduplicated. */
function scriptSources(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (/\bnomodule\b/i.test(tag)) continue;
    const src = /\bsrc\s*=\s*("([^"]*)"|'([^']*)')/i.exec(tag);
    const url = src?.[2] ?? src?.[3];
    if (url && url.startsWith("/_next/")) found.add(url.split(/[?#]/)[0]!);
  }
  return [...found];
}

interface RouteJs {
  files: number;
  raw: number;
  gzip: number;
}

async function routeJs(outDir: string, route: string): Promise<RouteJs | null> {
  const htmlFile = await resolveFile(outDir, route);
  if (!htmlFile || !htmlFile.endsWith(".html")) return null;
  const sources = scriptSources(readFileSync(htmlFile, "utf8"));
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const file = path.join(outDir, decodeURIComponent(src));
    if (!existsSync(file)) throw new Error(`${htmlFile} loads ${src}, which is not in ${outDir}`);
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: sources.length, raw, gzip };
}

function cleanBare(): void {
  for (const p of [".next", "out", "next-env.d.ts"]) rmSync(path.join(BARE, p), { recursive: true, force: true });
}

/**
 * Installed before any page script (a string: tsx's keepNames breaks functions passed to the
 * page): the moment the network picture (`.panel-network svg.nv-svg`) is first in the document
 * AND visible (a class on <html> may hide it until the URL's options are applied), found by a
 * MutationObserver so the time is when it appeared, not when playwright polled.
 */
const PICTURE_WATCH = `(() => {
  window.__picture = null;
  const visible = () => {
    const svg = document.querySelector(".panel-network svg.nv-svg");
    if (!svg || !svg.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    const box = svg.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const check = (mo) => {
    if (window.__picture !== null || !visible()) return;
    window.__picture = performance.now();
    mo.disconnect();
  };
  const mo = new MutationObserver(() => check(mo));
  mo.observe(document, { childList: true, subtree: true, attributes: true });
})()`;

interface FirstFrame {
  fcp: number;
  /** When the picture was first visible, never before the first contentful paint (nothing is drawn before it). */
  picture: number | null;
}

/**
 * Polls `expression` in the page until it is true. Not page.waitForFunction: its string form is
 * compiled in the page, which the site's CSP (no 'unsafe-eval') refuses.
 */
async function waitForTrue(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Time to first frame in Chromium, median of `runs` cold loads (a fresh browser context each):
 * first-contentful-paint, and with `picture` the moment the network picture is visible.
 */
async function firstFrame(outDir: string, route: string, picture: boolean, runs = 5): Promise<FirstFrame> {
  const server = await startStaticServer(outDir);
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  const fcps: number[] = [];
  const pictures: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
      const page = await context.newPage();
      if (picture) await page.addInitScript({ content: PICTURE_WATCH });
      await page.goto(`${server.url}${route}`, { waitUntil: "load" });
      if (picture) await waitForTrue(page, "window.__picture !== null");
      await waitForTrue(page, `performance.getEntriesByName("first-contentful-paint").length > 0`);
      const t = (await page.evaluate(`({ fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime, picture: window.__picture ?? null })`)) as { fcp: number; picture: number | null };
      fcps.push(t.fcp);
      if (picture && t.picture !== null) pictures.push(Math.max(t.picture, t.fcp));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { fcp: median(fcps), picture: picture ? median(pictures) : null };
}

let bareFrame: FirstFrame | null = null;

async function bareJs(): Promise<RouteJs | null> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  cleanBare();
  progress("building test/bench/bare-next with the root's next …");
  const started = performance.now();
  try {
    const build = spawnSync(process.execPath, [nextBin, "build", BARE], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (build.status !== 0) {
      process.stderr.write(`${build.stdout}\n${build.stderr}\n`);
      progress(`next build of the bare page failed (exit ${build.status})`);
      return null;
    }
    progress(`bare build took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (!args.has("--no-frames")) bareFrame = await firstFrame(path.join(BARE, "out"), "/", false);
    return await routeJs(path.join(BARE, "out"), "/");
  } finally {
    if (!process.env.BENCH_KEEP_BARE) cleanBare();
  }
}

interface Frames {
  deltas: number[];
  stepsBefore: string;
  stepsAfter: string;
}

async function frames(): Promise<Frames> {
  const server = await startStaticServer(OUT);
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const slider = page.getByRole("slider", { name: "Step" });
    await page.goto(`${server.url}${BUSIEST}`);
    await slider.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('input[type="range"]');
      return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    });
    await page.waitForTimeout(300);
    // The busiest setup comes from the URL; should the page not honour it, set it by the form.
    const clientNat = page.getByRole("checkbox", { name: "Client behind NAT" });
    if (!(await clientNat.isChecked())) {
      progress("the playground did not apply its URL: setting the same knobs through the form");
      await page.getByRole("radio", { name: "Active (PORT)" }).check();
      await page.getByRole("checkbox", { name: "Extended: EPRT / EPSV (RFC 2428)" }).check();
      await clientNat.check();
      await page.getByRole("checkbox", { name: "Server behind NAT" }).check();
      for (const helper of ["Client router's FTP helper", "Server router's FTP helper"]) {
        const box = page.getByRole("checkbox", { name: helper });
        if ((await box.count()) === 1) await box.check();
        else progress(`no checkbox "${helper}": left as it is`);
      }
      const first = page.getByRole("button", { name: "First step", exact: true });
      if (await first.isEnabled()) await first.click();
    }
    const positionText = () => page.locator("main").getByText(/^\s*\d+\s*\/\s*\d+/).first().textContent();
    await page.getByLabel("Speed").selectOption("4");
    const stepsBefore = (await positionText()) ?? "?";
    progress(`playing ${new URL(page.url()).search || "(the default setup)"}`);
    await page.getByRole("button", { name: "Play", exact: true }).click();
    // A string, not a function: tsx (esbuild keepNames) would wrap a function's inner names in a
    // __name() helper that does not exist in the page.
    const deltas = (await page.evaluate(`new Promise((resolve) => {
      const out = [];
      let start = -1;
      let last = -1;
      const frame = (t) => {
        if (start < 0) start = t;
        else out.push(t - last);
        last = t;
        if (t - start < ${FRAME_MS}) requestAnimationFrame(frame);
        else resolve(out);
      };
      requestAnimationFrame(frame);
    })`)) as number[];
    const stepsAfter = (await positionText()) ?? "?";
    return { deltas, stepsBefore, stepsAfter };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Installed before any page script: for each click (capture phase, so before React's handler),
 * the time from the click to the end of the first frame that shows a change of the network
 * picture (a mutation under .panel-network, then the frame: requestAnimationFrame, and a task
 * queued from it runs once that frame is painted); and every long task.
 */
/**
 * Each knob click: when the picture changed (a mutation under .panel-network) and when it was on
 * screen. On screen is the click's Event Timing entry (the browser's own measure, as INP: from the
 * input to the next paint, in 8 ms steps), when the picture changed in the click's own task, so
 * that paint holds it; the browser reports only entries of 16 ms or more, so a click without one
 * painted within 16 ms. A picture changed later (never, today) is timed by the frame after it:
 * requestAnimationFrame, then a task. That frame-then-task time of every click is kept too.
 */
const KNOB_WATCH = `(() => {
  window.__knobs = [];
  window.__events = [];
  window.__longTasks = [];
  let current = null;
  document.addEventListener("click", (e) => {
    current = { start: e.timeStamp, changedInTask: false, changed: null, frameThenTask: null };
    window.__knobs.push(current);
    const click = current;
    // The next task: whatever the click's own task changed is in the DOM by then.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { click.taskDone = true; };
    ch.port2.postMessage(0);
  }, true);
  new MutationObserver((records) => {
    const click = current;
    if (click === null || click.changed !== null) return;
    if (!records.some((r) => r.target instanceof Node && r.target.parentElement && r.target.parentElement.closest(".panel-network"))) return;
    click.changed = performance.now();
    click.changedInTask = !click.taskDone;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { click.frameThenTask = performance.now() - click.start; };
      ch.port2.postMessage(0);
    });
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "click") window.__events.push({ start: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd });
  }).observe({ type: "event", durationThreshold: 16, buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
})()`;

const KNOB_TOGGLES = 30;

interface KnobRepaints {
  /** Click → the picture on screen (Event Timing), ms. */
  repaints: number[];
  /**
   * The slower clicks (those with an Event Timing entry, 16 ms or more) in their parts, ms: the
   * input's wait for the main thread, the page's own handling (React's render and commit), and
   * the browser's frame after it (waiting for the next frame, style, layout, paint, raster, draw).
   */
  parts: { delay: number[]; handler: number[]; frame: number[] };
  /** Click → the frame after the change, then a task, ms. */
  frameThenTask: number[];
  /** Clicks whose picture changed after the click's own task. */
  changedLater: number;
  longTasks: number[];
}

/** A busy core (as CI's other jobs) for the duration of `work`: a child node spinning. */
async function besideBusyCore<T>(work: () => Promise<T>): Promise<T> {
  const spinner = spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
  try {
    return await work();
  } finally {
    spinner.kill("SIGKILL");
  }
}

/**
 * The playground, knobs of the setup panel toggled in turn: click → repainted picture, and long
 * tasks meanwhile. `fresh`: before each click the passive range's top is typed anew (not timed),
 * so every click makes a setup the page has never simulated; otherwise the clicks cycle through
 * six setups, which the page keeps after their first visit.
 */
async function knobRepaints(fresh: boolean): Promise<KnobRepaints> {
  const server = await startStaticServer(OUT);
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript({ content: KNOB_WATCH });
    await page.goto(`${server.url}/playground`);
    await page.getByRole("slider", { name: "Step" }).waitFor();
    await waitForTrue(page, `(() => {
      const el = document.querySelector('input[type="range"]');
      return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    })()`);
    await page.waitForTimeout(500);
    // Six clicks that each change the picture at step 1 (a router, the client's mode label) and
    // come back to the default setup, so the cycle repeats.
    const knobs = [
      page.getByRole("checkbox", { name: "Client behind NAT" }),
      page.getByRole("radio", { name: "Active (PORT)" }),
      page.getByRole("checkbox", { name: "Extended: EPRT / EPSV (RFC 2428)" }),
      page.getByRole("radio", { name: "Passive (PASV)" }),
      page.getByRole("checkbox", { name: "Client behind NAT" }),
      page.getByRole("checkbox", { name: "Extended: EPRT / EPSV (RFC 2428)" }),
    ];
    return await besideBusyCore(async () => {
      const since = (await page.evaluate("performance.now()")) as number;
      for (let i = 0; i < KNOB_TOGGLES; i++) {
        if (fresh) {
          await page.getByLabel("Passive range, highest port").fill(String(30_010 + i));
          await page.waitForTimeout(300);
        }
        await knobs[i % knobs.length]!.click();
        await waitForTrue(page, `(() => { const k = window.__knobs.at(-1); return !!k && k.frameThenTask !== null; })()`, 10_000);
        await page.waitForTimeout(150);
      }
      // Event Timing entries arrive after their paint: give the last one its frame.
      await page.waitForTimeout(100);
      const got = (await page.evaluate("({ knobs: window.__knobs, events: window.__events, longTasks: window.__longTasks })")) as {
        knobs: { start: number; changedInTask: boolean; changed: number | null; frameThenTask: number | null }[];
        events: { start: number; duration: number; processingStart: number; processingEnd: number }[];
        longTasks: { start: number; duration: number }[];
      };
      const clicks = got.knobs.filter((k) => k.start >= since && k.frameThenTask !== null);
      const repaints = clicks.map((k) => {
        if (!k.changedInTask) return k.frameThenTask!;
        // An entry's startTime is its event's timeStamp; none: painted within 16 ms.
        const entry = got.events.find((e) => Math.abs(e.start - k.start) < 0.5);
        return entry ? entry.duration : 16;
      });
      const timed = clicks.flatMap((k) => got.events.filter((e) => k.changedInTask && Math.abs(e.start - k.start) < 0.5));
      return {
        repaints,
        parts: {
          delay: timed.map((e) => e.processingStart - e.start),
          handler: timed.map((e) => e.processingEnd - e.processingStart),
          frame: timed.map((e) => e.start + e.duration - e.processingEnd),
        },
        frameThenTask: clicks.map((k) => k.frameThenTask!),
        changedLater: clicks.filter((k) => !k.changedInTask).length,
        longTasks: got.longTasks.filter((t) => t.start >= since).map((t) => t.duration),
      };
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** `npm run build` (next build, then the CSP pass), for a fresh clone: false when it failed. */
function buildSite(): boolean {
  progress("out/index.html is missing: running `npm run build` first …");
  const started = performance.now();
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}\n${build.stderr}\n`);
    progress(`npm run build failed (exit ${build.status})`);
    return false;
  }
  progress(`the build took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** The routes whose picture should be drawn at the first paint: the URL's options resolved before it. */
const PICTURE_ROUTES = [EMBED_ROUTE, `${EMBED_ROUTE}?views=network&controls=none`, `${EMBED_ROUTE}?step=5`, LESSON_ROUTE];

async function pictureFigures(): Promise<void> {
  for (const route of PICTURE_ROUTES) {
    try {
      const f = await firstFrame(OUT, route, true);
      line(`web fcp ${route} (median of 5)`, f.fcp.toFixed(0), "ms");
      line(`web picture drawn ${route} (median of 5)`, (f.picture ?? NaN).toFixed(0), "ms");
      line(`web picture drawn / first paint ${route} (goal ≤ 1.1)`, ((f.picture ?? NaN) / f.fcp).toFixed(2), "x");
    } catch (err) {
      line(`web picture drawn / first paint ${route} (goal ≤ 1.1)`, `failed (${(err as Error).message.split("\n")[0]})`);
      exitCode = 1;
    }
  }
}

async function knobFigures(): Promise<void> {
  for (const fresh of [true, false]) {
    const which = fresh ? "a setup not seen before" : "a setup seen before";
    progress(`toggling ${KNOB_TOGGLES} knobs of /playground beside a busy core, each to ${which} …`);
    try {
      const k = await knobRepaints(fresh);
      const sorted = [...k.repaints].sort((a, b) => a - b);
      const later = [...k.frameThenTask].sort((a, b) => a - b);
      const goal = fresh ? " (goal ≤ 50)" : "";
      line(`web knob → repaint p50, ${which} (busy core beside)`, percentile(sorted, 50).toFixed(1), "ms");
      line(`web knob → repaint p95, ${which} (busy core beside)${goal}`, percentile(sorted, 95).toFixed(1), "ms");
      line(`web knob → repaint max, ${which} (busy core beside)`, (sorted.at(-1) ?? NaN).toFixed(1), "ms");
      line(`web knob → frame after the change, then a task, p95, ${which} (busy core beside)`, percentile(later, 95).toFixed(1), "ms");
      for (const [part, name] of [["delay", "input delay"], ["handler", "page's handler"], ["frame", "browser's frame after the handler"]] as const) {
        const values = [...k.parts[part]].sort((a, b) => a - b);
        for (const p of [50, 95]) line(`web knob → repaint, ${name}, p${p} of the ${values.length} clicks ≥ 16 ms, ${which} (busy core beside)`, percentile(values, p).toFixed(1), "ms");
      }
      line(`web knob clicks whose picture changed after the click's task, ${which} (goal 0)`, k.changedLater);
      line(`web long tasks over 50 ms during knob changes, ${which} (goal 0)`, k.longTasks.length);
      if (k.longTasks.length) progress(`long tasks: ${k.longTasks.map((d) => d.toFixed(0)).join(", ")} ms`);
    } catch (err) {
      line(`web knob → repaint p95, ${which} (busy core beside)`, `failed (${(err as Error).message.split("\n")[0]})`);
      exitCode = 1;
    }
  }
}

async function main(): Promise<void> {
  if (!existsSync(path.join(OUT, "index.html")) && !buildSite()) {
    console.error("out/index.html is missing and `npm run build` failed: no web figures.");
    process.exitCode = 1;
    return;
  }
  const browser = findChromium();
  if (!browser && !args.has("--no-frames")) {
    line("web frames", `skipped (no Chromium at ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"})`);
    progress("skipped without Chromium: first paints, picture drawn, knob → repaint, playback frames; the JS figures follow");
    args.add("--no-frames");
  }

  const sizes = new Map<string, RouteJs | null>();
  for (const route of ROUTES) {
    const js = await routeJs(OUT, route);
    sizes.set(route, js);
    if (js) line(`web js gzip ${route}`, kB(js.gzip), "kB");
    else {
      line(`web js gzip ${route}`, "missing (no HTML in out/)");
      exitCode = 1;
    }
  }
  const lesson = sizes.get(LESSON_ROUTE);
  if (lesson) {
    line(`web js raw ${LESSON_ROUTE}`, kB(lesson.raw), "kB");
    line(`web js files ${LESSON_ROUTE}`, lesson.files);
  }

  if (!args.has("--no-bare")) {
    const bare = await bareJs();
    if (bare) {
      line("web js gzip bare next page", kB(bare.gzip), "kB");
      line("web js raw bare next page", kB(bare.raw), "kB");
      if (lesson) line(`web js ratio ${LESSON_ROUTE}/bare (goal ≤ 1.3)`, (lesson.gzip / bare.gzip).toFixed(2), "x");
      const embed = sizes.get(EMBED_ROUTE);
      if (embed) line(`web js ratio ${EMBED_ROUTE}/bare (goal ≤ 1.3)`, (embed.gzip / bare.gzip).toFixed(2), "x");
      if (bareFrame) line("web fcp bare next page (median of 5)", bareFrame.fcp.toFixed(0), "ms");
    } else {
      line("web js gzip bare next page", "failed (next build)");
      exitCode = 1;
    }
  }

  if (!args.has("--no-frames")) {
    await pictureFigures();
    await knobFigures();
    progress(`playing ${BUSIEST} at 4x for ${FRAME_MS / 1000} s in Chromium …`);
    try {
      const f = await frames();
      const sorted = [...f.deltas].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
      line("web frame p95 (busiest playground, 4x)", percentile(sorted, 95).toFixed(1), "ms");
      line("web frame mean (busiest playground, 4x)", mean.toFixed(1), "ms");
      line("web frame max (busiest playground, 4x)", (sorted.at(-1) ?? NaN).toFixed(1), "ms");
      line("web frames over 50 ms", sorted.filter((d) => d > 50).length);
      line("web frames measured", sorted.length);
      progress(`position ${f.stepsBefore.trim()} → ${f.stepsAfter.trim()}`);
    } catch (err) {
      line("web frame p95 (busiest playground, 4x)", `failed (${(err as Error).message.split("\n")[0]})`);
      exitCode = 1;
    }
  }
  process.exitCode = exitCode;
}

await main();
