/**
 * The site's own pages named in a lesson's narration ("paste it at /diagnose") as links, so the
 * learner can follow them from the step. Only these paths, written as a word of their own; the
 * rest of the text stays text (nothing from a lesson becomes markup).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { linkPieces } from "../glossary/link-pieces";

/** The pages a lesson may point to. */
const SITE_PAGES = ["/diagnose", "/playground", "/glossary", "/lessons"] as const;

const PAGE = new RegExp(`(?<![\\w/.])(${SITE_PAGES.map((p) => p.replace("/", "\\/")).join("|")})(?![\\w/-])`, "g");

export function linkSitePages(text: string): ReactNode[] {
  const pages = [...text.matchAll(PAGE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return linkPieces(text, pages, (p, path) => (
    <Link key={p.start} href={path}>
      {path}
    </Link>
  ));
}
