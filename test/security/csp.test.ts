/**
 * scripts/csp.ts, the post-build step that gives every exported page its Content-Security-Policy
 * meta: the meta lists exactly the sha256 of the page's inline scripts (not external ones, not
 * data blocks), precedes every script, replaces an earlier one, and the rest of the policy stays
 * as strict as the pages allow (no 'unsafe-eval', no inline script by keyword).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { THEME_BOOT } from "../../components/site/theme-boot";
import { applyCsp, hashSource, inlineScripts, metaPolicy, policyFor } from "../../scripts/csp";

const sha = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

const scriptHashes = (policy: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src "))!
    .split(/\s+/)
    .filter((s) => s.startsWith("'sha256-"));

const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/>` +
  `<script src="/_next/static/chunks/a.js" async=""></script>` +
  `<script>${THEME_BOOT}</script>` +
  `<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"x":1})</script>` +
  `<script type="application/ld+json">{"@context":"https://schema.org"}</script>` +
  `</head><body><p>hi</p><script>(self.__next_f=self.__next_f||[]).push([0])</script>` +
  `<script>self.__next_f.push([1,"é \\u003c/script\\u003e"])</script>` +
  `<script>self.__next_f.push([1,"é \\u003c/script\\u003e"])</script>` +
  `<SCRIPT type="module">import "/m.js"</SCRIPT></body></html>`;

describe("scripts/csp.ts", () => {
  it("finds exactly the inline scripts a browser runs", () => {
    expect(inlineScripts(PAGE)).toEqual([
      THEME_BOOT,
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"x":1})',
      "(self.__next_f=self.__next_f||[]).push([0])",
      'self.__next_f.push([1,"é \\u003c/script\\u003e"])',
      'self.__next_f.push([1,"é \\u003c/script\\u003e"])',
      'import "/m.js"',
    ]);
  });

  it("hashes as the browser does: UTF-8, and CRLF read as LF", () => {
    expect(hashSource("alert(1)")).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    expect(inlineScripts("<head><script>a\r\nb\rc</script></head>")).toEqual(["a\nb\nc"]);
  });

  it("writes a meta with exactly the page's inline script hashes, before any script", () => {
    const html = applyCsp(PAGE);
    const policy = metaPolicy(html)!;
    const expected = [...new Set(inlineScripts(PAGE).map(sha))];
    expect(expected).toHaveLength(5); // the repeated payload script once
    expect(scriptHashes(policy)).toEqual(expected);
    expect(scriptHashes(policy)).toContain(sha(THEME_BOOT));
    expect(scriptHashes(policy)).not.toContain(sha('{"@context":"https://schema.org"}'));
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf("<script"));
    expect(html.startsWith('<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta http-equiv="Content-Security-Policy"')).toBe(true);
    // Nothing else changed.
    expect(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")).toBe(PAGE);
  });

  it("replaces an earlier policy instead of adding a second one", () => {
    const once = applyCsp(PAGE);
    expect(applyCsp(once)).toBe(once);
    const stale = PAGE.replace("<head>", `<head><meta http-equiv="content-security-policy" content="script-src 'unsafe-inline'">`);
    const fixed = applyCsp(stale);
    expect(fixed.match(/content-security-policy/gi)).toHaveLength(1);
    expect(metaPolicy(fixed)).toBe(metaPolicy(once));
  });

  it("a page without inline scripts allows none", () => {
    const html = applyCsp("<html><head><title>x</title></head><body><script src=/a.js></script></body></html>");
    expect(scriptHashes(metaPolicy(html)!)).toEqual([]);
    expect(metaPolicy(html)).toContain("script-src 'self';");
  });

  it("is strict: no eval, no inline script or <style> by keyword, no plugins", () => {
    const policy = policyFor(["x"]);
    expect(policy).not.toContain("unsafe-eval");
    const directive = (name: string) => policy.split("; ").find((d) => d.split(" ")[0] === name);
    expect(directive("script-src")).toBe(`script-src 'self' ${sha("x")}`);
    expect(directive("style-src")).toBe("style-src 'self'");
    expect(directive("default-src")).toBe("default-src 'self'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("connect-src")).toBe("connect-src 'self'");
    expect(directive("base-uri")).toBe("base-uri 'self'");
    // A meta tag cannot carry these (browsers ignore them there): they belong in headers.
    expect(directive("frame-ancestors")).toBeUndefined();
    expect(directive("report-uri")).toBeUndefined();
  });

  it("refuses a page with no <head>", () => {
    expect(() => applyCsp("<p>no head</p>")).toThrow(/head/);
  });
});
