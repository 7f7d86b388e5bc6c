/**
 * No markup from strings and no code from strings in the lab's source (components/, app/,
 * lessons/, sim/): React's escaping and the Content-Security-Policy (scripts/csp.ts) are the
 * defence, and these APIs go around both. A new use fails this test until it is reviewed and
 * added to ALLOWED with a one-line why (and the exact number of uses in that file).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { THEME_BOOT, THEME_KEY } from "../../components/site/theme-boot";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIRS = ["components", "app", "lessons", "sim"];
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

/** What is looked for: each is a way to turn a string into markup or code. */
export const FORBIDDEN: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: "dangerouslySetInnerHTML", re: /dangerouslySetInnerHTML/g },
  { name: "innerHTML", re: /\binnerHTML\b/g },
  { name: "outerHTML", re: /\bouterHTML\b/g },
  { name: "insertAdjacentHTML", re: /\binsertAdjacentHTML\b/g },
  { name: "document.write", re: /\bdocument\s*\.\s*write(ln)?\b/g },
  { name: "eval(", re: /(?<![\w$.])eval\s*\(/g },
  { name: "new Function(", re: /\bnew\s+Function\s*\(/g },
  { name: "createContextualFragment", re: /\bcreateContextualFragment\b/g },
  { name: "srcdoc", re: /\bsrcdoc\b/gi },
];

/** Reviewed uses: file (from the repository root), what, how many times, and why it is safe. */
const ALLOWED: ReadonlyArray<{ file: string; name: string; count: number; why: string }> = [
  {
    file: "app/layout.tsx",
    name: "dangerouslySetInnerHTML",
    count: 1,
    why: "the theme boot script: the constant THEME_BOOT (no input in it), allowed by its sha256 in the CSP",
  },
  {
    file: "app/embed/layout.tsx",
    name: "dangerouslySetInnerHTML",
    count: 1,
    why: "the embed's URL boot script: the constant EMBED_BOOT (reads location.search, writes only classes and a checked theme), allowed by its sha256 in the CSP",
  },
  {
    file: "app/(site)/playground/page.tsx",
    name: "dangerouslySetInnerHTML",
    count: 1,
    why: "the playground's URL boot script: the constant PLAYGROUND_BOOT (adds one class when there is a query), allowed by its sha256 in the CSP",
  },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (SOURCE.test(name)) out.push(p);
  }
  return out;
}

/** Every use in `text`, as "name" per match. */
export function findUses(text: string): string[] {
  return FORBIDDEN.flatMap(({ name, re }) => [...text.matchAll(re)].map(() => name));
}

describe("no raw HTML or code from strings in components/, app/, lessons/, sim/", () => {
  const files = DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d))).map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
  const found = new Map<string, number>(); // "file name" → count
  for (const file of files) {
    for (const name of findUses(readFileSync(path.join(ROOT, file), "utf8"))) {
      const key = `${file} ${name}`;
      found.set(key, (found.get(key) ?? 0) + 1);
    }
  }

  it("scans the source (the directories exist and hold code)", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain("app/layout.tsx");
  });

  it("the detector sees each forbidden API", () => {
    const sample = [
      "<div dangerouslySetInnerHTML={{ __html: x }} />",
      "el.innerHTML = x",
      "el.outerHTML = x",
      "el.insertAdjacentHTML('beforeend', x)",
      "document.write(x)",
      "eval(x)",
      "new Function('return 1')",
      "range.createContextualFragment(x)",
      "iframe.srcdoc = x",
    ].join("\n");
    expect(findUses(sample).sort()).toEqual(FORBIDDEN.map((f) => f.name).sort());
    expect(findUses("page.evaluate(fn); x.retrieval(); isFunction(f); myeval(1)")).toEqual([]);
  });

  it("every use is reviewed (ALLOWED), with its exact count", () => {
    const unreviewed = [...found].filter(([key, n]) => {
      const a = ALLOWED.find((x) => `${x.file} ${x.name}` === key);
      return !a || a.count !== n;
    });
    expect(unreviewed.map(([key, n]) => `${key} ×${n}`), "add a reviewed use to ALLOWED with a one-line why, or remove it").toEqual([]);
  });

  it("every ALLOWED entry is still needed (no stale allowances)", () => {
    const stale = ALLOWED.filter((a) => !found.has(`${a.file} ${a.name}`));
    expect(stale).toEqual([]);
    for (const a of ALLOWED) expect(a.why.length, `${a.file}: say why`).toBeGreaterThan(20);
  });

  it("the layout's one raw script is the constant theme boot, nothing else", () => {
    const layout = readFileSync(path.join(ROOT, "app/layout.tsx"), "utf8");
    const uses = layout.match(/dangerouslySetInnerHTML=\{\{[^}]*\}\}/g);
    expect(uses).toEqual(["dangerouslySetInnerHTML={{ __html: THEME_BOOT }}"]);
    expect(THEME_BOOT).toBe(
      `try{var t=localStorage.getItem("${THEME_KEY}");if(t&&t!=="system")document.documentElement.dataset.theme=t}catch(e){}`,
    );
    expect(THEME_KEY).toMatch(/^[a-z-]+$/);
  });
});
