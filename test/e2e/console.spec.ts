/**
 * "Type your own commands" as a learner uses it: in the playground's console, log in, ask for
 * passive mode and read the port in the server's own 227, list, and see the picture play what
 * each line caused; a bounce attempt gets vsftpd's refusal; a bad line is refused with its
 * reason; the history is in the link and comes back. Axe-clean.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, openLab, position, test, waitForHydration } from "./fixtures";

async function type(page: Page, line: string) {
  const input = page.getByRole("textbox", { name: "FTP command" });
  await input.fill(line);
  await input.press("Enter");
}

test("a learner logs in, asks for passive mode and lists: each line plays on the network", async ({ page }) => {
  // Four lines, each played on the network at the lab's pace, then a second page: ~30 s on a loaded machine.
  test.setTimeout(90_000);
  await openLab(page, "/playground?mode=active");
  await page.getByRole("button", { name: "Type your own commands…" }).click();
  const console_ = page.locator(".playground-console");
  await expect(page.getByRole("textbox", { name: "FTP command" })).toBeVisible();
  await type(page, "USER demo");
  await expect(console_).toContainText("331");
  await type(page, "PASS demo");
  await expect(console_).toContainText("230 Login successful.");
  await type(page, "PASV");
  await expect(console_).toContainText(/227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)/);
  const before = await position(page).innerText();
  await type(page, "LIST");
  // The lab plays what LIST caused: the data connection the console opened to the 227's port.
  await expect(position(page)).not.toHaveText(before);
  await expect(console_).toContainText("226", { timeout: 30_000 });
  await expect(page).toHaveURL(/console=USER(\+|%20)demo%0APASS/);

  // The link brings the same lines back.
  const other = await page.context().newPage();
  await openLab(other, new URL(page.url()).pathname + new URL(page.url()).search);
  await expect(other.locator(".playground-console")).toContainText("ftp> PASV");

  const results = await new AxeBuilder({ page }).include(".playground-console").analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("a PORT naming another host gets the server's bounce refusal; a bad line never leaves", async ({ page }) => {
  await openLab(page, "/playground?console=USER%20demo%0APASS%20demo");
  await type(page, "PORT 10,99,1,9,200,10");
  await expect(page.locator(".playground-console")).toContainText("500 Illegal PORT command.");
  const input = page.getByRole("textbox", { name: "FTP command" });
  await input.fill("x".repeat(300));
  await input.press("Enter");
  await expect(page.locator(".playground-console").getByRole("status")).toContainText(/256/);
  await expect(page).not.toHaveURL(/xxxxxxxx/);
});

test("a lesson hands the learner the console: PASV typed by hand, and the lab lands on its packet", async ({ page }) => {
  await openLab(page, "/lessons/passive-mode?step=8");
  const box = page.getByRole("region", { name: "Your console" });
  await expect(box).toContainText("Task: Send PASV");
  await expect(box).toContainText("ftp> USER demo");
  await type(page, "PASV");
  await expect(box).toContainText(/227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)/);
  // The lab is on the console's session now, at the PASV it sent.
  await expect(page.getByRole("main")).toContainText("the console · lines as typed");
  await type(page, "LIST");
  await expect(box).toContainText("226 Directory send OK.", { timeout: 30_000 });
  const results = await new AxeBuilder({ page }).include(".lesson-card").analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("an embed plays a typed session from the playground's link (console=)", async ({ page }) => {
  await page.goto("/embed/playground?console=USER%20demo%0APASS%20demo%0APASV%0ALIST&views=network,transcript&step=999");
  await waitForHydration(page.locator("main"));
  await expect(page.getByRole("main")).toContainText("the console · lines as typed");
  await expect(page.locator(".panel-transcript")).toContainText(/227 Entering Passive Mode/);
  await expect(page.locator(".panel-transcript")).toContainText("226 Directory send OK.");
  const results = await new AxeBuilder({ page }).include("main").analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
