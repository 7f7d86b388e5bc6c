/**
 * What the explanation panel shows at a step: narrate()'s title, tone and source, and its text
 * with the glossary words linked. A lesson page draws every step's on the server (the page then
 * carries neither narrate.ts nor the glossary); the playground and the other labs draw it in the
 * browser (LiveExplanations.tsx).
 */
import type { ReactNode } from "react";
import type { Timeline } from "../../sim/trace/steps";
import { timelineOf } from "../../sim/trace/steps";
import type { Trace } from "../../sim/trace/trace";
import { linkTerms } from "../glossary/linkTerms";
import { narrate, type Narration } from "./narrate";

export interface ExplanationContent {
  readonly title: string;
  readonly tone: Narration["tone"];
  readonly source: string | null;
  /** The sentences, glossary words linked. */
  readonly text: ReactNode;
}

export function explanationAt(trace: Trace, timeline: Timeline, step: number): ExplanationContent {
  const n = narrate(trace, timeline, step);
  return { title: n.title, tone: n.tone, source: n.source, text: linkTerms(n.text) };
}

/** Every step's, in step order (the lab's timeline of this trace). */
export function explanationsOf(trace: Trace): ExplanationContent[] {
  const timeline = timelineOf(trace.events);
  return timeline.steps.map((_, i) => explanationAt(trace, timeline, i));
}

/** Each named trace's (a lesson's scenarios), by name. */
export function explanationsByName(traces: Readonly<Record<string, Trace>>): Record<string, ExplanationContent[]> {
  return Object.fromEntries(Object.entries(traces).map(([name, t]) => [name, explanationsOf(t)]));
}
