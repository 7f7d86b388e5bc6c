/**
 * The site's own pages named in a lesson's narration ("paste it at /diagnose") as links, so the
 * learner can follow them from the step. Only these paths, written as a word of their own; the
 * rest of the text stays text (nothing from a lesson becomes markup).
 */
import Link from "next/link";
import type { ReactNode } from "react";

/** The pages a lesson may point to. */
export const SITE_PAGES = ["/diagnose", "/playground", "/glossary", "/lessons"] as const;

const PAGE = new RegExp(`(?<![\\w/.])(${SITE_PAGES.map((p) => p.replace("/", "\\/")).join("|")})(?![\\w/-])`, "g");

export function linkSitePages(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(PAGE)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    out.push(
      <Link key={m.index} href={m[1]!}>
        {m[1]}
      </Link>,
    );
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
