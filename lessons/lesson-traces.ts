/**
 * Each of a lesson's scenarios simulated, by name: what the lesson, print and embed pages and
 * the export script show. Server side (and scripts) only: it runs the simulator.
 */
import { run } from "../sim/simulate";
import type { Trace } from "../sim/trace/trace";
import type { Lesson } from "./schema";

export function lessonTraces(lesson: Lesson): Record<string, Trace> {
  return Object.fromEntries(Object.entries(lesson.scenarios).map(([name, s]) => [name, run(s)]));
}
