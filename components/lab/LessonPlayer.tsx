"use client";
/**
 * A lesson: its narration step by step beside the lab, each lesson step jumping the lab to the
 * moment it talks about. The numbers in the text come from the trace on screen.
 */
import Link from "next/link";
import { useMemo, useState } from "react";
import type { RealRun } from "../../lessons/real-run";
import type { Lesson } from "../../lessons/schema";
import type { Trace } from "../../sim/simulate";
import { factsOf, fill } from "../../lessons/facts";
import { findMoment } from "../../sim/trace/moments";
import { timelineOf } from "../../sim/trace/steps";
import { LabView } from "./LabView";
import { useLab } from "./use-lab";

/**
 * `trace` is the lesson's scenario, simulated when the site was built; `realRun` the recorded
 * real run of the same scenario, found then too (null when there is none).
 */
export function LessonPlayer({ lesson, trace, realRun = null }: { lesson: Lesson; trace: Trace; realRun?: RealRun | null }) {
  const anchors = useMemo(() => {
    const timeline = timelineOf(trace.events);
    return lesson.steps.map((s) => findMoment(trace, timeline, s.at));
  }, [lesson, trace]);
  // The lab opens at the moment the first lesson step talks about.
  const lab = useLab(trace, { initialStep: anchors[0] ?? 0 });
  const facts = useMemo(() => factsOf(lab.trace), [lab.trace]);
  const [current, setCurrent] = useState(0);
  const step = lesson.steps[current]!;
  const go = (i: number) => {
    const k = Math.max(0, Math.min(lesson.steps.length - 1, i));
    setCurrent(k);
    const at = anchors[k];
    if (at !== null && at !== undefined) lab.goTo(at);
  };
  const finished = current === lesson.steps.length - 1;

  const narration = (
    <section className="lesson-card" aria-labelledby="lesson-step-title">
      <p className="lesson-progress">
        Lesson step {current + 1} of {lesson.steps.length}
      </p>
      <h2 id="lesson-step-title">{step.title}</h2>
      <p>{fill(step.text, facts)}</p>
      <div className="lesson-nav">
        <button type="button" onClick={() => go(current - 1)} disabled={current === 0}>
          ← Back
        </button>
        <button type="button" className="primary" onClick={() => go(current + 1)} disabled={finished}>
          Continue →
        </button>
      </div>
      {finished && (
        <div className="lesson-summary">
          <h3>Summary</h3>
          <p>{lesson.summary}</p>
          {lesson.next.length > 0 && (
            <p>
              Next:{" "}
              {lesson.next.map((slug) => (
                <Link key={slug} href={`/lessons/${slug}`}>
                  {slug.replace(/-/g, " ")}
                </Link>
              ))}
            </p>
          )}
        </div>
      )}
    </section>
  );

  return (
    <div className="page lesson">
      <header className="lesson-header">
        <p className="lesson-meta">
          {lesson.level} · {lesson.minutes} min · {lesson.concepts.join(", ")}
        </p>
        <h1>{lesson.title}</h1>
        <p className="lede">{lesson.goal}</p>
      </header>
      <LabView lab={lab} aside={narration} realRun={realRun} />
    </div>
  );
}
