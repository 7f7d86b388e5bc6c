/**
 * Free slots for words that could land on other words (issue 11, "labels never overlap"): a
 * label has a first place and a few others, and takes the first that stays inside the drawing
 * and clear of the boxes already taken (text's boxes: layout.ts's textBox). Pure.
 */
import type { Rect } from "./layout";

/** Whether a and b share more than `gap` in both directions (touching is not overlapping). */
export function intersects(a: Rect, b: Rect, gap = 0): boolean {
  return Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > gap && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > gap;
}

export function within(r: Rect, bounds: Rect): boolean {
  return r.x >= bounds.x && r.y >= bounds.y && r.x + r.w <= bounds.x + bounds.w && r.y + r.h <= bounds.y + bounds.h;
}

/** How much of two rectangles overlaps (an area; 0 when they only touch or are apart). */
export const overlapArea = (a: Rect, b: Rect): number => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/**
 * The index of the first candidate inside `bounds` that meets no obstacle (with `pad` to spare); when none is free,
 * the one inside `bounds` that covers the least of them (the first when none is inside).
 */
export function firstFree(candidates: readonly Rect[], obstacles: readonly Rect[], bounds: Rect, pad = 0): number {
  let best = -1;
  let bestArea = Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const b = candidates[i]!;
    if (!within(b, bounds)) continue;
    // Text's estimated box is a little smaller than the drawn one: keep `pad` clear around it.
    const c = { x: b.x - pad, y: b.y - pad, w: b.w + 2 * pad, h: b.h + 2 * pad };
    const area = obstacles.reduce((sum, o) => sum + overlapArea(c, o), 0);
    if (area === 0) return i;
    if (area < bestArea) {
      best = i;
      bestArea = area;
    }
  }
  return Math.max(0, best);
}

/** The x where text `w` wide and anchored in the middle stays `margin` inside [0, width]. */
export function clampMiddle(x: number, w: number, width: number, margin: number): number {
  return Math.min(width - margin - w / 2, Math.max(margin + w / 2, x));
}
