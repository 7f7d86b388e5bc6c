/**
 * SCORM 1.2 packages of the lessons (`npm run export -- <slug|all> --scorm`): a zip an LMS
 * (Moodle, Canvas, Blackboard) uploads and runs with no server of ours. Inside: each lesson's page
 * from the static build, its scripts, styles and fonts (out/_next, shared by the lessons of a
 * course package), and imsmanifest.xml naming each lesson a SCO. The lesson reports to the LMS
 * through the SCORM runtime (components/lessons/scorm.ts).
 *
 * The static build addresses its files from the site's root (/_next/…); inside an LMS the package
 * lives at some deep address of the LMS's own. So each page is rewritten to address them
 * relatively, Turbopack's runtime is told where its chunks are (TURBOPACK_CHUNK_BASE_PATH, read
 * before any chunk loads), the page is marked data-package="scorm" (the lesson then talks to the
 * LMS and offers no way off the lesson: app/globals.css), and its Content-Security-Policy is
 * computed again for its scripts as they now are.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { escapeXml } from "../lessons/xml-text";
import { applyCsp } from "./csp";

export interface PackagedLesson {
  readonly slug: string;
  readonly title: string;
}

/** Where a page `depth` folders below the package's root finds the build's files. */
const prefixFor = (depth: number) => "../".repeat(depth);

/**
 * Run first in <head>: the packaged mark, and the runtime's chunk base as the same relative prefix
 * the page's own addresses now have. Relative, not resolved: the runtime names a loaded chunk by
 * its script's src attribute less this prefix, so both must be spelled alike.
 */
export function bootScript(depth: number): string {
  return `document.documentElement.dataset.package="scorm";TURBOPACK_CHUNK_BASE_PATH=${JSON.stringify(`${prefixFor(depth)}_next/`)}`;
}

/**
 * A page of the static build as a page of the package, `depth` folders below its root: every
 * /_next/ address relative (in attributes and in the page's inline data, where it appears as
 * "/_next/ or \"/_next/) and the site icon's, the boot script
 * first, and a CSP for exactly the scripts it now has.
 */
export function packagePage(html: string, depth: number): string {
  const prefix = prefixFor(depth);
  let page = html
    .replace(/(["'(])\/(_next\/|icon\.svg)/g, `$1${prefix}$2`)
    .replace(/\\"\/(_next\/|icon\.svg)/g, `\\"${prefix}$2`);
  const charset = /<meta charSet="utf-8"\/>|<meta charset="utf-8"\s*\/?>/i.exec(page);
  const at = charset ? charset.index + charset[0].length : page.search(/<head\b[^>]*>/i) + /<head\b[^>]*>/i.exec(page)![0].length;
  page = `${page.slice(0, at)}<script>${bootScript(depth)}</script>${page.slice(at)}`;
  if (/["'(]\/_next\//.test(page)) throw new Error("an absolute /_next/ address is left in the page");
  return applyCsp(page);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

/** SCORM 1.2's manifest (CAM §2.3): one organisation, one item and one SCO per lesson, the build's files as a shared asset. */
export function scormManifest(id: string, title: string, lessons: readonly PackagedLesson[], shared: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${id}" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">`,
    `  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>`,
    `  <organizations default="${id}-org">`,
    `    <organization identifier="${id}-org">`,
    `      <title>${escapeXml(title)}</title>`,
    ...lessons.map((l) => `      <item identifier="item-${l.slug}" identifierref="sco-${l.slug}" isvisible="true"><title>${escapeXml(l.title)}</title></item>`),
    `    </organization>`,
    `  </organizations>`,
    `  <resources>`,
    ...lessons.map((l) =>
      [
        `    <resource identifier="sco-${l.slug}" type="webcontent" adlcp:scormtype="sco" href="${l.slug}/index.html">`,
        `      <file href="${l.slug}/index.html"/>`,
        `      <dependency identifierref="${id}-build"/>`,
        `    </resource>`,
      ].join("\n"),
    ),
    `    <resource identifier="${id}-build" type="webcontent" adlcp:scormtype="asset">`,
    ...shared.map((f) => `      <file href="${escapeXml(f)}"/>`),
    `    </resource>`,
    `  </resources>`,
    `</manifest>`,
    "",
  ].join("\n");
}

/** The package of `lessons` from the static build in `outDir`: the zip's bytes. */
export function scormPackage(outDir: string, id: string, title: string, lessons: readonly PackagedLesson[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const shared = [...filesUnder(path.join(outDir, "_next", "static")), path.join(outDir, "icon.svg")].map((f) => path.relative(outDir, f).split(path.sep).join("/"));
  for (const f of shared) files[f] = readFileSync(path.join(outDir, f));
  for (const l of lessons) files[`${l.slug}/index.html`] = strToU8(packagePage(readFileSync(path.join(outDir, "lessons", `${l.slug}.html`), "utf8"), 1));
  files["imsmanifest.xml"] = strToU8(scormManifest(id, title, lessons, shared));
  // A fixed date: the same build gives the same package, byte for byte.
  return zipSync(files, { level: 9, mtime: new Date("2026-01-01T00:00:00Z") });
}
