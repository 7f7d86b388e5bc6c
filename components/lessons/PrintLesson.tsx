"use client";
/**
 * A whole lesson for paper or PDF: one lesson step per page — its title, narration with this
 * trace's numbers, the network at that moment, the prediction with its answer and why, what to
 * try — then the summary. Printing uses the light palette whatever the screen theme.
 *
 * Two versions: the instructor's (`answers`, /lessons/<slug>/print) and the students' handout
 * (/lessons/<slug>/handout): the same pages with the questions and their choices to tick, but
 * no answer, no why, and at a predict step the picture the lesson page shows while it asks — the
 * moment it holds at, with what the views hold back while a question is open (open-question.ts)
 * — and no figure; a predict step whose moment never happens has no picture at all (the end of
 * the session would give the answer away).
 */
import Link from "next/link";
import { useMemo } from "react";
import type { Lesson } from "../../lessons/schema";
import type { Trace } from "../../sim/trace/trace";
import { factsOf, fill } from "../../lessons/facts";
import { factValue, TOGGLES } from "../../lessons/lesson-model";
import { lessonStepIn } from "../../lessons/lesson-scenarios";
import { worldAt } from "../../sim/trace/world";
import { NetworkView } from "../network/NetworkView";
import { OpenQuestionContext } from "../open-question";
import type { OpenQuestion } from "../view-types";
import { LessonFigure } from "./figures";

export type PrintVersion = "answers" | "handout";

export function PrintLesson({ lesson, traces, version = "answers" }: { lesson: Lesson; traces: Readonly<Record<string, Trace>>; version?: PrintVersion }) {
  const handout = version === "handout";
  const pages = useMemo(
    () =>
      lesson.steps.map((step, i) => {
        const { trace, timeline, at: moment } = lessonStepIn(lesson, traces, i);
        const at = moment ?? timeline.steps.length - 1;
        const question: OpenQuestion | null = handout && step.predict ? { fact: step.predict.about.fact, transfer: step.predict.about.transfer } : null;
        // A handout's predict step whose moment never happens: the end would show the answer.
        const picture = !(question && moment === null);
        return { step, trace, timeline, at, question, picture, world: worldAt(trace.events, timeline, at), facts: factsOf(trace) };
      }),
    [lesson, traces, handout],
  );
  return (
    <article className="print-lesson">
      <header className="print-cover">
        <p className="lesson-meta">
          {lesson.level} · {lesson.minutes} min · {lesson.concepts.join(", ")}
        </p>
        <h1>
          {lesson.title}
          {handout ? " — student handout" : ""}
        </h1>
        <p className="lede">{lesson.goal}</p>
        {handout && (
          <p className="print-name">
            Name: <span className="print-blank" aria-hidden="true">{"_".repeat(32)}</span>
          </p>
        )}
        <p className="print-hint no-print">
          <button type="button" className="primary" onClick={() => window.print()}>
            Print or save as PDF
          </button>{" "}
          One lesson step per page.{" "}
          {handout ? (
            <>
              The questions without their answers. <Link href={`/lessons/${lesson.slug}/print`}>The answer sheet</Link>
            </>
          ) : (
            <>
              With the answers. <Link href={`/lessons/${lesson.slug}/handout`}>Student handout (no answers)</Link>
            </>
          )}
        </p>
      </header>
      {pages.map(({ step, trace, timeline, at, question, picture, world, facts }, i) => (
        <section key={i} className="print-step" aria-labelledby={`print-step-${i}`}>
          <p className="lesson-progress">
            Step {i + 1} of {lesson.steps.length} · lab step {at + 1} of {timeline.steps.length}
          </p>
          <h2 id={`print-step-${i}`}>{step.title}</h2>
          <p>{fill(step.text, facts)}</p>
          {step.figure && !question ? <LessonFigure name={step.figure} /> : null}
          {picture && (
            <div className="print-network">
              <OpenQuestionContext.Provider value={question}>
                <NetworkView trace={trace} timeline={timeline} step={at} world={world} selectedPacket={null} reducedMotion question={question} />
              </OpenQuestionContext.Provider>
            </div>
          )}
          {step.predict && handout && (
            <div className="print-predict">
              <p>
                <strong>Predict:</strong> {fill(step.predict.question, facts)}
              </p>
              <ul className="print-choices">
                {step.predict.choices.map((c) => (
                  <li key={String(c.value)}>
                    <span aria-hidden="true">☐ </span>
                    {c.label}
                  </li>
                ))}
              </ul>
              <p>
                Why? <span className="print-blank" aria-hidden="true">{"_".repeat(60)}</span>
              </p>
            </div>
          )}
          {step.predict && !handout && (
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
          {step.challenge && (
            <p className="print-try">
              <strong>Make it work</strong> ({step.challenge.toggles.map((t) => TOGGLES[t].label).join(", ")}): {step.challenge.task}
              {!handout && ` — ${step.challenge.solved}`}
            </p>
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
