/**
 * The lab, as a test sees it: a scenario simulated once, and read at a moment in the words the
 * lessons use. `lab("test/fixtures/reference/open--port.json").at({ command: "PORT" })` gives the step
 * and everything a view receives there, as the lab page would pass it; the same object answers
 * the simulator's questions (which connections, which packets, which drops, which transfer) by
 * asking them of its trace through ./trace-queries.ts.
 *
 * Why one harness: the simulator's tests, the views' tests and the controller's tests point into
 * the same traces. Saying where by a moment ({ reply: 227 }, { syn: "data", by: "server" }) rather
 * than by a step number keeps a test about what happens, and keeps it true when the model adds a
 * packet before the moment. Nothing here simulates: it calls simulate() and reads what the
 * sim/trace layer reads for the views.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulate, type ConnectionInfo, type EventOf, type Trace, type TraceEvent, type TransferResult } from "@/sim/index";
import { findMoment, type Moment } from "@/sim/trace/moments";
import { timelineOf, type PacketJourney, type Step, type Timeline } from "@/sim/trace/steps";
import { worldAt, type World } from "@/sim/trace/world";
import type { ViewProps } from "@/components/view-types";
import { connections, drops, eventsOf, packets, transferOf, type ConnectionFilter, type PacketFilter, type SentPacket } from "./trace-queries";

// Under jsdom the global URL is the browser's, so the path is joined, not resolved as a URL.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Where in a trace: a moment (sim/trace/moments.ts), a step number, or the first step whose
 * defining event passes a test.
 */
export type Where = Moment | number | ((event: TraceEvent, step: Step) => boolean);

/** The lab at one step: what a view is given there, and what the step is. */
export interface LabAt {
  readonly step: number;
  /** The props the lab page passes every view (reduced motion on: no travel in tests). */
  readonly props: ViewProps;
  readonly world: World;
  /** The event that defines the step (for a packet: its send). */
  readonly event: TraceEvent;
  /** The step's packet, when it is a packet step: its send event and its journey. */
  readonly send: EventOf<"send"> | null;
  readonly journey: PacketJourney | null;
}

export interface Lab {
  readonly trace: Trace;
  readonly timeline: Timeline;
  /** The last step's index. */
  readonly last: number;
  /** The step of a place in the trace; throws, naming the place, when the trace never gets there. */
  stepOf(where: Where): number;
  /** The lab at a place, with any view props overridden (a selected packet, callbacks). */
  at(where: Where, props?: Partial<ViewProps>): LabAt;
  /** Every step, as `at` reads it. */
  everyStep(): LabAt[];
  /**
   * The lab at the first step that passes a test of what is there (the world after it, its
   * packet) — for places no moment names, such as "connection 2 has closed"; throws when none does.
   */
  first(test: (at: LabAt) => boolean): LabAt;
  // The trace's questions (./trace-queries.ts), asked of this lab's trace.
  events<T extends TraceEvent["type"]>(type: T): EventOf<T>[];
  /** The nth transfer whose command starts with `verb`. */
  transfer(verb: string, nth?: number): TransferResult;
  connections(filter?: ConnectionFilter): ConnectionInfo[];
  packets(filter?: PacketFilter | ((p: SentPacket) => boolean)): SentPacket[];
  drops(keep?: (d: EventOf<"drop">) => boolean): EventOf<"drop">[];
}

const labs = new Map<string, Lab>();

/**
 * A scenario — a path from the repository root ("test/scenarios/tls-blinds-helper.json") or a scenario object —
 * simulated once per test file (traces are deterministic, so sharing one is safe).
 */
export function lab(scenario: string | object): Lab {
  const key = typeof scenario === "string" ? scenario : JSON.stringify(scenario);
  let found = labs.get(key);
  if (!found) {
    const input: unknown = typeof scenario === "string" ? JSON.parse(readFileSync(join(ROOT, scenario), "utf8")) : scenario;
    found = labOf(simulate(input), typeof scenario === "string" ? scenario : "the scenario");
    labs.set(key, found);
  }
  return found;
}

/** The harness over a trace already made (a lesson's, a recorded one). */
export function labOf(trace: Trace, name = "the trace"): Lab {
  const timeline = timelineOf(trace.events);
  const last = timeline.steps.length - 1;

  function stepOf(where: Where): number {
    if (typeof where === "number") {
      if (!Number.isInteger(where) || where < 0 || where > last) throw new Error(`${name} has steps 0–${last}, not ${where}`);
      return where;
    }
    if (typeof where === "function") {
      const s = timeline.steps.find((st) => where(trace.events[st.event]!, st));
      if (!s) throw new Error(`no step of ${name} passes ${where.toString()}`);
      return s.index;
    }
    const step = findMoment(trace, timeline, where);
    if (step === null) throw new Error(`${name} never reaches ${JSON.stringify(where)}`);
    return step;
  }

  function at(where: Where, props: Partial<ViewProps> = {}): LabAt {
    const step = stepOf(where);
    const world = worldAt(trace.events, timeline, step);
    const s = timeline.steps[step]!;
    const event = trace.events[s.event]!;
    return {
      step,
      world,
      event,
      send: event.type === "send" ? event : null,
      journey: s.packet ?? null,
      props: { trace, timeline, step, world, selectedPacket: null, reducedMotion: true, ...props },
    };
  }

  return {
    trace,
    timeline,
    last,
    stepOf,
    at,
    everyStep: () => timeline.steps.map((s) => at(s.index)),
    first(test) {
      for (const s of timeline.steps) {
        const found = at(s.index);
        if (test(found)) return found;
      }
      throw new Error(`no step of ${name} passes ${test.toString()}`);
    },
    events: (type) => eventsOf(trace, type),
    transfer: (verb, nth) => transferOf(trace, verb, nth),
    connections: (filter) => connections(trace, filter),
    packets: (filter) => packets(trace, filter),
    drops: (keep) => drops(trace, keep),
  };
}
