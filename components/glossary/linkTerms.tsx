/**
 * Glossary words in running text: the first mention of each term becomes a <Term>, so the
 * explanation of a step defines its own vocabulary on hover and focus.
 */
import type { ReactNode } from "react";
import { linkPieces } from "./link-pieces";
import { Term } from "./Term";

/** Phrases as they appear in the narration, and the glossary entry each one opens. */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bcontrol connection\b/i, "control-connection"],
  [/\bdata connection\b/i, "data-connection"],
  [/\bephemeral port\b/i, "ephemeral-port"],
  [/\bpassive range\b/i, "passive-range"],
  [/\bRELATED\b/, "related"],
  [/\bFTP helper\b/i, "ftp-helper"],
  [/\bthree-way handshake\b/i, "three-way-handshake"],
  [/\bNAT router\b/i, "nat"],
  [/\bsecurity group\b/i, "security-group"],
  [/\b1:1 NAT\b/, "one-to-one-nat"],
  [/\bpublished ports?\b/i, "published-port"],
  [/\bbounce attack\b/i, "bounce-attack"],
  [/\bactive mode\b/i, "active-mode"],
  [/\bpassive mode\b/i, "passive-mode"],
];

export function linkTerms(text: string): ReactNode[] {
  // Find each term's first mention, then cut the text at those places in order.
  const hits: { start: number; end: number; id: string }[] = [];
  for (const [pattern, id] of PHRASES) {
    const m = pattern.exec(text);
    if (!m) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (hits.some((h) => start < h.end && end > h.start)) continue;
    hits.push({ start, end, id });
  }
  hits.sort((a, b) => a.start - b.start);
  return linkPieces(text, hits, (h, words) => (
    <Term key={`${h.id}-${h.start}`} id={h.id}>
      {words}
    </Term>
  ));
}
