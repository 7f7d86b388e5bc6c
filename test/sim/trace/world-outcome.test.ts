/**
 * A transfer's outcome is on screen from the moment the client learns it: the step whose packet
 * carries the reply that ended it (its 226, its 425), not the bookkeeping `transfer-end` a step
 * or two later. The banner, the network view and the embed's `outcome` message all read
 * world.transfers (sim/trace/world.ts), so this is checked there, on every lesson scenario.
 */
import { describe, expect, it } from "vitest";
import { LESSONS } from "../../../lessons/catalog";
import { lessonTraces } from "../../../lessons/lesson-traces";
import type { Trace } from "../../../sim/trace/trace";
import { timelineOf } from "../../../sim/trace/steps";
import { worldAt } from "../../../sim/trace/world";

/** For each transfer that ended, the step at which its ending reply (or, with none, its end) is delivered. */
function decisiveSteps(trace: Trace): { index: number; result: "ok" | "failed"; step: number; what: string }[] {
  const timeline = timelineOf(trace.events);
  const out: { index: number; result: "ok" | "failed"; step: number; what: string }[] = [];
  trace.events.forEach((e, i) => {
    if (e.type !== "transfer-end") return;
    let step = timeline.stepOfEvent[i]!;
    let what = "its transfer-end";
    if (e.reply !== null) {
      // The packet step that carries the last reply with that code before the end.
      for (const s of [...timeline.steps].reverse()) {
        if (s.kind !== "packet" || s.packet!.reply === null || s.packet!.reply > i) continue;
        const r = trace.events[s.packet!.reply]!;
        if (r.type === "reply" && r.code === e.reply) {
          step = s.index;
          what = `the ${e.reply} reply`;
          break;
        }
      }
    }
    out.push({ index: e.index, result: e.result, step, what });
  });
  return out;
}

describe("a transfer's outcome shows when its reply arrives", () => {
  const cases = LESSONS.flatMap((l) => Object.entries(lessonTraces(l)).map(([name, trace]) => ({ name: `${l.slug}/${name}`, trace })));

  it.each(cases)("$name: running before the deciding reply, decided from it on", ({ trace }) => {
    const timeline = timelineOf(trace.events);
    const decisive = decisiveSteps(trace);
    expect(decisive.length).toBeGreaterThan(0);
    for (const d of decisive) {
      const before = worldAt(trace.events, timeline, d.step - 1).transfers.find((t) => t.index === d.index);
      const at = worldAt(trace.events, timeline, d.step).transfers.find((t) => t.index === d.index);
      expect(before?.status, `the step before ${d.what}`).toBe("running");
      expect(at?.status, `at ${d.what}`).toBe(d.result);
    }
  });

  it("says LIST failed at the 425 of login-works-list-hangs, not 'running'", () => {
    const lesson = LESSONS.find((l) => l.slug === "login-works-list-hangs")!;
    const trace = Object.values(lessonTraces(lesson))[0]!;
    const timeline = timelineOf(trace.events);
    const at425 = timeline.steps.find((s) => s.packet?.reply != null && (trace.events[s.packet.reply] as { code?: number }).code === 425)!;
    expect(worldAt(trace.events, timeline, at425.index).transfers).toEqual([{ index: 0, command: "LIST", status: "failed" }]);
  });
});
