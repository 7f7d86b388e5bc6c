"use client";
/**
 * The current step in one or two sentences; an ARIA live region, so screen readers hear each
 * step. Its words come from the page (ExplanationSource): a lesson's were drawn on the server,
 * the playground's and the other labs' are narrated in the browser (LiveExplanations.tsx). This
 * panel itself carries neither narrate.ts nor the glossary.
 */
import { createContext, useContext, useId } from "react";
import type { ExplanationContent } from "../explain/explanation";
import type { Lab } from "./use-lab";

/** The explanation of the lab's step, as the page has it. */
export type ExplainStep = (lab: Lab) => ExplanationContent;

export const ExplanationSource = createContext<ExplainStep | null>(null);

/** `side`: which of two labs on a page it explains ("Setup A"), said before its title to assistive technology. */
export function Explanation({ lab, side }: { lab: Lab; side?: string }) {
  const explain = useContext(ExplanationSource);
  // A page that shows the explanation provides its words: forgetting it is a bug to see at once.
  if (!explain) throw new Error("Explanation needs an ExplanationSource (LiveExplanations, or a lesson's own)");
  const n = explain(lab);
  // Two labs may share a page (a comparison, a fix beside the broken session): one id each.
  const titleId = useId();
  const sideId = `${titleId}-side`;
  return (
    <section className={`explanation tone-${n.tone}`} aria-labelledby={side ? `${sideId} ${titleId}` : titleId}>
      {side && (
        <span id={sideId} className="sr-only">
          {side}:
        </span>
      )}
      <h2 id={titleId} className="explanation-title">
        <span className="explanation-mark" aria-hidden="true">
          {n.tone === "bad" ? "✕" : n.tone === "good" ? "✓" : "›"}
        </span>
        {n.title}
      </h2>
      <p className="explanation-text" aria-live="polite" aria-atomic="true">
        {n.text}
      </p>
      {n.source && <p className="explanation-source">Source: {n.source}</p>}
    </section>
  );
}
