/**
 * detect()'s common arithmetic: how much of the text's head a format explains. Each reader sorts
 * a line into "mine" (a line only its format prints: `*cmd* 'PASV'`, `<--- 227 …`), "shared" (a
 * line it prints but others do too: a bare reply, a listing line) or foreign. A format needs two
 * lines of its own to count at all; then the share of lines it explains decides, so in a paste
 * that mixes two formats the one with more lines wins.
 */
import { headLines } from "./lines";

export type LineKind = "mine" | "shared" | "foreign";

export interface Shape {
  readonly mine: number;
  readonly shared: number;
  readonly total: number;
}

export function shapeOf(text: string, classify: (line: string) => LineKind): Shape {
  let mine = 0;
  let shared = 0;
  const lines = headLines(text);
  for (const line of lines) {
    const k = classify(line);
    if (k === "mine") mine++;
    else if (k === "shared") shared++;
  }
  return { mine, shared, total: lines.length };
}

/**
 * 0 with fewer than `minMine` lines of its own (two by default; one for a format whose every line
 * is unmistakable, a server log's); else 0.3…1 by the share of lines explained (shared lines count half).
 */
export function scoreOf(shape: Shape, minMine = 2): number {
  if (shape.mine < minMine || shape.mine === 0 || shape.total === 0) return 0;
  const explained = Math.min(1, (shape.mine + shape.shared * 0.5) / shape.total);
  return 0.3 + 0.7 * explained;
}

/** A score kept within 0…1. */
export const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
