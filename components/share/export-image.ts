/**
 * The current step as a picture for slides: the network view's SVG, with its styles written
 * onto each element (the page's CSS and theme variables do not travel with a file) — including
 * the underline that marks a private address —, on an opaque background of the theme (the
 * colour behind the view on screen, never transparent: a slide's own background must not show
 * through), with the step's explanation and transcript line as a caption. The site's fonts
 * (Geist, self-hosted) go inside the file as data: @font-face rules, so the picture looks the
 * same on a machine without them; every text also names a fallback stack. Saved as SVG, or
 * drawn at twice the size onto a canvas and saved as PNG (for PowerPoint and Google Slides).
 * Runs in the browser, on the view already on screen.
 */
import { wrap } from "../text-wrap";

const STYLE_PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-opacity",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "letter-spacing",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
  // A private address is underlined (visual-language.md): CSS text-decoration, lost unless copied.
  "text-decoration-line",
  "text-decoration-color",
  "text-decoration-style",
  "text-decoration-thickness",
  "text-underline-offset",
  "visibility",
  "display",
] as const;

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(";");
  target.setAttribute("style", style);
  // Also as an attribute, for SVG readers that ignore the CSS longhands (PowerPoint, Inkscape).
  if (computed.getPropertyValue("text-decoration-line").includes("underline")) target.setAttribute("text-decoration", "underline");
  const from = source.children;
  const to = target.children;
  for (let i = 0; i < from.length && i < to.length; i++) inlineStyles(from[i]!, to[i]!);
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);


export interface Caption {
  readonly title: string;
  readonly text: string;
  /** The control-connection line of this step, if any ("Command: PORT 10,99,1,10,236,49"). */
  readonly transcript: string | null;
  /** "Step 14 of 37 · FTP Modes Lab". */
  readonly footer: string;
}

/** The first opaque background behind `el` on screen (the panel's, the page's), or white. */
export function opaqueBackground(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    const alpha = /rgba?\(([^)]+)\)/.exec(c)?.[1]?.split(/[\s,/]+/).filter(Boolean)[3];
    if (c && c !== "transparent" && (alpha === undefined || Number(alpha) >= 1)) return c;
  }
  return "#ffffff";
}

const FALLBACK_SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const FALLBACK_MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace';

