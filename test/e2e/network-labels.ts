/**
 * The network view's labels as Chromium draws them, for the overlap test: each label's box on
 * screen (CSS px), the drawing's visible area and the viewport's width; and which of them overlap
 * or are cut off.
 *
 * A label is a <text> on its own, or a thing whose words sit on their own background, taken as
 * that background's box: a socket pill (its ip:port and chip), a note, the box of a drop's words,
 * the "private" badge. Words inside such a thing are its own business. The packet is left out: it
 * lands on its socket by design, on its own opaque box, and is on its way the rest of the time.
 */
import type { Page } from "@playwright/test";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Label extends Box {
  readonly what: string;
}

export interface Measured {
  readonly labels: readonly Label[];
  /** The viewBox's area on screen (the SVG clips what is outside it). */
  readonly drawing: Box;
  readonly viewportWidth: number;
}

/** Boxes that share less than this (CSS px) in either direction touch, they don't overlap. */
const TOLERANCE = 1.5;

export async function measureLabels(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('[role="group"][aria-label="Network view"] svg');
    if (!svg) throw new Error("no network view on the page");
    const OWN_BACKGROUND: Record<string, string> = {
      ".nv-pill": ".nv-pill-box",
      ".nv-note": "rect",
      ".nv-drop": ".nv-drop-label",
      ".nv-private-badge": "rect",
    };
    const inside = Object.keys(OWN_BACKGROUND).join(",");
    const labels: { what: string; x: number; y: number; w: number; h: number }[] = [];
    const add = (el: Element | null, what: string) => {
      if (!el) return;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      labels.push({ what: what.replace(/\s+/g, " ").trim().slice(0, 60), x: r.x, y: r.y, w: r.width, h: r.height });
    };
    for (const [group, background] of Object.entries(OWN_BACKGROUND)) {
      for (const g of svg.querySelectorAll(group)) {
        if (g.closest(".nv-packet")) continue;
        const words = [...g.querySelectorAll("text")].filter((t) => !t.classList.contains("nv-caption")).map((t) => t.textContent ?? "");
        add(g.querySelector(background), `${group.slice(4)} "${words.join(" ")}"`);
      }
    }
    for (const t of svg.querySelectorAll("text")) {
      if (t.closest(".nv-packet")) continue;
      // A pill's caption is a label of its own, under the pill.
      if (t.closest(inside) && !t.classList.contains("nv-caption")) continue;
      if (getComputedStyle(t).display === "none" || getComputedStyle(t).visibility === "hidden") continue;
      add(t, `"${t.textContent ?? ""}"`);
    }
    const ctm = svg.getScreenCTM();
    const vb = svg.viewBox.baseVal;
    if (!ctm) throw new Error("the network view has no screen transform");
    const drawing = { x: ctm.e + vb.x * ctm.a, y: ctm.f + vb.y * ctm.d, w: vb.width * ctm.a, h: vb.height * ctm.d };
    return { labels, drawing, viewportWidth: document.documentElement.clientWidth };
  });
}

const overlap = (a: Box, b: Box) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > TOLERANCE && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > TOLERANCE;

const fmt = (b: Box) => `[${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.w)}×${Math.round(b.h)}]`;

/** What is wrong with the measured labels, in words (empty: nothing). */
export function overlapsOf(m: Measured): string[] {
  const out: string[] = [];
  const { labels, drawing } = m;
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i]!;
    for (let j = i + 1; j < labels.length; j++) {
      const b = labels[j]!;
      if (overlap(a, b)) out.push(`${a.what} ${fmt(a)} overlaps ${b.what} ${fmt(b)}`);
    }
    const cut = [
      a.x < drawing.x - TOLERANCE && "the drawing's left",
      a.x + a.w > drawing.x + drawing.w + TOLERANCE && "the drawing's right",
      a.y < drawing.y - TOLERANCE && "the drawing's top",
      a.y + a.h > drawing.y + drawing.h + TOLERANCE && "the drawing's bottom",
      a.x < -TOLERANCE && "the screen's left",
      a.x + a.w > m.viewportWidth + TOLERANCE && "the screen's right",
    ].filter(Boolean);
    if (cut.length) out.push(`${a.what} ${fmt(a)} is cut at ${cut.join(", ")} ${fmt(drawing)}`);
  }
  return out;
}
