/**
 * `tsx scripts/csp.ts [DIR]` (run by `npm run build` after `next build`): gives every exported
 * page (DIR, default out/, every *.html) a Content-Security-Policy as a
 * `<meta http-equiv="Content-Security-Policy">`, the only way a static host without headers can
 * have one. Inline scripts are allowed by hash only: the boot scripts (the theme,
 * components/site/theme-boot.ts; an embed's or the playground's URL, components/site/url-boot.ts)
 * and Next's per-page inline scripts (the RSC payload's
 * `self.__next_f.push(…)`, the Turbopack chunk list), so each page gets the sha256 of exactly its
 * own inline scripts. The meta goes before the first <script> (a meta CSP only governs what
 * follows it). Running it twice replaces the meta; a page whose meta does not match its scripts
 * afterwards fails the run.
 *
 * `next dev` pages have no CSP (dev needs eval and inline scripts for hot reload).
 *
 * Why each directive (README, "Hosting it yourself: security headers"):
 *   - script-src 'self' + hashes: no inline script but the reviewed ones, no eval, no other origin.
 *   - style-src 'self': no <style> element and no stylesheet from elsewhere.
 *   - style-src-attr 'unsafe-inline': style ATTRIBUTES only. React renders `style={{ width }}`
 *     into the exported HTML as style="width:…" (the legend, the sequence header), and the image
 *     export writes computed styles onto its SVG copy with setAttribute("style"). A style
 *     attribute cannot run script or load anything img-src does not allow.
 *   - img-src 'self' blob:: the PNG export draws the composed SVG from a blob: URL.
 *   - connect-src 'self': Next fetches the next page's RSC payload (*.txt) from the same origin.
 *   - object-src 'none', base-uri 'self', form-action 'self', frame-src 'none'.
 *   - frame-ancestors is ignored in a meta tag: set it as a header (README); embeds (/embed/…)
 *     must stay embeddable.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The policy's directives, without the script hashes (see the header for why each is so). */
export const BASE_DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  ["default-src", "'self'"],
  ["script-src", "'self'"],
  ["style-src", "'self'"],
  ["style-src-attr", "'unsafe-inline'"],
  ["img-src", "'self'", "blob:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["object-src", "'none'"],
  ["frame-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
];

/** Types a browser runs as script (https://html.spec.whatwg.org/#javascript-mime-type, module). */
const SCRIPT_TYPES = new Set([
  "",
  "module",
  "application/ecmascript",
  "application/javascript",
  "application/x-ecmascript",
  "application/x-javascript",
  "text/ecmascript",
  "text/javascript",
  "text/javascript1.0",
  "text/javascript1.1",
  "text/javascript1.2",
  "text/javascript1.3",
  "text/javascript1.4",
  "text/javascript1.5",
  "text/jscript",
  "text/livescript",
  "text/x-ecmascript",
  "text/x-javascript",
]);

/** The attributes of a start tag's inside (`src="a" async`), names lower-cased. */
export function parseAttributes(inside: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of inside.matchAll(re)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script[\s/>]/gi;

/**
 * The text of each inline script the browser would run (no src, a JavaScript type), as the
 * browser hashes it: the HTML parser turns CRLF and lone CR into LF before anything else.
 */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.replace(/<!--[\s\S]*?-->/g, "").matchAll(SCRIPT_RE)) {
    const attrs = parseAttributes(m[1]!);
    if (attrs.has("src")) continue;
    const type = (attrs.get("type") ?? "").trim().toLowerCase();
    if (!SCRIPT_TYPES.has(type)) continue;
    out.push(m[2]!.replace(/\r\n?/g, "\n"));
  }
  return out;
}

/** A CSP hash source of a script's text: `'sha256-<base64>'`. */
export function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** The policy for a page with these inline scripts (hashes deduplicated, in first-seen order). */
export function policyFor(scripts: readonly string[]): string {
  const hashes = [...new Set(scripts.map(hashSource))];
  return BASE_DIRECTIVES.map(([name, ...values]) => [name, ...values, ...(name === "script-src" ? hashes : [])].join(" ")).join("; ");
}

const META_RE = /<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi;

/** The policy of a page's CSP meta, or null when it has none. */
export function metaPolicy(html: string): string | null {
  const m = html.match(META_RE);
  if (!m) return null;
  const content = parseAttributes(m[0].replace(/^<meta\s|\/?>$/gi, "")).get("content");
  return content === undefined ? null : content.replace(/&#x27;|&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/**
 * `html` with a CSP meta for exactly its inline scripts: any earlier CSP meta removed, the new one
 * right after <meta charset> (kept first, within the first 1024 bytes) or else first in <head>,
 * in any case before the first <script>. Throws when the page has no <head>.
 */
export function applyCsp(html: string): string {
  const stripped = html.replace(META_RE, "");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(inlineScripts(stripped))}"/>`;
  const head = /<head\b[^>]*>/i.exec(stripped);
  if (!head) throw new Error("no <head> to put the Content-Security-Policy in");
  let at = head.index + head[0].length;
  const charset = /^\s*<meta\s[^>]*charset[^>]*>/i.exec(stripped.slice(at));
  if (charset) at += charset[0].length;
  const firstScript = stripped.search(/<script\b/i);
  if (firstScript >= 0 && firstScript < at) throw new Error("a <script> comes before <head>'s first element");
  return stripped.slice(0, at) + meta + stripped.slice(at);
}

function htmlFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) files.push(...htmlFiles(p));
    else if (name.endsWith(".html")) files.push(p);
  }
  return files.sort();
}

function main(argv: string[]): number {
  const dir = argv[0] ?? "out";
  let files: string[];
  try {
    files = htmlFiles(dir);
  } catch (e) {
    console.error(`csp: cannot read ${dir}/ (${(e as Error).message}): run \`next build\` first.`);
    return 1;
  }
  if (files.length === 0) {
    console.error(`csp: no .html under ${dir}/: run \`next build\` first.`);
    return 1;
  }
  let scripts = 0;
  let failed = 0;
  for (const file of files) {
    try {
      const html = applyCsp(readFileSync(file, "utf8"));
      const inline = inlineScripts(html);
      // Check what was written: exactly this page's hashes, before its first script.
      if (metaPolicy(html) !== policyFor(inline)) throw new Error("the written policy does not match the page's scripts");
      if (html.search(/<script\b/i) >= 0 && html.search(META_RE) > html.search(/<script\b/i)) throw new Error("the meta comes after a script");
      writeFileSync(file, html);
      scripts += inline.length;
    } catch (e) {
      failed++;
      console.error(`csp: ${file}: ${(e as Error).message}`);
    }
  }
  console.log(`csp: Content-Security-Policy meta on ${files.length - failed} of ${files.length} pages in ${dir}/ (${scripts} inline scripts hashed)`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && /scripts[\\/]csp\.ts$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
