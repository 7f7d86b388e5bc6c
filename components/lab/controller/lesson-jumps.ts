/**
 * Where a lesson step takes the lab: the moment it talks about in the trace of its scenario, as
 * one controller event. In a learner's own setup (a try-it) the moment may never come — no drop
 * once the fix works —, so the step falls back to the end of the transfer it is about, then to
 * the end of the session. The lab lands when that scenario's trace is on screen (lab-controller.ts).
 */
import { scenarioNameOfStep } from "../../../lessons/lesson-scenarios";
import type { Scenario } from "../../../sim/scenario/schema";
import type { Moment } from "../../../sim/trace/moments";
import type { Trace } from "../../../sim/trace/trace";
import type { LabEvent } from "./lab-controller";

interface JumpStep {
  readonly at: Moment;
  readonly scenario?: string;
  readonly expect?: { readonly transfer: number };
  readonly predict?: { readonly about: { readonly transfer: number } };
}

interface JumpLesson {
  readonly scenario?: Scenario;
  readonly scenarios?: Readonly<Record<string, Scenario>>;
  readonly steps: readonly JumpStep[];
}

/** The moments lesson step `index` lands on, in order of preference. */
export function landingOf(step: JumpStep): Moment[] {
  return [step.at, { transferEnd: step.expect?.transfer ?? step.predict?.about.transfer ?? 0 }];
}

/**
 * Go to lesson step `index`: in its scenario's trace, or in `setup` (the learner's own scenario,
 * whose trace may still be simulating).
 */
export function lessonJump(lesson: JumpLesson, traces: Readonly<Record<string, Trace>>, index: number, setup?: Scenario): LabEvent {
  const scenario = setup ?? traces[scenarioNameOfStep(lesson, index)]!.scenario;
  return { type: "land", at: landingOf(lesson.steps[index]!), in: scenario };
}
