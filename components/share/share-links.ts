/**
 * What "Share / embed" writes: the page link, the embed URL, the iframe snippet and the Slidev
 * Markdown for a lesson or setup at a step. A lesson has two step numbers: the lesson's own
 * steps (its page's `?step=`) and the lab's steps inside its trace (an embed's `?step=`, which
 * a deck drives). The link opens the lesson step, the embed the lab step, and the dialog names
 * both ("lesson step 5 — lab step 19").
 */
import { embedParams, type Controls, type EmbedLayout, type EmbedTheme, type EmbedViewName } from "../embed/embed-params";

export interface ShareLinkTarget {
  readonly title: string;
  /** The site page, with its own query if any: "/lessons/active-mode", "/playground?mode=active". */
  readonly page: string;
  /** The embed route, with the setup's query if any: "/embed/active-mode", "/embed/playground?mode=active". */
  readonly embed: string;
  /** The lab step, 0-based. */
  readonly step: number;
  readonly total: number;
  /** On a lesson page: the lesson step on screen, 1-based, of `total` lesson steps. */
  readonly lessonStep?: { readonly index: number; readonly total: number };
}

export interface ShareChoices {
  readonly views: readonly EmbedViewName[];
  readonly controls: Controls;
  readonly theme: EmbedTheme | null;
  readonly layout?: EmbedLayout | null;
  /** Open at this step (or at the start). */
  readonly atStep: boolean;
  /** origin=: the deck pages the embed answers to (host-origins.ts); absent or null: any. */
  readonly origins?: readonly string[] | null;
}

function withParams(path: string, params: URLSearchParams): string {
  const [base, query] = path.split("?", 2) as [string, string | undefined];
  const merged = new URLSearchParams(query ?? "");
  for (const [k, v] of params) merged.set(k, v);
  const q = merged.toString();
  return q ? `${base}?${q}` : base;
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** "lesson step 5 — lab step 19" on a lesson, "step 19" elsewhere. */
export function stepLabel(t: Pick<ShareLinkTarget, "step" | "lessonStep">): string {
  return t.lessonStep ? `lesson step ${t.lessonStep.index} — lab step ${t.step + 1}` : `step ${t.step + 1}`;
}

export function shareLinks(origin: string, t: ShareLinkTarget, o: ShareChoices) {
  const params = embedParams({ views: [...o.views], controls: o.controls, theme: o.theme, layout: o.layout ?? null, step: o.atStep ? t.step : null, origins: o.origins ?? null });
  const embedUrl = origin + withParams(t.embed, params);
  // The page counts its own steps: a lesson's link names the lesson step, the playground's the lab step.
  const pageStep = t.lessonStep ? t.lessonStep.index : t.step + 1;
  const pageUrl = origin + withParams(t.page, o.atStep && pageStep > 1 ? new URLSearchParams({ step: String(pageStep) }) : new URLSearchParams());
  // allow="fullscreen": the embed's full-screen button works only where the frame allows it.
  const iframe = `<iframe src="${attr(embedUrl)}" title="${attr(`FTP Modes Lab: ${t.title}`)}" width="960" height="540" style="border:0" loading="lazy" allow="fullscreen"></iframe>`;
  const slidev = `---\nlayout: iframe\nurl: ${embedUrl}\n---\n`;
  return { pageUrl, embedUrl, iframe, slidev };
}
