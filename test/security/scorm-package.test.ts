/**
 * A lesson page as a page of its SCORM package (scripts/scorm-package.ts): no address left that
 * points at the site's root (an LMS's own), the runtime's chunk base spelled as the page's
 * addresses are, and a Content-Security-Policy for exactly the scripts it now has.
 */
import { readFileSync, existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inlineScripts, metaPolicy, policyFor } from "../../scripts/csp";
import { bootScript, packagePage, scormManifest } from "../../scripts/scorm-package";

const SAMPLE = `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta http-equiv="Content-Security-Policy" content="script-src 'self' 'sha256-old'"/><link rel="stylesheet" href="/_next/static/chunks/a.css"/><link rel="icon" href="/icon.svg?x"/><script src="/_next/static/chunks/b.js" async=""></script></head><body><script>self.__next_f.push([1,"2:\\"/_next/static/chunks/c.js\\"\\n"])</script><a href="/lessons">Lessons</a></body></html>`;

describe("a packaged page", () => {
  const page = packagePage(SAMPLE, 1);

  it("addresses the build's files and the icon relatively, from one folder down", () => {
    expect(page).toContain('href="../_next/static/chunks/a.css"');
    expect(page).toContain('src="../_next/static/chunks/b.js"');
    expect(page).toContain('\\"../_next/static/chunks/c.js\\"');
    expect(page).toContain('href="../icon.svg?x"');
    expect(page).not.toMatch(/["'(]\/_next\//);
    // A link to a site page stays as it was (the packaged lesson hides such links).
    expect(page).toContain('href="/lessons"');
  });

  it("marks the page and gives Turbopack the same relative base, before any other script", () => {
    expect(bootScript(1)).toBe('document.documentElement.dataset.package="scorm";TURBOPACK_CHUNK_BASE_PATH="../_next/"');
    expect(inlineScripts(page)[0]).toBe(bootScript(1));
    expect(page.indexOf(bootScript(1))).toBeLessThan(page.indexOf("<script src="));
  });

  it("has one CSP, for exactly its scripts now, before the first script", () => {
    expect(page.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(metaPolicy(page)).toBe(policyFor(inlineScripts(page)));
    expect(page.indexOf("Content-Security-Policy")).toBeLessThan(page.indexOf("<script"));
  });

  it("works on the real lesson page when the site is built", () => {
    const built = "out/lessons/active-mode.html";
    if (!existsSync(built)) return;
    const real = packagePage(readFileSync(built, "utf8"), 1);
    expect(real).not.toMatch(/["'(]\/_next\//);
    expect(metaPolicy(real)).toBe(policyFor(inlineScripts(real)));
  });
});

describe("the SCORM 1.2 manifest", () => {
  it("names each lesson a SCO with its page, and the build as a shared asset", () => {
    const xml = scormManifest("pkg", "A & B", [{ slug: "active-mode", title: "Active <mode>" }], ["_next/static/a.js"]);
    expect(xml).toContain("<schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>");
    expect(xml).toContain('<resource identifier="sco-active-mode" type="webcontent" adlcp:scormtype="sco" href="active-mode/index.html">');
    expect(xml).toContain("<title>Active &lt;mode&gt;</title>");
    expect(xml).toContain("<title>A &amp; B</title>");
    expect(xml).toContain('<resource identifier="pkg-build" type="webcontent" adlcp:scormtype="asset">');
    expect(xml).toContain('<file href="_next/static/a.js"/>');
  });
});
