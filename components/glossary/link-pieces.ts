/**
 * Running text cut into pieces that become links (glossary terms, the site's pages): apart from
 * linkTerms.tsx so that linking a page does not load the glossary.
 */
import type { ReactNode } from "react";

/** `text` cut at the pieces (in order, none overlapping): each piece as `link` makes it, the rest as text. */
export function linkPieces<P extends { readonly start: number; readonly end: number }>(text: string, pieces: readonly P[], link: (piece: P, words: string) => ReactNode): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const p of pieces) {
    if (p.start > at) out.push(text.slice(at, p.start));
    out.push(link(p, text.slice(p.start, p.end)));
    at = p.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
