/**
 * /diagnose end to end, in Chromium against the static export: the diagnosis runs in a Web
 * Worker under the page's CSP. Paste an example → the right cause first, its evidence line
 * highlighted and labelled, a verified fix marked, the lab opened at the failing step; apply a
 * fix → the fixed session completes; drop a pcap → its cause; nothing FTP → the message; a
 * shared link opens the rebuilt session without the log; no serious axe violation.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { EXAMPLES } from "../../components/diagnose/examples";
import { ROOT, expect, stillMotion, test, waitForHydration } from "./fixtures";

const CURL = EXAMPLES.find((e) => e.id === "curl-active-425")!;
const PCAP = path.join(ROOT, "test/fixtures/logs/pcap/passive-drop.pcap");

async function open(page: Page) {
  await page.goto("/diagnose");
  const button = page.getByRole("button", { name: "Diagnose", exact: true });
  await waitForHydration(button);
  await expect(button).toBeEnabled();
}

async function paste(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Paste a client or server log" }).fill(text);
  await page.getByRole("button", { name: "Diagnose", exact: true }).click();
}

test("paste a curl -v log: the cause, its evidence, a checked fix, the lab at the failing step", async ({ page, problems }) => {
  await open(page);
  await paste(page, CURL.text);

  const causes = page.getByRole("radiogroup", { name: /Likely causes/ });
  await expect(causes).toBeVisible({ timeout: 20_000 });
  const first = causes.getByRole("radio").first();
  await expect(first).toBeChecked();
  await expect(causes.locator("label").first()).toContainText("The server's connection back to the client is blocked");

  // The evidence lines are highlighted and say so in words; the failing line is marked.
  const log = page.getByRole("region", { name: /The log, \d+ lines, passwords masked/ });
  const failing = log.locator('[data-failure="yes"]');
  await expect(failing).toContainText("425 Failed to establish connection.");
  await expect(failing).toContainText("the data connection dies here");
  await expect(log.locator('[data-evidence="yes"]').first()).toContainText("evidence");
  await expect(log).toContainText("-u alice:****");
  await expect(log).not.toContainText("s3cr3t");

  // An evidence link scrolls its line into view and focuses it.
  await page.getByRole("button", { name: "Show line 19 of the log" }).click();
  await expect(log.locator('[data-line="19"]')).toBeFocused();

  await expect(page.getByText("checked in the lab: the listing arrives").first()).toBeVisible();

  // The lab opens at the server's SYN, dropped at the client's wall.
  const lab = page.getByRole("region", { name: "The session rebuilt from the log" });
  await expect(lab.getByRole("slider", { name: "Step" })).toBeVisible({ timeout: 20_000 });
  await expect(lab.getByTestId("network-summary")).toContainText(/SYN from 10\.99\.2\.2:20 .*dropped/);

  expect(problems.list).toEqual([]);
});

test("apply a fix: the fixed session beside the broken one completes", async ({ page, problems }) => {
  await open(page);
  await page.getByRole("combobox", { name: "Or pick an example" }).selectOption(CURL.id);
  await expect(page.getByRole("radiogroup", { name: /Likely causes/ })).toBeVisible({ timeout: 20_000 });

  const fix = page.locator("[data-fix]").filter({ has: page.locator('[data-verified="yes"]') }).first();
  const apply = fix.getByRole("button", { name: /Apply this fix/ });
  await apply.focus();
  await page.keyboard.press("Enter");
  await expect(apply).toHaveAttribute("aria-pressed", "true");

  const fixed = page.getByRole("region", { name: /With the fix/ });
  await expect(fixed.getByRole("status", { name: "Transfer outcomes" })).toContainText(/LIST\s*ok/, { timeout: 20_000 });
  // The broken one stays at the packet that dies.
  await expect(page.getByRole("region", { name: /As the log shows it/ }).getByTestId("network-summary")).toContainText(/dropped/);

  // The share link carries the sessions, not the log; opened, it shows both.
  const link = await page.getByRole("textbox", { name: "Share this diagnosis" }).inputValue();
  expect(link).toContain("/diagnose#session=");
  expect(link).not.toContain("alice");
  // Someone else opens it: a fresh page, no log anywhere.
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole("heading", { name: "A shared diagnosis" })).toBeVisible();
  await expect(other.getByRole("region", { name: /With the fix/ }).getByRole("status", { name: "Transfer outcomes" })).toContainText(/LIST\s*ok/, { timeout: 20_000 });
  await expect(other.getByRole("textbox", { name: "Paste a client or server log" })).toHaveValue("");
  await expect(other.locator("main")).not.toContainText("alice");

  // "Open in the playground" carries the session's knobs.
  const href = await other.getByRole("link", { name: "Open in the playground" }).getAttribute("href");
  expect(href).toMatch(/^\/playground\?.*mode=active/);
  expect(problems.list).toEqual([]);
});

test("drop a pcap capture: read as bytes, its cause first", async ({ page, problems }) => {
  test.skip(!existsSync(PCAP), "no recorded capture yet");
  await open(page);
  const bytes = [...readFileSync(PCAP)];
  const dataTransfer = await page.evaluateHandle((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], "passive-drop.pcap", { type: "application/vnd.tcpdump.pcap" }));
    return dt;
  }, bytes);
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
  const causes = page.getByRole("radiogroup", { name: /Likely causes/ });
  await expect(causes.locator("label").first()).toContainText("The server's passive port is blocked", { timeout: 20_000 });
  await expect(page.getByText("passive-drop.pcap")).toBeVisible();
  await expect(page.getByRole("region", { name: /The log, \d+ packets/ })).toBeVisible();
  expect(problems.list).toEqual([]);
});

test("nothing FTP, an empty paste: a clear message and nothing breaks", async ({ page, problems }) => {
  await open(page);
  await paste(page, "Dear diary,\nthe weather was fine today.\n");
  await expect(page.locator("main").getByRole("alert")).toContainText("Nothing FTP");
  await paste(page, "");
  await expect(page.locator("main").getByRole("alert")).toContainText("empty");
  // And the page still works.
  await paste(page, CURL.text);
  await expect(page.getByRole("radiogroup", { name: /Likely causes/ })).toBeVisible({ timeout: 20_000 });
  expect(problems.list).toEqual([]);
});

for (const theme of ["light", "dark"] as const) {
  test(`/diagnose with a result has no serious or critical axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await open(page);
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    await page.getByRole("combobox", { name: "Or pick an example" }).selectOption(CURL.id);
    await expect(page.getByRole("slider", { name: "Step" }).first()).toBeVisible({ timeout: 20_000 });
    const fix = page.locator("[data-fix]").filter({ has: page.locator('[data-verified="yes"]') }).first();
    await fix.getByRole("button", { name: /Apply this fix/ }).click();
    await expect(page.getByRole("region", { name: /With the fix/ })).toBeVisible({ timeout: 20_000 });
    await stillMotion(page);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")})`);
    expect(bad).toEqual([]);
  });
}
