/**
 * A lesson step's text says what the picture shows at that step: it does not report a reply the
 * session has not sent yet ("The server answers 200" while PORT is still travelling). A reply
 * still to come may be named in the future tense ("… and answer 425"), and a few sentences name
 * a code as a general fact or as what a user reported; those are listed below with the reason.
 */
import { describe, expect, it } from "vitest";
import { LESSONS } from "../../lessons/catalog";
import { lessonStepIn, scenarioNameOfStep } from "../../lessons/lesson-scenarios";
import { lessonTraces } from "../../lessons/lesson-traces";
import { findMoment } from "../../sim/trace/moments";
import { timelineOf } from "../../sim/trace/steps";

/** Sentences that name a later reply and are not narration of the step (slug, step as counted from 1, the code). */
const NOT_NARRATION: readonly { slug: string; step: number; code: number; why: string }[] = [
  { slug: "server-firewall-passive-range", step: 3, code: 227, why: "“unlike 227”: a general comparison of the two replies' formats" },
  { slug: "read-the-log", step: 1, code: 227, why: "the method's list of what to read in any log (“in a 227, the address…”), before the first log is shown" },
  { slug: "read-the-log", step: 5, code: 425, why: "the user's curl log as sent: its last lines, the case to investigate" },
];

const FUTURE = /\b(will|would|next|then comes|is about to)\b/i;

interface Ahead {
  readonly at: string;
  readonly code: number;
  readonly sentence: string;
}

function repliesAhead(slug: string): Ahead[] {
  const lesson = LESSONS.find((l) => l.slug === slug)!;
  const traces = lessonTraces(lesson);
  const out: Ahead[] = [];
  lesson.steps.forEach((st, k) => {
    const trace = traces[scenarioNameOfStep(lesson, k)]!;
    const timeline = timelineOf(trace.events);
    const at = lessonStepIn(lesson, traces, k).at;
    if (at === null) return;
    for (const sentence of st.text.split(/(?<=[.!?:;])\s+/)) {
      if (FUTURE.test(sentence)) continue;
      for (const m of sentence.matchAll(/\b([1-5]\d\d)\b/g)) {
        const code = Number(m[1]);
        const first = findMoment(trace, timeline, { reply: code });
        if (first === null || first <= at) continue;
        if (NOT_NARRATION.some((x) => x.slug === slug && x.step === k + 1 && x.code === code)) continue;
        out.push({ at: `step ${k + 1} "${st.title}"`, code, sentence });
      }
    }
  });
  return out;
}

describe("lesson text reports only replies already on screen", () => {
  it.each(LESSONS.map((l) => l.slug))("%s", (slug) => {
    expect(repliesAhead(slug)).toEqual([]);
  });

  it("would catch the present tense ahead of the reply (login-works-list-hangs step 3 once stood at PORT)", () => {
    const lesson = LESSONS.find((l) => l.slug === "login-works-list-hangs")!;
    const traces = lessonTraces(lesson);
    const trace = traces.main!;
    const timeline = timelineOf(trace.events);
    expect(findMoment(trace, timeline, { reply: 200 })!).toBeGreaterThan(findMoment(trace, timeline, { command: "PORT" })!);
    expect(lesson.steps[2]!.text).toMatch(/The server answers 200/);
    expect(lessonStepIn(lesson, traces, 2).at).toBe(findMoment(trace, timeline, { reply: 200 }));
  });
});
