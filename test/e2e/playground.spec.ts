/**
 * The playground: (d) the mode and firewall knobs change the outcome, (e) the URL sets them on
 * load and reflects them, (f) a malformed URL gets a notice and a working lab.
 */
import { blurFocus, expect, openLab, outcome, position, stepSlider, test } from "./fixtures";

test("(d) Active (PORT) behind a stateful client firewall: LIST fails; Passive (PASV): LIST ok", async ({ page }) => {
  await openLab(page, "/playground");
  const mode = page.getByRole("radiogroup", { name: "Mode" });
  await mode.getByRole("radio", { name: "Active (PORT)" }).check();
  await page.getByRole("combobox", { name: "Client firewall", exact: true }).selectOption("stateful");
  await blurFocus(page);
  await page.keyboard.press("End");
  const list = outcome(page, "LIST");
  await expect(list).toContainText(/\bfailed\b/);
  await expect(list).toContainText("client firewall (policy drop)");

  await expect
    .poll(() => {
      const q = new URL(page.url()).searchParams;
      return `${q.get("mode")} ${q.get("cfw")}`;
    }, { message: "the URL keeps the setup" })
    .toBe("active stateful");

  await mode.getByRole("radio", { name: "Passive (PASV)" }).check();
  await blurFocus(page);
  await page.keyboard.press("End");
  await expect(list).toContainText(/\bok\b/);
  await expect(list).not.toContainText(/\bfailed\b/);
});

test("(e) /playground?mode=active&cfw=stateful&step=5 opens that setup at step 5", async ({ page }) => {
  await openLab(page, "/playground?mode=active&cfw=stateful&step=5");
  await expect(page.getByRole("radiogroup", { name: "Mode" }).getByRole("radio", { name: "Active (PORT)" })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Client firewall", exact: true })).toHaveValue("stateful");
  await expect(position(page)).toHaveText(/^\s*5\s*\//);
});

test("the URL round-trips: a reload keeps the knobs and the step", async ({ page }) => {
  await openLab(page, "/playground");
  await page.getByRole("radiogroup", { name: "Mode" }).getByRole("radio", { name: "Active (PORT)" }).check();
  await page.getByRole("combobox", { name: "Server firewall", exact: true }).selectOption("control-only");
  await page.getByRole("checkbox", { name: "TLS (explicit FTPS)" }).check();
  await page.getByRole("checkbox", { name: "Client behind NAT" }).check();
  await blurFocus(page);
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(position(page)).toHaveText(/^\s*4\s*\//);
  await expect.poll(() => new URL(page.url()).searchParams.get("step")).toBe("4");

  await page.reload();
  await openLab(page, page.url());
  await expect(page.getByRole("radio", { name: "Active (PORT)" })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Server firewall", exact: true })).toHaveValue("control-only");
  await expect(page.getByRole("checkbox", { name: "TLS (explicit FTPS)" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Client behind NAT" })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Where the server runs" })).toHaveValue("lan");
  await expect(page.getByRole("checkbox", { name: "Extended: EPRT / EPSV (RFC 2428)" })).not.toBeChecked();
  await expect(position(page)).toHaveText(/^\s*4\s*\//);
});

test("(f) a malformed URL shows a notice and still renders the lab", async ({ page, problems }) => {
  await page.goto("/playground?mode=banana&step=-3&zzz=1");
  await expect(page.getByRole("note").or(page.getByRole("alert")).filter({ hasText: /banana|mode/i }).first()).toBeVisible();
  await expect(stepSlider(page)).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: "Mode" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Transfer outcomes" })).toBeVisible();
  const text = (await position(page).textContent()) ?? "";
  const m = /^\s*(\d+)\s*\/\s*(\d+)/.exec(text);
  expect(m, `position text ${JSON.stringify(text)}`).not.toBeNull();
  const [n, total] = [Number(m![1]), Number(m![2])];
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(total);
  expect(problems.list).toEqual([]);
});

test("where the server runs: a cloud VM's security group drops the passive SYN until it allows the range, and a reload keeps the choice", async ({ page }) => {
  await openLab(page, "/playground?cmd=LIST");
  await page.getByRole("combobox", { name: "Where the server runs" }).selectOption("cloud-vm");
  await expect.poll(() => new URL(page.url()).searchParams.get("snat")).toBe("cloud-vm");
  // The outcome is told once the playhead has passed it: the session's end.
  await blurFocus(page);
  await page.keyboard.press("End");
  await expect(page.getByText(/security group has no inbound rule for tcp\/3000\d/).first()).toBeVisible();
  await page.getByRole("checkbox", { name: "Security group allows the passive range" }).check();
  await expect.poll(() => new URL(page.url()).searchParams.get("fwd")).toBe("1");
  await page.reload();
  await openLab(page, page.url());
  await expect(page.getByRole("combobox", { name: "Where the server runs" })).toHaveValue("cloud-vm");
  await expect(page.getByRole("checkbox", { name: "Security group allows the passive range" })).toBeChecked();
  await blurFocus(page);
  await page.keyboard.press("End");
  await expect(page.getByText(/LIST\s*ok/).first()).toBeVisible();
  await expect(page.getByText(/security group has no inbound rule/)).toHaveCount(0);
});
