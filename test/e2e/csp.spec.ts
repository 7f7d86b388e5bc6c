/**
 * The Content-Security-Policy that scripts/csp.ts writes into every exported page: each main
 * route (site pages, a lesson, its print view, the playground, the glossary, both embeds and an
 * embed framed by the reveal.js deck) carries the meta with exactly the hashes of its own inline
 * scripts, loads, hydrates and is used (stepping, playing, the share dialog's SVG and PNG
 * export, the theme, client-side navigation) with no CSP violation — the `problems` fixture
 * records Chromium's console errors and every `securitypolicyviolation` event. And the policy is
 * enforced: an injected inline script does not run, eval throws.
 */
import type { Page } from "@playwright/test";
import { blurFocus, expect, OUT_DIR, test, waitForHydration } from "./fixtures";
import { startStaticServer, type StaticServer } from "./static-server";
import { EXAMPLE_MOUNTS } from "../../examples/serve";
import { hashSource, inlineScripts, metaPolicy } from "../../scripts/csp";

const CSP_ROUTES = [
  "/",
  "/lessons",
  "/lessons/active-mode",
  "/lessons/active-mode/print",
  "/lessons/active-mode/handout",
  "/playground?mode=active&cfw=stateful",
  "/glossary",
  "/embed/passive-mode?views=network,sequence,transcript,explanation&controls=full",
  "/embed/playground?mode=passive",
] as const;

/** The page's policy, as the browser parsed it from the served HTML. */
async function checkMeta(page: Page, html: string): Promise<void> {
  const policy = metaPolicy(html);
  expect(policy, "the page has a Content-Security-Policy meta").not.toBeNull();
  const scriptSrc = policy!.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "))!;
  const hashes = scriptSrc.split(/\s+/).filter((s) => s.startsWith("'sha256-"));
  expect(hashes.sort()).toEqual([...new Set(inlineScripts(html).map(hashSource))].sort());
  expect(policy).not.toContain("unsafe-eval");
  expect(scriptSrc).not.toContain("unsafe-inline");
  // The meta precedes every script, or it would not govern them.
  const count = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    const first = document.querySelector("script");
    return { metas: document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length, before: !!meta && !!first && Boolean(meta.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) };
  });
  expect(count).toEqual({ metas: 1, before: true });
}

for (const route of CSP_ROUTES) {
  test(`CSP: ${route} carries its policy and loads, hydrates and steps with no violation`, async ({ page, problems }) => {
    const response = await page.goto(route);
    expect(response?.status()).toBe(200);
    await checkMeta(page, await response!.text());
    await page.waitForLoadState("networkidle");
    await waitForHydration(page.locator("main"));
    const slider = page.getByRole("slider", { name: "Step" });
    if ((await slider.count()) > 0) {
      await blurFocus(page);
      for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
      await page.keyboard.press("End");
      await page.keyboard.press("Home");
      await page.waitForTimeout(300); // transitions run
    }
    expect(problems.list, `problems on ${route}`).toEqual([]);
  });
}

test("CSP: the share dialog's SVG and PNG export, the theme and client-side navigation cause no violation", async ({ page, problems }) => {
  await page.goto("/lessons/login-works-list-hangs");
  await waitForHydration(page.getByRole("slider", { name: "Step" }));
  await page.getByRole("button", { name: /^Step 5:/ }).click();
  await page.getByRole("button", { name: "Share / embed" }).click();
  const dialog = page.getByRole("dialog");
  await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download SVG" }).click()]);
  await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download PNG" }).click()]);
  await expect(dialog.getByText(/^Saved login-works-list-hangs-step-\d\d\.png\.$/)).toBeVisible();
  await page.keyboard.press("Escape");
  const theme = page.locator(".theme-switcher select");
  if ((await theme.count()) > 0) {
    await theme.selectOption({ index: 1 });
    await theme.selectOption({ index: 0 });
  }
  // Client-side navigation fetches the next page's RSC payload (connect-src 'self').
  await page.getByRole("navigation").getByRole("link", { name: /glossary/i }).first().click();
  await expect(page).toHaveURL(/\/glossary/);
  await waitForHydration(page.locator("main"));
  await page.waitForLoadState("networkidle");
  expect(problems.list).toEqual([]);
});

test.describe("framed", () => {
  let examples: StaticServer;
  test.beforeAll(async () => {
    examples = await startStaticServer(OUT_DIR, EXAMPLE_MOUNTS);
  });
  test.afterAll(async () => {
    await examples.close();
  });

  test("CSP: an embed framed by the reveal.js deck steps with no violation (a meta CSP cannot forbid framing)", async ({ page, problems }) => {
    await page.goto(`${examples.url}/examples/reveal/#/1`);
    await expect(page.locator(".present .lab-status")).toHaveText(/^Lab: step 2 of \d+/);
    await page.keyboard.press("ArrowRight");
    await expect(page.locator(".present .lab-status")).toHaveText(/^Lab: step 9 of /);
    // Only the framed lab has a CSP (the deck, not part of the export, has none and no favicon).
    expect(problems.list.filter((p) => /CSP|Content Security Policy|Refused to/i.test(p))).toEqual([]);
  });
});

test("CSP is enforced: an injected inline script does not run and eval throws, each reported", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeBinding("__cspSeen", (_s, v: string) => {
    violations.push(v);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { __cspSeen: (v: string) => void }).__cspSeen(e.effectiveDirective));
  });
  await page.goto("/glossary");
  await waitForHydration(page.locator("main"));
  const result = await page.evaluate(() => {
    const w = window as unknown as { __injected?: number };
    const s = document.createElement("script");
    s.textContent = "window.__injected = 1";
    document.head.append(s);
    // From a timer, not from evaluate's own call (DevTools lets that one eval whatever the CSP).
    return new Promise<{ injected: number | null; evalResult: string }>((resolve) =>
      setTimeout(() => {
        let evalResult = "ran";
        try {
          (0, eval)("1"); // the point: eval must be refused
        } catch (e) {
          evalResult = (e as Error).name;
        }
        resolve({ injected: w.__injected ?? null, evalResult });
      }, 0),
    );
  });
  expect(result).toEqual({ injected: null, evalResult: "EvalError" });
  await expect.poll(() => [...new Set(violations)].sort()).toEqual(["script-src-elem", "script-src"].sort());
});
