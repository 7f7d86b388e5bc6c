/**
 * The current step as a picture for slides: the network view's SVG, with its styles written
 * onto each element (the page's CSS and theme variables do not travel with a file), on a
 * background of the theme, with the step's explanation and transcript line as a caption. Saved
 * as SVG, or drawn at twice the size onto a canvas and saved as PNG (for PowerPoint and Google
 * Slides). Runs in the browser, on the view already on screen.
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
  "visibility",
  "display",
] as const;

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(";");
  target.setAttribute("style", style);
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

/** An SVG document of `svg` (an element on screen) with `caption` under it. */
export function composeSvg(svg: SVGSVGElement, caption: Caption): string {
  const box = svg.viewBox.baseVal;
  const width = box && box.width ? box.width : svg.clientWidth;
  const height = box && box.height ? box.height : svg.clientHeight;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.removeAttribute("class");
  clone.setAttribute("x", "0");
  clone.setAttribute("y", "0");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  const page = getComputedStyle(document.body);
  const bg = page.backgroundColor || "#ffffff";
  const fg = page.color || "#000000";
  const font = page.fontFamily || "sans-serif";
  const chars = Math.max(40, Math.floor(width / 9));
  const lines: Array<{ text: string; size: number; weight: number; mono?: boolean }> = [
    { text: caption.title, size: 20, weight: 700 },
    ...wrap(caption.text, chars).map((t) => ({ text: t, size: 16, weight: 400 })),
    ...(caption.transcript ? [{ text: caption.transcript, size: 16, weight: 600, mono: true }] : []),
    { text: caption.footer, size: 13, weight: 400 },
  ];
  let y = height + 16;
  const texts = lines
    .map((l) => {
      y += l.size * 1.45;
      return `<text x="16" y="${y.toFixed(1)}" font-size="${l.size}" font-weight="${l.weight}" font-family="${escapeXml(l.mono ? "ui-monospace, Menlo, Consolas, monospace" : font)}" fill="${escapeXml(fg)}">${escapeXml(l.text)}</text>`;
    })
    .join("");
  const total = Math.ceil(y + 16);
  const inner = new XMLSerializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}"><rect width="100%" height="100%" fill="${escapeXml(bg)}"/>${inner}${texts}</svg>`;
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
