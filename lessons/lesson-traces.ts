/**
 * Each of a lesson's scenarios simulated, by name: what the lesson, print and embed pages and
 * the export script show, and what the catalog checks every lesson against when it loads
 * (lesson-check.ts). Simulated once per lesson and kept: the catalog's check and the pages share
 * the traces. Server side (and scripts) only: it runs the simulator.
 */
import { run } from "../sim/simulate";
import type { Trace } from "../sim/trace/trace";
import type { Lesson } from "./schema";

const simulated = new WeakMap<Lesson, Readonly<Record<string, Trace>>>();

export function lessonTraces(lesson: Lesson): Readonly<Record<string, Trace>> {
  let traces = simulated.get(lesson);
  if (!traces) {
    traces = Object.fromEntries(Object.entries(lesson.scenarios).map(([name, s]) => [name, run(s)]));
    simulated.set(lesson, traces);
  }
  return traces;
}
