/**
 * Which scenario each step of a lesson shows. A lesson with one `scenario` calls it "main"; a
 * lesson with `scenarios` names each, and a step shows the one it names or else the previous
 * step's (the first step, the first scenario). No zod here: the player uses it in the browser.
 */
import type { Scenario } from "../sim/scenario/schema";
import type { Trace } from "../sim/trace/trace";
import { findMoment, type Moment } from "../sim/trace/moments";
import { timelineOf, type Timeline } from "../sim/trace/steps";

export const MAIN = "main";

interface LessonScenarioFields {
  readonly scenario?: Scenario;
  readonly scenarios?: Readonly<Record<string, Scenario>>;
  readonly steps: ReadonlyArray<{ readonly scenario?: string }>;
}

export function lessonScenarios(lesson: LessonScenarioFields): Record<string, Scenario> {
  if (lesson.scenarios) return { ...lesson.scenarios };
  return lesson.scenario ? { [MAIN]: lesson.scenario } : {};
}

export function scenarioNameOfStep(lesson: LessonScenarioFields, index: number): string {
  const names = lesson.scenarios ? Object.keys(lesson.scenarios) : [MAIN];
  for (let i = Math.min(index, lesson.steps.length - 1); i >= 0; i--) {
    const named = lesson.steps[i]!.scenario;
    if (named !== undefined) return named;
  }
  return names[0] ?? MAIN;
}

/**
 * Lesson step `index` in the trace of its scenario: the scenario's name, the trace, its timeline
 * and the lab step of the moment the lesson step talks about (null when it never happens there).
 */
export function lessonStepIn(
  lesson: LessonScenarioFields & { readonly steps: ReadonlyArray<{ readonly at: Moment }> },
  traces: Readonly<Record<string, Trace>>,
  index: number,
): { name: string; trace: Trace; timeline: Timeline; at: number | null } {
  const name = scenarioNameOfStep(lesson, index);
  const trace = traces[name]!;
  const timeline = timelineOf(trace.events);
  return { name, trace, timeline, at: findMoment(trace, timeline, lesson.steps[index]!.at) };
}
