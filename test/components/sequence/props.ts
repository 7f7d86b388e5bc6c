/** Builds the props every view receives from a scenario file, as the lab page does. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulate, type Trace } from "../../../sim/index";
import { timelineOf, type Timeline } from "../../../sim/trace/steps";
import { worldAt } from "../../../sim/trace/world";
import type { ViewProps } from "../../../components/view-types";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const cache = new Map<string, { trace: Trace; timeline: Timeline }>();

export function load(file: string): { trace: Trace; timeline: Timeline } {
  let hit = cache.get(file);
  if (!hit) {
    const trace = simulate(JSON.parse(readFileSync(join(root, file), "utf8")));
    hit = { trace, timeline: timelineOf(trace.events) };
    cache.set(file, hit);
  }
  return hit;
}

export function propsFor(file: string, step: number, extra: Partial<ViewProps> = {}): ViewProps {
  const { trace, timeline } = load(file);
  return {
    trace,
    timeline,
    step,
    world: worldAt(trace.events, timeline, step),
    selectedPacket: null,
    reducedMotion: true,
    ...extra,
  };
}

/** The first step whose defining event satisfies `test`. */
export function findStep(file: string, test: (e: Trace["events"][number], stepIndex: number) => boolean): number {
  const { trace, timeline } = load(file);
  const s = timeline.steps.find((st) => test(trace.events[st.event]!, st.index));
  if (!s) throw new Error(`no such step in ${file}`);
  return s.index;
}

/** The step that carries the first command or reply matching `re`. */
export function stepOfLine(file: string, re: RegExp): number {
  const { trace, timeline } = load(file);
  const i = trace.events.findIndex((e) => (e.type === "command" && re.test(e.line)) || (e.type === "reply" && re.test(e.text)));
  if (i < 0) throw new Error(`no line ${re} in ${file}`);
  return timeline.stepOfEvent[i]!;
}
