"use client";
/**
 * A whole lesson for paper or PDF: one lesson step per page — its title, narration with this
 * trace's numbers, the network at that moment, the prediction with its answer and why, what to
 * try — then the summary. Printing uses the light palette whatever the screen theme.
 */
import { useMemo } from "react";
import type { Lesson } from "../../lessons/schema";
import type { Trace } from "../../sim/trace/trace";
import { factsOf, fill } from "../../lessons/facts";
import { factValue, TOGGLES } from "../../lessons/lesson-model";
import { lessonStepIn } from "../../lessons/lesson-scenarios";
import { worldAt } from "../../sim/trace/world";
import { NetworkView } from "../network/NetworkView";
import { LessonFigure } from "./figures";

export function PrintLesson({ lesson, traces }: { lesson: Lesson; traces: Readonly<Record<string, Trace>> }) {
  const pages = useMemo(
    () =>
      lesson.steps.map((step, i) => {
        const { trace, timeline, at: moment } = lessonStepIn(lesson, traces, i);
        const at = moment ?? timeline.steps.length - 1;
        return { step, trace, timeline, at, world: worldAt(trace.events, timeline, at), facts: factsOf(trace) };
      }),
    [lesson, traces],
  );
  return (
    <article className="print-lesson">
      <header className="print-cover">
        <p className="lesson-meta">
          {lesson.level} · {lesson.minutes} min · {lesson.concepts.join(", ")}
        </p>
        <h1>{lesson.title}</h1>
        <p className="lede">{lesson.goal}</p>
        <p className="print-hint no-print">
          <button type="button" className="primary" onClick={() => window.print()}>
            Print or save as PDF
          </button>{" "}
          One lesson step per page.
        </p>
      </header>
      {pages.map(({ step, trace, timeline, at, world, facts }, i) => (
        <section key={i} className="print-step" aria-labelledby={`print-step-${i}`}>
          <p className="lesson-progress">
            Step {i + 1} of {lesson.steps.length} · lab step {at + 1} of {timeline.steps.length}
          </p>
          <h2 id={`print-step-${i}`}>{step.title}</h2>
          <p>{fill(step.text, facts)}</p>
          {step.figure ? <LessonFigure name={step.figure} /> : null}
          <div className="print-network">
            <NetworkView trace={trace} timeline={timeline} step={at} world={world} selectedPacket={null} reducedMotion />
          </div>
          {step.predict && (
            <div className="print-predict">
              <p>
                <strong>Predict:</strong> {fill(step.predict.question, facts)}
              </p>
              <ul>
                {step.predict.choices.map((c) => (
                  <li key={String(c.value)}>
                    {c.label}
                    {c.value === factValue(trace, step.predict!.about.fact, step.predict!.about.transfer) ? " — ✓ what happens" : ""}
                  </li>
                ))}
              </ul>
              <p>{fill(step.predict.why, facts)}</p>
            </div>
          )}
          {step.tryIt && (
            <p className="print-try">
              <strong>Try it</strong> ({step.tryIt.toggles.map((t) => TOGGLES[t].label).join(", ")}): {fill(step.tryIt.lookFor, facts)}
            </p>
          )}
        </section>
      ))}
      <section className="print-step">
        <h2>Summary</h2>
        <p>{lesson.summary}</p>
      </section>
    </article>
  );
}
