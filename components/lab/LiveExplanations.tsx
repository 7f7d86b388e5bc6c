"use client";
/**
 * The explanation narrated in the browser, for labs whose traces are made there or not known
 * when the page was built (the playground, the home page's demo, /diagnose, an embed's panels).
 */
import type { ReactNode } from "react";
import { explanationAt } from "../explain/explanation";
import { ExplanationSource, type ExplainStep } from "./Explanation";

const explainLive: ExplainStep = (lab) => explanationAt(lab.trace, lab.timeline, lab.step);

export function LiveExplanations({ children }: { children: ReactNode }) {
  return <ExplanationSource.Provider value={explainLive}>{children}</ExplanationSource.Provider>;
}
