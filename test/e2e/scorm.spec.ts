/**
 * The SCORM 1.2 package (`npm run export -- <slug> --scorm`) inside a stand-in LMS: a page that
 * provides the SCORM 1.2 runtime from scorm-again (a maintained implementation of the runtime)
 * and frames the package's lesson from a deep address of its own, as Moodle serves an uploaded
 * package. The lesson runs offline from the package alone, tells the runtime where the learner is,
 * the score (predictions right on the first try) and completion, and resumes from the suspend
 * data the LMS hands back.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Page } from "@playwright/test";
import { expect, ROOT, test } from "./fixtures";
import { startStaticServer, type StaticServer } from "./static-server";

/** The packaged lesson's steps, as its file has them. */
const TOTAL: number = JSON.parse(readFileSync(path.join(ROOT, "lessons/active-mode.json"), "utf8")).steps.length;
/** Where the stand-in LMS keeps the unpacked package: deep, as an LMS does. */
const CONTENT = "lms/pluginfile/42/mod_scorm/content/1";

let lms: StaticServer;
let zip: Record<string, Uint8Array>;
test.beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ftp-lab-scorm-"));
  const r = spawnSync("npx", ["tsx", "scripts/export-lesson.ts", "active-mode", "--scorm", "--out", path.join(dir, "exports")], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
  expect(r.status, r.stderr).toBe(0);
  zip = unzipSync(readFileSync(path.join(dir, "exports", "active-mode.scorm.zip")));
  for (const [name, bytes] of Object.entries(zip)) {
    const file = path.join(dir, CONTENT, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  writeFileSync(path.join(dir, "lms", "scorm12.min.js"), readFileSync(path.join(ROOT, "node_modules/scorm-again/dist/scorm12.min.js")));
  // The LMS's player page: the runtime on window.API, what the LMS stored (if any) loaded into it.
  writeFileSync(
    path.join(dir, "lms", "player.html"),
    `<!doctype html><title>LMS</title><script src="scorm12.min.js"></script>
<script>
window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
const stored = new URLSearchParams(location.search).get("stored");
if (stored) window.API.loadFromJSON(JSON.parse(stored));
// What the lesson told the runtime, value by value (some, like cmi.core.exit, cannot be read back).
window.told = {};
window.API.on("LMSSetValue.cmi.*", (element, value) => { window.told[element] = value; });
window.API.on("LMSFinish", () => { window.told.finished = "yes"; });
</script>
<iframe id="sco" title="lesson" src="${CONTENT.replace(/^lms\//, "")}/active-mode/index.html" style="width:1280px;height:1400px;border:0"></iframe>`,
  );
  lms = await startStaticServer(dir);
});
test.afterAll(async () => {
  await lms?.close();
});

/** The lesson's last word on each element, as the runtime heard it. */
const recorded = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => {
    const told = (window as unknown as { told: Record<string, string> }).told;
    return {
      location: told["cmi.core.lesson_location"] ?? "",
      status: told["cmi.core.lesson_status"] ?? "",
      raw: told["cmi.core.score.raw"] ?? "",
      min: told["cmi.core.score.min"] ?? "",
      max: told["cmi.core.score.max"] ?? "",
      suspend: told["cmi.suspend_data"] ?? "",
      exit: told["cmi.core.exit"] ?? "",
      finished: told.finished ?? "",
    };
  });

async function openLms(page: Page, stored?: object) {
  const failed: string[] = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.setViewportSize({ width: 1300, height: 900 });
  await page.goto(`${lms.url}/lms/player.html${stored ? `?stored=${encodeURIComponent(JSON.stringify(stored))}` : ""}`);
  const sco = page.frameLocator("#sco");
  await expect(sco.getByText(new RegExp(`^Lesson step \\d+ of ${TOTAL}$`))).toBeVisible();
  return { sco, failed };
}

