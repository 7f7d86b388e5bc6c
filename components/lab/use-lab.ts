"use client";
/**
 * The lab's state around one trace: the current step, the playback, the selected packet and the
 * reduced-motion preference. The trace comes from the route: simulated at build time for a
 * lesson (the page ships no simulator), or in the browser for the playground. Views only receive
 * what this hook returns.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Trace } from "../../sim/trace/trace";
import { timelineOf, type Timeline } from "../../sim/trace/steps";
import { worldAt, type World } from "../../sim/trace/world";
import { carryStep } from "./signature";

export const SPEEDS = [0.5, 1, 2, 4] as const;
/** How long one step lasts at speed 1: long enough to read the label of a travelling packet. */
export const STEP_MS = 1100;

export interface LabOptions {
  initialStep?: number;
  /** Lock the playable range (embeds): steps outside [from, to] are out of reach. */
  from?: number;
  to?: number;
  autoplay?: boolean;
  speed?: number;
}

export interface Lab {
  readonly trace: Trace;
  readonly timeline: Timeline;
  readonly world: World;
  readonly step: number;
  readonly first: number;
  readonly last: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly selectedPacket: number | null;
  readonly reducedMotion: boolean;
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
}

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = window.matchMedia("(prefers-reduced-motion: reduce)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia("(prefers-reduced-motion: reduce)").matches,
    () => false,
  );
}

export function useLab(trace: Trace, options: LabOptions = {}): Lab {
  const timeline = useMemo(() => timelineOf(trace.events), [trace]);
  const first = Math.max(0, Math.min(options.from ?? 0, timeline.steps.length - 1));
  const last = Math.max(first, Math.min(options.to ?? timeline.steps.length - 1, timeline.steps.length - 1));
  const clamp = useCallback((s: number) => Math.max(first, Math.min(last, s)), [first, last]);

  const [state, setState] = useState(() => ({ trace, timeline, step: options.initialStep ?? first }));
  const [playing, setPlaying] = useState(options.autoplay ?? false);
  const [speed, setSpeed] = useState(options.speed ?? 1);
  const [selectedPacket, selectPacket] = useState<number | null>(null);
  const reducedMotion = usePrefersReducedMotion();

  // A new trace: keep the playhead at the same logical point.
  let step = state.step;
  if (state.trace !== trace) {
    step = carryStep(state, state.step, { trace, timeline });
    setState({ trace, timeline, step });
  }
  step = clamp(step);

  const goTo = useCallback((s: number) => setState((st) => ({ ...st, step: clamp(s) })), [clamp]);
  const next = useCallback(() => setState((st) => ({ ...st, step: clamp(st.step + 1) })), [clamp]);
  const prev = useCallback(() => setState((st) => ({ ...st, step: clamp(st.step - 1) })), [clamp]);

  const atEnd = step >= last;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!playing || atEnd) return;
    timer.current = setTimeout(() => {
      next();
      // Reaching the last step ends playback (pressing Play again starts over).
      if (step + 1 >= last) setPlaying(false);
    }, STEP_MS / speed);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [playing, atEnd, step, last, speed, next]);

  const world = useMemo(() => worldAt(trace.events, timeline, step), [trace, timeline, step]);

  return {
    trace,
    timeline,
    world,
    step,
    first,
    last,
    playing: playing && !atEnd,
    speed,
    selectedPacket,
    reducedMotion,
    goTo,
    next,
    prev,
    toStart: () => goTo(first),
    toEnd: () => goTo(last),
    play: () => {
      if (atEnd) goTo(first);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    toggle: () => (playing && !atEnd ? setPlaying(false) : (atEnd && goTo(first), setPlaying(true))),
    setSpeed,
    selectPacket,
  };
}
