/**
 * More than two hosts (issue 18) in the browser: the playground's "More hosts" knobs turn a
 * session into a server-to-server transfer (RFC 959 §2.3 figure 2) or put a relay in front of the
 * server; the picture then draws three hosts, the outcome follows the servers' checks, the link
 * keeps the setup, and the lessons open "What each box knows" on the relay. axe-core checks the
 * three-host pages as a11y.spec.ts checks the routes.
 */
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import type { Page } from "@playwright/test";
import { blurFocus, ensureScreenshotDir, expect, openLab, openLessonStep, outcome, stillMotion, test } from "./fixtures";

const picture = (page: Page) => page.getByRole("group", { name: "Network view" });

test("FXP in the playground: B refuses PORT, then both checks relaxed, the file moves from A to B", async ({ page }) => {
  await openLab(page, "/playground");
  await page.getByRole("checkbox", { name: /Server-to-server transfer \(FXP\)/ }).check();
  await expect(picture(page)).toHaveAttribute("data-hosts", "client server server-b");
  await blurFocus(page);
  await page.keyboard.press("End");
  // vsftpd's default port_promiscuous=NO: B refuses a PORT naming A (RFC 2577 §3).
  await expect(outcome(page, "RETR")).toContainText(/\bfailed\b/);
  await expect(outcome(page, "RETR")).toContainText("500");

  await page.getByRole("checkbox", { name: /Server B: PORT naming the server/ }).check();
  await blurFocus(page);
  await page.keyboard.press("End");
  // A's pasv_promiscuous=NO: B's data connection is refused with 425, and B stores an empty file.
  await expect(outcome(page, "RETR")).toContainText("425 Security: Bad IP connecting.");

  await page.getByRole("checkbox", { name: /Server: data connection from server B/ }).check();
  await blurFocus(page);
  await page.keyboard.press("End");
  await expect(outcome(page, "RETR")).toContainText(/\bok\b/);
  await expect.poll(() => {
    const q = new URL(page.url()).searchParams;
    return `${q.get("fxp")} ${q.get("bpromisc")} ${q.get("pasvpromisc")}`;
  }, { message: "the URL keeps the setup" }).toBe("1 1 1");

  await page.reload();
  await openLab(page, page.url());
  await expect(page.getByRole("checkbox", { name: /Server-to-server transfer \(FXP\)/ })).toBeChecked();
  await expect(picture(page)).toHaveAttribute("data-hosts", "client server server-b");
  // The client's own mode knobs mean nothing to the FXP script: they are greyed out.
  await expect(page.getByRole("radio", { name: "Active (PORT)" })).toBeDisabled();
});

test("a relay in front of the server: port 21 alone lets the login through and LIST fail; the range mapped, LIST works", async ({ page }) => {
  await openLab(page, "/playground?relay=control");
  await expect(picture(page)).toHaveAttribute("data-hosts", "client relay server");
  await blurFocus(page);
  await page.keyboard.press("End");
  await expect(outcome(page, "LIST")).toContainText(/\bfailed\b/);

  await page.getByRole("combobox", { name: /A relay in front of the server/ }).selectOption("range");
  await blurFocus(page);
  await page.keyboard.press("End");
  await expect(outcome(page, "LIST")).toContainText(/\bok\b/);
  await expect.poll(() => new URL(page.url()).searchParams.get("relay")).toBe("range");
  // The sequence diagram has a lane for the relay between the client and the server.
  await expect(page.getByText("relay", { exact: true }).first()).toBeVisible();
});

test("the relay lesson opens 'What each box knows' on the relay's sockets", async ({ page }) => {
  await openLab(page, "/lessons/relay-connector");
  await openLessonStep(page, 2);
  await page.getByRole("button", { name: /Show what each box knows/ }).click();
  const tab = page.getByRole("tab", { name: "Relay" });
  await expect(tab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText(/Sockets on the relay \(10\.99\.2\.80\)/)).toBeVisible();
});

for (const route of ["/lessons/server-to-server?step=9", "/lessons/relay-connector?step=10", "/playground?fxp=1&bpromisc=1&pasvpromisc=1&step=40"]) {
  test(`${route}: three hosts drawn, no serious or critical axe violation`, async ({ page }) => {
    await openLab(page, route);
    await expect(picture(page)).toHaveAttribute("data-hosts", /^client (server server-b|relay server)$/);
    await stillMotion(page);
    const dir = ensureScreenshotDir();
    const name = route.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
    await page.screenshot({ path: path.join(dir, `more-hosts-${name}.png`) });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
    expect(bad).toEqual([]);
  });
}
