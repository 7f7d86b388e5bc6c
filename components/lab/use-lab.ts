"use client";
/**
 * The lab's controller (controller/lab-controller.ts) rendered by React: the hook holds its
 * state, hands it the route's trace and range when they change, runs the playback timer (the
 * controller says how long until its next step; the hook waits that long and sends the tick) and
 * adds what only the browser knows, the reduced-motion preference. The trace comes from the
 * route: simulated at build time for a lesson (the page ships no simulator), or in the browser
 * for the playground. Views only receive what this hook returns.
 */
import { useEffect, useMemo, useReducer, useSyncExternalStore } from "react";
import type { Trace } from "../../sim/trace/trace";
import type { Timeline } from "../../sim/trace/steps";
import { worldAt, type World } from "../../sim/trace/world";
import type { OpenQuestion } from "../view-types";
import { initialLab, labReducer, msToNextStep, reach, type LabEvent, type LabOptions } from "./controller/lab-controller";

export { SPEEDS, STEP_MS, type LabOptions } from "./controller/lab-controller";

export interface Lab {
  readonly trace: Trace;
  readonly timeline: Timeline;
  readonly world: World;
  readonly step: number;
  readonly first: number;
  readonly last: number;
  /** The furthest step in reach: `last`, or the step a question holds the lab at. */
  readonly reach: number;
  /** The question holding the lab (a predict step not yet answered), if any. */
  readonly question: OpenQuestion | null;
  readonly playing: boolean;
  readonly speed: number;
  readonly selectedPacket: number | null;
  readonly reducedMotion: boolean;
  /** Any controller event (a jump to a moment, a key, a host's command). */
  send(event: LabEvent): void;
  goTo(step: number): void;
  next(): void;
  prev(): void;
  toStart(): void;
  toEnd(): void;
  play(): void;
  pause(): void;
  toggle(): void;
  setSpeed(speed: number): void;
  selectPacket(id: number | null): void;
  /** The open question was answered or skipped: let the lab move on. */
  release(): void;
}

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = window.matchMedia("(prefers-reduced-motion: reduce)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia("(prefers-reduced-motion: reduce)").matches,
    () => false,
  );
}

export function useLab(trace: Trace, options: LabOptions = {}): Lab {
  const [state, send] = useReducer(labReducer, null, () => initialLab(trace, options));
  const from = options.from ?? null;
  const to = options.to ?? null;
  // The route's inputs, heard during this render (React lets a component adjust its own state
  // so), so no frame shows the old step against a new trace.
  if (state.trace !== trace) send({ type: "trace", trace });
  if (state.from !== from || state.to !== to) send({ type: "range", from, to });

  // Playback's clock: the controller names the wait, the hook keeps it and reports it back.
  const due = msToNextStep(state);
  useEffect(() => {
    if (due === null) return;
    const timer = setTimeout(() => send({ type: "tick", ms: due }), due);
    return () => clearTimeout(timer);
  }, [due, state.step, state.trace]);

  const reducedMotion = usePrefersReducedMotion();
  const world = useMemo(() => worldAt(state.trace.events, state.timeline, state.step), [state.trace, state.timeline, state.step]);
  const actions = useMemo(
    () => ({
      send,
      goTo: (step: number) => send({ type: "goTo", step }),
      next: () => send({ type: "next" }),
      prev: () => send({ type: "prev" }),
      toStart: () => send({ type: "toStart" }),
      toEnd: () => send({ type: "toEnd" }),
      play: () => send({ type: "play" }),
      pause: () => send({ type: "pause" }),
      toggle: () => send({ type: "toggle" }),
      setSpeed: (speed: number) => send({ type: "speed", speed }),
      selectPacket: (id: number | null) => send({ type: "selectPacket", id }),
      release: () => send({ type: "release" }),
    }),
    [],
  );

  return useMemo(
    () => ({
      trace: state.trace,
      timeline: state.timeline,
      world,
      step: state.step,
      first: state.first,
      last: state.last,
      reach: reach(state),
      question: state.hold?.question ?? null,
      playing: state.playing,
      speed: state.speed,
      selectedPacket: state.selectedPacket,
      reducedMotion,
      ...actions,
    }),
    [state, world, reducedMotion, actions],
  );
}
