/**
 * Embeds: the reveal.js example deck steps the embedded lab with its fragments (postMessage both
 * ways); URL parameters choose views, controls, step, range and theme, and bad ones fall back
 * with a notice; hostile values from the URL or from messages never become markup; the
 * playground embed takes a "setup" command.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, ROOT, test, waitForHydration } from "./fixtures";
import { startStaticServer, type StaticServer } from "./static-server";
import { EXAMPLE_MOUNTS } from "../../examples/serve";

let examples: StaticServer;
test.beforeAll(async () => {
  examples = await startStaticServer("out", EXAMPLE_MOUNTS);
});
test.afterAll(async () => {
  await examples.close();
});

test("the reveal.js example: each fragment moves the embedded lab to its step, and back", async ({ page }) => {
  await page.goto(`${examples.url}/examples/reveal/#/1`);
  const status = page.locator(".present .lab-status");
  await expect(status).toHaveText(/^Lab: step 2 of \d+/);
  const lab = page.frameLocator(".present iframe.ftp-lab");
  await expect(lab.getByRole("heading", { name: /SYN: the control connection opens/ })).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(status).toHaveText(/^Lab: step 9 of /);
  await page.keyboard.press("ArrowRight");
  await expect(status).toHaveText(/^Lab: step 14 of /);
  await expect(lab.getByRole("heading", { name: /Command: PORT/ })).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(status).toHaveText(/^Lab: step 19 of /);
  await page.keyboard.press("ArrowRight");
  await expect(status).toHaveText(/^Lab: step 28 of /);
  await expect(lab.getByRole("heading", { name: /Response: 226/ })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(status).toHaveText(/^Lab: step 19 of /);
});

test("the Slidev example: each click of the slide moves the embedded lab to its step", async ({ page }) => {
  const built = existsSync(path.join(ROOT, "examples/slidev/dist/index.html"));
  expect(built, "build the Slidev example first: npm ci --prefix examples/slidev && npm run --prefix examples/slidev build (.ci/run does)").toBe(true);
  await page.goto(`${examples.url}/examples/slidev/dist/index.html#/2`);
  const status = page.locator(".lab-status").first();
  await expect(status).toHaveText(/^Lab: step 2 of \d+/, { timeout: 15_000 });
  const lab = page.frameLocator("iframe.ftp-lab").first();
  await page.keyboard.press("ArrowRight");
  await expect(status).toHaveText(/^Lab: step 13 of /);
  await expect(lab.getByRole("heading", { name: /Command: PASV/ })).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(status).toHaveText(/^Lab: step 15 of /);
  await page.keyboard.press("ArrowLeft");
  await expect(status).toHaveText(/^Lab: step 13 of /);
});

async function openEmbed(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page.locator("main"));
  await expect(page.getByText("Loading the lab…")).toHaveCount(0);
}

test("an embed shows only the views and controls its URL asks for, at its step, without site chrome", async ({ page, problems }) => {
  await openEmbed(page, "/embed/passive-mode?views=network,transcript&controls=minimal&step=5&theme=projector");
  await expect(page.locator("header")).toHaveCount(0);
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Network" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Control connection" })).toBeVisible();
  await expect(page.locator(".explanation")).toHaveCount(0);
  await expect(page.getByText(/^\s*5\s*\/\s*\d+/)).toBeVisible();
  await expect(page.getByRole("button", { name: /first step/i })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("projector");
  expect(problems.list).toEqual([]);
});

test("from/to lock the playable range", async ({ page }) => {
  await openEmbed(page, "/embed/active-mode?from=10&to=12&controls=minimal");
  const position = page.getByText(/^\s*\d+\s*\/\s*\d+/);
  await expect(position).toHaveText(/^\s*10\s*\//);
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(position).toHaveText(/^\s*12\s*\//);
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  await expect(position).toHaveText(/^\s*10\s*\//);
});

test("malformed and hostile parameters fall back to defaults with a notice, as text", async ({ page, problems }) => {
  const hostile = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  await openEmbed(page, `/embed/active-mode?views=${hostile}&controls=${hostile}&step=-3&speed=fast&theme=${hostile}&${hostile}=1`);
  const notice = page.getByRole("note");
  await expect(notice).toContainText('Ignored views="<img src=x onerror=');
  await expect(notice).toContainText("Ignored step=");
  await expect(notice).toContainText("Ignored speed=");
  await expect(notice).toContainText("Ignored unknown parameter");
  expect(await page.locator("main img").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByRole("region", { name: "Network" })).toBeVisible();
  expect(problems.list).toEqual([]);
});

test("postMessage: valid commands drive the lab, anything else is ignored (the events are checked with the reveal.js deck)", async ({ page }) => {
  await openEmbed(page, "/embed/active-mode?controls=minimal");
  const position = page.getByText(/^\s*\d+\s*\/\s*\d+/);
  const send = (data: unknown) => page.evaluate((d) => window.postMessage(d, "*"), data);
  await send({ ns: "ftp-lab", method: "goto", args: { step: 14 } });
  await expect(position).toHaveText(/^\s*14\s*\//);
  await send({ ns: "ftp-lab", method: "next" });
  await expect(position).toHaveText(/^\s*15\s*\//);
  for (const bad of [
    { ns: "other", method: "goto", args: { step: 1 } },
    { ns: "ftp-lab", method: "goto", args: { step: "<b>1</b>" } },
    { ns: "ftp-lab", method: "explode" },
    { ns: "ftp-lab", method: "goto", args: { step: -1 } },
    "goto 1",
    null,
  ]) {
    await send(bad);
  }
  await send({ ns: "ftp-lab", method: "prev" });
  await expect(position).toHaveText(/^\s*14\s*\//);
});

test("the playground embed takes a setup from the host and simulates it", async ({ page }) => {
  await openEmbed(page, "/embed/playground?mode=passive&controls=minimal&views=network,explanation");
  await expect(page.getByText("curl · passive (PASV)")).toBeVisible();
  await page.evaluate(() => window.postMessage({ ns: "ftp-lab", method: "setup", args: { mode: "active", cfw: "stateful" } }, "*"));
  await expect(page.getByText("curl · active (PORT)")).toBeVisible();
  await page.evaluate(() => window.postMessage({ ns: "ftp-lab", method: "goto", args: { step: 99999 } }, "*"));
  await expect(page.getByText(/LIST\s*failed/).first()).toBeVisible();
});
