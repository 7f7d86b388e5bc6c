"use client";
/**
 * What a lesson step hands the learner beyond its words, loaded only on a step that has it: the
 * way to "What each box knows" (`boxes`), the knobs of a try-it, a challenge, the console. The
 * player keeps the state (the learner's setup, the lab); this module draws the step's tools, so
 * a lesson's first load carries none of them.
 */
import type { Lesson } from "../../lessons/schema";
import type { Scenario } from "../../sim/scenario/schema";
import type { Moment } from "../../sim/trace/moments";
import type { Trace } from "../../sim/trace/trace";
import type { ExplainStep } from "../lab/Explanation";
import type { Lab } from "../lab/use-lab";
import { Challenge } from "./Challenge";
import { LessonConsole } from "./LessonConsole";
import { TryIt } from "./TryIt";

export interface StepToolsProps {
  readonly step: Lesson["steps"][number];
  /** Its texts with the trace's numbers filled in. */
  readonly fill: (text: string) => string;
  /** The step's own setup's trace, and the learner's setup and trace on screen, if any. */
  readonly lessonTrace: Trace;
  readonly tried: { readonly scenario: Scenario; readonly trace: Trace | null } | null;
  readonly lab: Lab;
  /** A try-it's or a challenge's knob moved: simulate this setup. */
  readonly onSetup: (scenario: Scenario) => void;
  readonly onChecked: (solved: boolean) => void;
  /** A console line ran: show its trace and go to its packet. */
  readonly onConsoleRun: (trace: Trace, at: Moment, explain: ExplainStep) => void;
}

/** "What each box knows" (its own row under the lab) brought into view, its selected box focused. */
function showBoxes(reducedMotion: boolean) {
  const panel = document.querySelector<HTMLElement>(".panel-state");
  if (!panel) return;
  panel.scrollIntoView({ behavior: reducedMotion ? "auto" : "smooth", block: "start" });
  panel.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus({ preventScroll: true });
}

export function StepTools({ step, fill, lessonTrace, tried, lab, onSetup, onChecked, onConsoleRun }: StepToolsProps) {
  const current = tried?.scenario ?? lessonTrace.scenario;
  return (
    <>
      {step.boxes && (
        <p className="lesson-boxes">
          <button type="button" onClick={() => showBoxes(lab.reducedMotion)}>
            Show what each box knows ↓
          </button>
        </p>
      )}
      {step.tryIt && <TryIt toggles={step.tryIt.toggles} lookFor={fill(step.tryIt.lookFor)} original={lessonTrace.scenario} current={current} busy={tried !== null && tried.trace === null} onChange={onSetup} />}
      {step.console && <LessonConsole task={fill(step.console.task)} start={step.console.start ?? []} base={lessonTrace.scenario} lab={lab} onRun={onConsoleRun} />}
      {step.challenge && <Challenge challenge={step.challenge} original={lessonTrace.scenario} current={current} trace={tried ? tried.trace : lessonTrace} onChange={onSetup} onChecked={onChecked} />}
    </>
  );
}
