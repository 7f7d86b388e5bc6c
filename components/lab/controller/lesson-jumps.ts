/**
 * Where a lesson step takes the lab: the moment it talks about in the trace of its scenario, as
 * one controller event. The lab lands when that scenario's trace is on screen (lab-controller.ts).
 *
 * In a learner's own setup (a try-it) the step's look-for describes what the change does to the
 * step's transfer, so the landing is, in order:
 *  1. the step's own moment, when it names an event (a reply, a SYN, a drop…) the learner's trace
 *     still has — "EPRT gets 500 too", "the 227 now carries the private address";
 *  2. else the first step of the step's transfer that differs from the lesson's own trace — where
 *     the change first shows: the SYN now dropped, PASV instead of PORT, the SYN now forwarded;
 *  3. else how that transfer ended;
 *  4. else — the transfer never started: no control connection — the first packet dropped, which
 *     is why; else the end of the session.
 * A step at `end` or `transferEnd` names no event of its own (the session is over, the transfer
 * has ended), so in a learner's setup it goes to 2 at once: the end says nothing about the change.
 */
import { scenarioKey } from "../../../lessons/scenario-key";
import { scenarioNameOfStep } from "../../../lessons/lesson-scenarios";
import type { Scenario } from "../../../sim/scenario/schema";
import type { Moment } from "../../../sim/trace/moments";
import { timelineOf } from "../../../sim/trace/steps";
import { transferSignatures } from "../../../sim/trace/step-signature";
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

/** The transfer a lesson step is about (its expectation's, its prediction's, else the first). */
function transferOf(step: JumpStep): number {
  return step.expect?.transfer ?? step.predict?.about.transfer ?? 0;
}

/** The moments lesson step `index` lands on in its own scenario's trace, in order of preference. */
export function landingOf(step: JumpStep): Moment[] {
  return [step.at, { transferEnd: transferOf(step) }];
}

/** Whether a moment names an event of its own, rather than a place (the start, the end, a transfer's end). */
function namesAnEvent(m: Moment): boolean {
  return !("start" in m || "end" in m || "transferEnd" in m);
}

/** The moments a try-it lands on in the learner's setup, given the trace of the lesson's own setup (see above). */
export function tryItLandingOf(step: JumpStep, lessonTrace: Trace): Moment[] {
  const transfer = transferOf(step);
  const from = transferSignatures(lessonTrace.events, timelineOf(lessonTrace.events), transfer);
  return [...(namesAnEvent(step.at) ? [step.at] : []), { changed: transfer, from }, { transferEnd: transfer }, { drop: 1 }];
}

/**
 * Go to lesson step `index`: in its scenario's trace, or in `setup` (the learner's own scenario,
 * whose trace may still be simulating). A setup equal to the lesson's own is the lesson's.
 */
export function lessonJump(lesson: JumpLesson, traces: Readonly<Record<string, Trace>>, index: number, setup?: Scenario): LabEvent {
  const own = traces[scenarioNameOfStep(lesson, index)]!;
  const step = lesson.steps[index]!;
  if (!setup || scenarioKey(setup) === scenarioKey(own.scenario)) return { type: "land", at: landingOf(step), in: setup ?? own.scenario };
  return { type: "land", at: tryItLandingOf(step, own), in: setup };
}
