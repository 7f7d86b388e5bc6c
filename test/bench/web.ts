/**
 * `npm run bench:web`: what the lab costs a browser, one `name: value unit` line per figure.
 *
 * - The JS each route ships: the files of its HTML's <script src> tags under out/_next (nomodule
 *   polyfills left out: no current browser loads them), each gzipped (level 9) and summed.
 *   Needs `npm run build` first; builds nothing of the lab itself.
 * - The same for a bare Next.js page (test/bench/bare-next, the same next and react), built here
 *   with the root's next binary into test/bench/bare-next/out — no second npm install. Its build
 *   output (.next/, out/, next-env.d.ts) is removed afterwards, so that lint and tsc of the root
 *   never see it; BENCH_KEEP_BARE=1 keeps it.
 * - The lesson route's JS over the bare page's.
 * - Frame times while the busiest playground scenario plays at 4× in headless Chromium
 *   (requestAnimationFrame deltas for 5 s): p95, mean, max.
 *
 * Options: --no-bare (skip the bare build), --no-frames (skip Chromium).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/chromium";
import { resolveFile, startStaticServer } from "../e2e/static-server";

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

function line(name: string, value: number | string, unit = ""): void {
  console.log(`${name}: ${value}${unit ? ` ${unit}` : ""}`);
}

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
 * Time to first frame in Chromium, median of `runs` cold loads (a fresh browser context each):
 * first-contentful-paint, and for the lab the moment its network picture is in the document.
 */
async function firstFrame(outDir: string, route: string, ready: string | null, runs = 5): Promise<{ fcp: number; ready: number | null }> {
  const server = await startStaticServer(outDir);
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  const fcps: number[] = [];
  const readies: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
      const page = await context.newPage();
      await page.goto(`${server.url}${route}`, { waitUntil: "load" });
      if (ready) await page.waitForSelector(ready);
      const t = (await page.evaluate(`(() => {
        const fcp = performance.getEntriesByName("first-contentful-paint")[0];
        return { fcp: fcp ? fcp.startTime : NaN, now: performance.now() };
      })()`)) as { fcp: number; now: number };
      fcps.push(t.fcp);
      if (ready) readies.push(t.now);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { fcp: median(fcps), ready: ready ? median(readies) : null };
}

let bareFrame: { fcp: number; ready: number | null } | null = null;

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
    if (!args.has("--no-frames")) bareFrame = await firstFrame(path.join(BARE, "out"), "/", null);
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(OUT, "index.html"))) {
    console.error("out/index.html is missing: run `npm run build` first.");
    process.exit(1);
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
      if (lesson) line(`web js ratio ${LESSON_ROUTE}/bare`, (lesson.gzip / bare.gzip).toFixed(2), "x");
      const embed = sizes.get(EMBED_ROUTE);
      if (embed) line(`web js ratio ${EMBED_ROUTE}/bare (budget 1.3)`, (embed.gzip / bare.gzip).toFixed(2), "x");
      if (bareFrame) {
        line("web first frame bare next page (fcp, median of 5)", bareFrame.fcp.toFixed(0), "ms");
        const e = await firstFrame(OUT, `${EMBED_ROUTE}?views=network&controls=none`, ".panel-network svg.nv-svg");
        line(`web first frame ${EMBED_ROUTE} (fcp, median of 5)`, e.fcp.toFixed(0), "ms");
        line(`web network drawn ${EMBED_ROUTE} (median of 5)`, (e.ready ?? NaN).toFixed(0), "ms");
        line(`web first frame ratio ${EMBED_ROUTE}/bare (budget 1.3)`, (e.fcp / bareFrame.fcp).toFixed(2), "x");
      }
    } else {
      line("web js gzip bare next page", "failed (next build)");
      exitCode = 1;
    }
  }

  if (!args.has("--no-frames")) {
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