function toBase64(bytes: ArrayBuffer): string {
  const a = new Uint8Array(bytes);
  let s = "";
  for (let i = 0; i < a.length; i += 0x8000) s += String.fromCharCode(...a.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The page's own @font-face rules for the families `svg` uses, with each font file inlined as a
 * data: URL (the site's fonts are self-hosted woff2, ~70 kB each). Empty when there are none or
 * they cannot be read (the picture then falls back to the stack each text names).
 */
export async function embeddedFontCss(svg: SVGSVGElement): Promise<string> {
  const used = new Set<string>();
  for (const el of [svg, ...svg.querySelectorAll("text, tspan")]) {
    for (const f of getComputedStyle(el).fontFamily.split(",")) used.add(f.trim().replace(/^["']|["']$/g, ""));
  }
  const rules: string[] = [];
  for (const sheet of document.styleSheets) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // another origin's sheet
    }
    for (const rule of list) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const family = rule.style.getPropertyValue("font-family").trim().replace(/^["']|["']$/g, "");
      const url = /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(rule.style.getPropertyValue("src"))?.[1];
      if (!url || !used.has(family)) continue;
      try {
        const res = await fetch(new URL(url, sheet.href ?? document.baseURI));
        if (!res.ok) continue;
        const weight = rule.style.getPropertyValue("font-weight") || "100 900";
        rules.push(`@font-face{font-family:"${family}";src:url(data:font/woff2;base64,${toBase64(await res.arrayBuffer())}) format("woff2");font-weight:${weight}}`);
      } catch {
        /* offline or refused: the fallback stack draws it */
      }
    }
  }
  return rules.join("\n");
}

/** A computed font-family with a fallback stack after it (a file may be opened where the first font is missing). */
function withFallback(family: string, mono: boolean): string {
  return `${family}, ${mono ? FALLBACK_MONO : FALLBACK_SANS}`;
}

/** One picture of the export: an SVG on screen, with a heading above it when there are several. */
export interface ExportPicture {
  readonly svg: SVGSVGElement;
  readonly heading?: string;
}

/** The picture's drawing, cloned with its styles inlined and its fonts given fallbacks, placed at (x, y). */
function placed(svg: SVGSVGElement, x: number, y: number): { markup: string; width: number; height: number } {
  const box = svg.viewBox.baseVal;
  const width = box && box.width ? box.width : svg.clientWidth;
  const height = box && box.height ? box.height : svg.clientHeight;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  for (const t of clone.querySelectorAll<SVGElement>("text, tspan")) {
    const family = /font-family:([^;]*)/.exec(t.getAttribute("style") ?? "")?.[1];
    if (family) t.setAttribute("style", (t.getAttribute("style") ?? "").replace(`font-family:${family}`, `font-family:${withFallback(family, /mono/i.test(family))}`));
  }
  clone.removeAttribute("class");
  clone.setAttribute("x", String(x));
  clone.setAttribute("y", String(y));
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

/**
 * An SVG document of `svg` (an element on screen) — or of several side by side, each under its
 * heading (a comparison's A and B) — with `caption` under it; `fontCss` is embeddedFontCss(svg),
 * the fonts to carry inside the file.
 */
export function composeSvg(svg: SVGSVGElement | readonly ExportPicture[], caption: Caption, fontCss = ""): string {
  const pictures: readonly ExportPicture[] = Array.isArray(svg) ? svg : [{ svg: svg as SVGSVGElement }];
  const first = pictures[0]!.svg;
  const page = getComputedStyle(document.body);
  const bg = opaqueBackground(first);
  const fg = getComputedStyle(first).color || page.color || "#000000";
  const font = withFallback(page.fontFamily || "sans-serif", false);
  const headed = pictures.some((p) => p.heading);
  const top = headed ? 34 : 0;
  const gap = 24;
  let x = 0;
  let height = 0;
  const drawn = pictures.map((p) => {
    const d = placed(p.svg, x, top);
    const heading = p.heading ? `<text x="${x + 16}" y="24" font-size="18" font-weight="700" font-family="${escapeXml(font)}" fill="${escapeXml(fg)}">${escapeXml(p.heading)}</text>` : "";
    x += d.width + gap;
    height = Math.max(height, d.height);
    return heading + d.markup;
  });
  const width = x - gap;
  const chars = Math.max(40, Math.floor(width / 9));
  const lines: Array<{ text: string; size: number; weight: number; mono?: boolean }> = [
    { text: caption.title, size: 20, weight: 700 },
    ...wrap(caption.text, chars).map((t) => ({ text: t, size: 16, weight: 400 })),
    ...(caption.transcript ? [{ text: caption.transcript, size: 16, weight: 600, mono: true }] : []),
    { text: caption.footer, size: 13, weight: 400 },
  ];
  let y = top + height + 16;
  const texts = lines
    .map((l) => {
      y += l.size * 1.45;
      return `<text x="16" y="${y.toFixed(1)}" font-size="${l.size}" font-weight="${l.weight}" font-family="${escapeXml(l.mono ? withFallback(getComputedStyle(first).getPropertyValue("--font-mono") || "monospace", true) : font)}" fill="${escapeXml(fg)}">${escapeXml(l.text)}</text>`;
    })
    .join("");
  const total = Math.ceil(y + 16);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">${fontCss ? `<defs><style>${fontCss}</style></defs>` : ""}<rect width="100%" height="100%" fill="${escapeXml(bg)}"/>${drawn.join("")}${texts}</svg>`;
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The composed SVG drawn at `scale` onto a canvas, as PNG. */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the browser could not draw the SVG"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