test("the package names every file it holds, and its lesson as a SCO", () => {
  const manifest = new TextDecoder().decode(zip["imsmanifest.xml"]);
  expect(manifest).toContain("<schemaversion>1.2</schemaversion>");
  expect(manifest).toMatch(/<resource identifier="sco-active-mode" type="webcontent" adlcp:scormtype="sco" href="active-mode\/index.html">/);
  const named = [...manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1]);
  expect(named.sort()).toEqual(Object.keys(zip).filter((k) => k !== "imsmanifest.xml").sort());
  // Nothing addressed from the site's root: inside an LMS that is the LMS's own.
  expect(new TextDecoder().decode(zip["active-mode/index.html"])).not.toMatch(/["'(]\/_next\//);
});

test("all: a package per lesson and one for the course, a SCO per lesson sharing one copy of the build", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ftp-lab-scorm-all-"));
  const r = spawnSync("npx", ["tsx", "scripts/export-lesson.ts", "all", "--scorm", "--out", dir], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
  expect(r.status, r.stderr).toBe(0);
  const course = unzipSync(readFileSync(path.join(dir, "ftp-modes-lab.scorm.zip")));
  const manifest = new TextDecoder().decode(course["imsmanifest.xml"]);
  const scos = [...manifest.matchAll(/adlcp:scormtype="sco" href="([^"]+)"/g)].map((m) => m[1]!);
  const lessons = r.stdout.split("\n").filter((l) => l.endsWith(".scorm.zip") && !l.endsWith("ftp-modes-lab.scorm.zip"));
  expect(scos).toHaveLength(lessons.length);
  expect(scos.length).toBeGreaterThan(10);
  for (const sco of scos) expect(course[sco], sco).toBeDefined();
  expect(Object.keys(course).filter((k) => k.startsWith("_next/static/chunks/turbopack-"))).not.toHaveLength(0);
});

test("a learner's way through the lesson is what the LMS records: location, score, completion", async ({ page }) => {
  const { sco, failed } = await openLms(page);
  // Inside the LMS the lesson offers no way off it: the site's other pages are not in the package.
  await expect(sco.getByRole("navigation", { name: "Site" })).toBeHidden();
  await expect(sco.getByRole("button", { name: "Share / embed" })).toBeHidden();
  await expect.poll(() => recorded(page)).toMatchObject({ location: "1", status: "incomplete", raw: "0", min: "0", max: "100" });
  const go = () => sco.getByRole("button", { name: "Continue →" }).click();
  await go();
  await go();
  await expect(sco.getByText(`Lesson step 3 of ${TOTAL}`, { exact: true })).toBeVisible();
  // The prediction, right on the first try.
  await sco.getByRole("radio", { name: "The server, from port 20" }).check();
  await sco.getByRole("button", { name: "Check my answer" }).click();
  await expect.poll(() => recorded(page)).toMatchObject({ location: "3", raw: "100", suspend: "v1;2;2;2+" });
  await go();
  await go();
  await expect.poll(() => recorded(page)).toMatchObject({ location: "5", status: "incomplete", suspend: "v1;4;4;2+" });
  // The learner leaves: the attempt is suspended, to resume.
  await page.evaluate(() => document.getElementById("sco")!.remove());
  await expect.poll(() => recorded(page)).toMatchObject({ exit: "suspend", finished: "yes" });
  // Every file the lesson asked for came from the package.
  expect(failed).toEqual([]);
});

test("a learner who comes back resumes where they stopped, and finishing completes the lesson", async ({ page }) => {
  const { sco, failed } = await openLms(page, { core: { lesson_location: "5", entry: "resume" }, suspend_data: "v1;4;4;2-" });
  await expect(sco.getByText(`Lesson step 5 of ${TOTAL}`, { exact: true })).toBeVisible();
  // The earlier wrong first answer still counts, however the question is answered later.
  await expect.poll(() => recorded(page)).toMatchObject({ location: "5", raw: "0" });
  for (let i = 5; i < TOTAL; i++) await sco.getByRole("button", { name: "Continue →" }).click();
  await expect(sco.getByText(`Lesson step ${TOTAL} of ${TOTAL}`, { exact: true })).toBeVisible();
  await expect.poll(() => recorded(page)).toMatchObject({ location: String(TOTAL), status: "completed", raw: "0", suspend: `v1;${TOTAL - 1};${TOTAL - 1};2-` });
  expect(failed).toEqual([]);
});

test("suspend data that is not the lesson's is ignored: the lesson starts at its beginning", async ({ page }) => {
  const { sco } = await openLms(page, { core: { lesson_location: "99", entry: "resume" }, suspend_data: "v1;99;99;" });
  await expect(sco.getByText(`Lesson step 1 of ${TOTAL}`, { exact: true })).toBeVisible();
  await expect.poll(() => recorded(page)).toMatchObject({ location: "1", suspend: "v1;0;0;" });
});
