"use client";
import { narrate } from "../explain/narrate";
import { linkTerms } from "../glossary/linkTerms";
import type { Lab } from "./use-lab";

/** The current step in one or two sentences; an ARIA live region, so screen readers hear each step. */
export function Explanation({ lab }: { lab: Lab }) {
  const n = narrate(lab.trace, lab.timeline, lab.step);
  return (
    <section className={`explanation tone-${n.tone}`} aria-labelledby="explanation-title">
      <h2 id="explanation-title" className="explanation-title">
        <span className="explanation-mark" aria-hidden="true">
          {n.tone === "bad" ? "✕" : n.tone === "good" ? "✓" : "›"}
        </span>
        {n.title}
      </h2>
      <p className="explanation-text" aria-live="polite" aria-atomic="true">
        {linkTerms(n.text)}
      </p>
      {n.source && <p className="explanation-source">Source: {n.source}</p>}
    </section>
  );
}
