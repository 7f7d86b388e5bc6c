/**
 * A try-it lands where its look-for is about, in the learner's own setup: the step's own moment
 * when that setup still has it, else where the change first shows in the step's transfer, else
 * how the transfer ended, else the first drop (no control connection) — never "Session over".
 * Checked on every try-it step of every lesson, with each of its toggles set to each other value,
 * through the lab controller the lesson page uses.
 */
import { describe, expect, it } from "vitest";
import { lessonJump, tryItLandingOf } from "../../../components/lab/controller/lesson-jumps";
import { initialLab, labReducer } from "../../../components/lab/controller/lab-controller";
import { LESSONS } from "../../../lessons/catalog";
import { applyToggle, TOGGLES, toggleValue, type ToggleName } from "../../../lessons/lesson-model";
import { scenarioNameOfStep } from "../../../lessons/lesson-scenarios";
import { lessonTraces } from "../../../lessons/lesson-traces";
import { run } from "../../../sim/simulate";
import { findMoment } from "../../../sim/trace/moments";
import { stepSignature, transferSteps } from "../../../sim/trace/step-signature";
import { timelineOf } from "../../../sim/trace/steps";
import type { Trace } from "../../../sim/trace/trace";

interface Case {
  readonly name: string;
  readonly slug: string;
  readonly k: number;
  readonly toggle: ToggleName;
  readonly value: unknown;
}

const cases: Case[] = LESSONS.flatMap((l) => {
  const traces = lessonTraces(l);
  return l.steps.flatMap((st, k) => {
    if (!st.tryIt) return [];
    const own = traces[scenarioNameOfStep(l, k)]!.scenario;
    return st.tryIt.toggles.flatMap((toggle) =>
      TOGGLES[toggle].options
        .filter((o) => o.value !== toggleValue(own, toggle))
        .map((o) => ({ name: `${l.slug} step ${k + 1}: ${toggle} = ${JSON.stringify(o.value)}`, slug: l.slug, k, toggle, value: o.value })),
    );
  });
});

/** Where the lab lands after the try-it's jump and its trace arriving, as the lesson page drives it. */
function landed(c: Case): { own: Trace; mine: Trace; step: number } {
  const lesson = LESSONS.find((l) => l.slug === c.slug)!;
  const traces = lessonTraces(lesson);
  const own = traces[scenarioNameOfStep(lesson, c.k)]!;
  const setup = applyToggle(own.scenario, c.toggle, c.value as never);
  const mine = run(setup);
  let state = initialLab(own);
  state = labReducer(state, lessonJump(lesson, traces, c.k, setup));
  state = labReducer(state, { type: "trace", trace: mine });
  return { own, mine, step: state.step };
}

describe("a try-it lands on what its look-for is about", () => {
  it("covers every try-it toggle of every lesson", () => {
    expect(new Set(cases.map((c) => c.slug)).size).toBeGreaterThanOrEqual(10);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("$name", (c) => {
    const { own, mine, step } = landed(c);
    const lesson = LESSONS.find((l) => l.slug === c.slug)!;
    const st = lesson.steps[c.k]!;
    const tl = timelineOf(mine.events);
    const kind = tl.steps[step]!.kind;
    expect(kind, "not the end of the session").not.toBe("session-end");
    const ownMoment = findMoment(mine, tl, st.at);
    const transfer = st.expect?.transfer ?? st.predict?.about.transfer ?? 0;
    const window = transferSteps(mine.events, tl, transfer);
    if (ownMoment !== null && !("end" in st.at) && !("transferEnd" in st.at) && !("start" in st.at)) {
      // The step's own event still happens: that is where the look-for starts.
      expect(step).toBe(ownMoment);
    } else if (window.length > 0) {
      // Inside the step's transfer, at the first step that is not what the lesson's trace did there.
      expect(step).toBeGreaterThanOrEqual(window[0]!.index);
      expect(step).toBeLessThanOrEqual(window.at(-1)!.index);
      const ownSteps = transferSteps(own.events, timelineOf(own.events), transfer).map((s) => stepSignature(own.events, s));
      const at = window.findIndex((s) => s.index === step);
      expect(stepSignature(mine.events, window[at]!), "the change shows here").not.toBe(ownSteps[at]);
      expect(window.slice(0, at).map((s) => stepSignature(mine.events, s))).toEqual(ownSteps.slice(0, at));
    } else {
      // The transfer never started (no control connection): the drop that stopped it.
      expect(mine.events[tl.steps[step]!.packet?.fate ?? -1]?.type).toBe("drop");
    }
  });

  it("back in the lesson's own setup, a step lands on its own moment, the end included", () => {
    const lesson = LESSONS.find((l) => l.slug === "two-connections")!;
    const traces = lessonTraces(lesson);
    const own = traces.main!;
    const k = lesson.steps.findIndex((s) => s.tryIt !== undefined && "end" in s.at);
    const copy = structuredClone(own.scenario);
    expect(lessonJump(lesson, traces, k, copy)).toEqual({ type: "land", at: [{ end: true }, { transferEnd: 0 }], in: copy });
  });

  it("a step at the session's end lands, in the learner's setup, on the change: active mode's first listener, not 'Session over'", () => {
    const c = cases.find((x) => x.slug === "two-connections" && x.toggle === "client.mode")!;
    const { mine, step } = landed(c);
    const e = mine.events[timelineOf(mine.events).steps[step]!.event]!;
    expect(e).toMatchObject({ type: "listen", host: "client", purpose: "data" });
    const lesson = LESSONS.find((l) => l.slug === "two-connections")!;
    expect(tryItLandingOf(lesson.steps[c.k]!, lessonTraces(lesson).main!).map((m) => Object.keys(m)[0])).toEqual(["changed", "transferEnd", "drop"]);
  });
});
