/**
 * The lab's controller: which trace is on screen, the step, the playable range, playback (play,
 * pause, speed, autoplay) and jumps that wait for their trace — one pure reducer, (state, event)
 * → state, with no React, no DOM and no wall clock. Time is an input like any other: the host
 * waits `msToNextStep(state)` and sends `{ type: "tick", ms }`, so tests drive playback step by
 * step and the page, the embed and a test all see the same behaviour.
 *
 * A jump names moments, not step numbers ("the reply to PASV, else the end of transfer 0"), in
 * the trace of a scenario. When that trace is on screen it lands at once; otherwise it waits
 * until that very scenario's trace arrives (a lesson switching scenario, a try-it simulated in
 * the browser) — a trace of any other scenario arriving meanwhile, a stale simulation, keeps the
 * playhead at its logical point (signature.ts) and leaves the jump waiting.
 *
 * A hold is an open question (a lesson's predict step): the lab may go back, but nothing moves it
 * past the held step — not next, play, the clock, End, a click further down the sequence — until
 * the question is answered or skipped (`release`). Keys, buttons and a host's messages all reach
 * the lab as these events, so one rule covers them all.
 */
import type { Scenario } from "../../../sim/scenario/schema";
import { findMoment, type Moment } from "../../../sim/trace/moments";
import { timelineOf, type Timeline } from "../../../sim/trace/steps";
import type { Trace } from "../../../sim/trace/trace";
import type { OpenQuestion } from "../../view-types";
import { carryStep } from "../signature";

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
  /** A question open at `initialStep`: the lab holds there until it is released. */
  hold?: OpenQuestion;
}

/** The step the lab may not pass while `question` is open. */
export interface Hold {
  readonly step: number;
  readonly question: OpenQuestion;
}

/** A jump waiting for the trace of `scenario`. */
export interface PendingJump {
  readonly scenario: Scenario;
  /** The moments to land on, the first that happens; the end of the range when none does. */
  readonly at: readonly Moment[];
  /** The question to hold at once landed. */
  readonly hold: OpenQuestion | null;
}

export interface LabState {
  readonly trace: Trace;
  readonly timeline: Timeline;
  /** The range asked for (0-based, inclusive; null: that end of the session). */
  readonly from: number | null;
  readonly to: number | null;
  /** The playable range in this trace: every step the lab can show. */
  readonly first: number;
  readonly last: number;
  /** Always within [first, last]. */
  readonly step: number;
  /** Never true at the last step: reaching it ends playback. */
  readonly playing: boolean;
  readonly speed: number;
  /** Play time spent on the step on screen, toward the next one (ms). */
  readonly elapsed: number;
  readonly selectedPacket: number | null;
  readonly pending: PendingJump | null;
  /** An open question: no step after `hold.step` is in reach until it is released. */
  readonly hold: Hold | null;
}

export type LabEvent =
  | { type: "goTo"; step: number }
  | { type: "next" }
  | { type: "prev" }
  | { type: "toStart" }
  | { type: "toEnd" }
  | { type: "play" }
  | { type: "pause" }
  | { type: "toggle" }
  | { type: "speed"; speed: number }
  /** `ms` of playback time have passed (the host's timer). */
  | { type: "tick"; ms: number }
  | { type: "selectPacket"; id: number | null }
  /** The host shows this trace now (a new setup simulated, a lesson's other scenario). */
  | { type: "trace"; trace: Trace }
  | { type: "range"; from: number | null; to: number | null }
  /**
   * Land on the first of `at` that happens in the trace of `in`: now if it is on screen, else once
   * it arrives. With `hold`, the lab holds there (a predict step); any landing replaces the hold.
   */
  | { type: "land"; at: readonly Moment[]; in: Scenario; hold?: OpenQuestion }
  /** The open question was answered or skipped: the lab may move on. */
  | { type: "release" };

type EventOf<K extends LabEvent["type"]> = Extract<LabEvent, { type: K }>;

/** How long a step lasts at this speed. */
const stepMs = (speed: number): number => STEP_MS / speed;

/** When playing, how much longer the step on screen stays; null when not playing. */
export function msToNextStep(state: LabState): number | null {
  return state.playing ? Math.max(0, stepMs(state.speed) - state.elapsed) : null;
}

function rangeOf(timeline: Timeline, from: number | null, to: number | null): { first: number; last: number } {
  const end = timeline.steps.length - 1;
  const first = Math.max(0, Math.min(from ?? 0, end));
  return { first, last: Math.max(first, Math.min(to ?? end, end)) };
}

const clamp = (state: Pick<LabState, "first" | "last">, step: number) => Math.max(state.first, Math.min(state.last, step));

/** The furthest step in reach: the last of the range, or the held step while a question is open. */
export function reach(state: Pick<LabState, "first" | "last" | "hold">): number {
  return state.hold === null ? state.last : Math.max(state.first, Math.min(state.last, state.hold.step));
}

/**
 * The step on screen becomes `step` (clamped to the range, and never past a hold). A new step
 * restarts the step's play time; arriving at the last step in reach ends playback (pressing Play
 * again at the last step starts over).
 */
function show(state: LabState, step: number): LabState {
  const wanted = clamp(state, step);
  // Forward moves stop at the hold; moves back are always free.
  const to = wanted > state.step ? Math.min(wanted, Math.max(state.step, reach(state))) : wanted;
  if (to === state.step) return state;
  return { ...state, step: to, elapsed: 0, playing: state.playing && to < reach(state) };
}

/** The step of the first of `moments` that happens in this trace, else its last step. */
function landing(trace: Trace, timeline: Timeline, moments: readonly Moment[]): number {
  for (const m of moments) {
    const at = findMoment(trace, timeline, m);
    if (at !== null) return at;
  }
  return timeline.steps.length - 1;
}

const pause = (state: LabState): LabState => (state.playing ? { ...state, playing: false, elapsed: 0 } : state);

function play(state: LabState): LabState {
  if (state.playing) return state;
  // At a hold, Play waits for the answer; at the end of the session it starts over.
  if (state.hold !== null && state.step >= reach(state)) return state;
  const from = state.step >= state.last ? state.first : state.step;
  return { ...state, step: from, elapsed: 0, playing: from < reach(state) };
}

/** One handler per event, named by it. */
const on: { [K in LabEvent["type"]]: (state: LabState, event: EventOf<K>) => LabState } = {
  goTo: (s, e) => (Number.isFinite(e.step) ? show(s, Math.trunc(e.step)) : s),
  next: (s) => show(s, s.step + 1),
  prev: (s) => show(s, s.step - 1),
  toStart: (s) => show(s, s.first),
  toEnd: (s) => show(s, s.last),
  play,
  pause,
  toggle: (s) => (s.playing ? pause(s) : play(s)),
  speed: (s, e) => (Number.isFinite(e.speed) && e.speed > 0 && e.speed !== s.speed ? { ...s, speed: e.speed, elapsed: 0 } : s),
  tick: (s, e) => {
    if (!s.playing || !(e.ms > 0)) return s;
    const per = stepMs(s.speed);
    const end = reach(s);
    let { step } = s;
    let elapsed = s.elapsed + e.ms;
    // A hair of slack: the host waits exactly msToNextStep, and rounding must not cost it the step.
    while (step < end && elapsed >= per - 1e-6) {
      step += 1;
      elapsed = Math.max(0, elapsed - per);
    }
    return step >= end ? { ...s, step, playing: false, elapsed: 0 } : { ...s, step, elapsed };
  },
  selectPacket: (s, e) => (s.selectedPacket === e.id ? s : { ...s, selectedPacket: e.id }),
  trace: (s, e) => {
    if (e.trace === s.trace) return s;
    const timeline = timelineOf(e.trace.events);
    const range = rangeOf(timeline, s.from, s.to);
    const lands = s.pending !== null && s.pending.scenario === e.trace.scenario;
    // Landing on what the jump names; otherwise the playhead keeps its logical point.
    const step = lands ? landing(e.trace, timeline, s.pending!.at) : carryStep(s, s.step, { trace: e.trace, timeline });
    const next: LabState = { ...s, trace: e.trace, timeline, ...range, elapsed: 0, pending: lands ? null : s.pending };
    const at = clamp(next, step);
    // A landing holds where it lands; otherwise a hold moves with the playhead's logical point.
    const hold = lands ? holdAt(at, s.pending!.hold) : s.hold && { ...s.hold, step: clamp(next, carryStep(s, s.hold.step, { trace: e.trace, timeline })) };
    const held = { ...next, step: at, hold };
    return { ...held, playing: s.playing && at < reach(held) };
  },
  range: (s, e) => {
    if (e.from === s.from && e.to === s.to) return s;
    const next = { ...s, from: e.from, to: e.to, ...rangeOf(s.timeline, e.from, e.to) };
    const at = clamp(next, s.step);
    return { ...next, step: at, playing: s.playing && at < reach(next), elapsed: at === s.step ? s.elapsed : 0 };
  },
  land: (s, e) => {
    const hold = e.hold ?? null;
    // Waiting for its trace, the jump keeps the lab where it is, and no earlier question holds it.
    if (e.in !== s.trace.scenario) return { ...s, pending: { scenario: e.in, at: e.at, hold }, hold: null };
    const free: LabState = { ...s, hold: null, pending: null };
    const landed = show(free, landing(s.trace, s.timeline, e.at));
    return { ...landed, hold: holdAt(landed.step, hold), playing: landed.playing && hold === null };
  },
  release: (s) => (s.hold === null && (s.pending === null || s.pending.hold === null) ? s : { ...s, hold: null, pending: s.pending && { ...s.pending, hold: null } }),
};

/** A landing that holds where it lands while `question` is open (null: a plain landing). */
export function holding(event: LabEvent, question: OpenQuestion | null): LabEvent {
  if (event.type !== "land") return event;
  return { ...event, hold: question ?? undefined };
}

const holdAt = (step: number, question: OpenQuestion | null): Hold | null => (question === null ? null : { step, question });

export function labReducer(state: LabState, event: LabEvent): LabState {
  return (on[event.type] as (s: LabState, e: LabEvent) => LabState)(state, event);
}

export function initialLab(trace: Trace, options: LabOptions = {}): LabState {
  const timeline = timelineOf(trace.events);
  const from = options.from ?? null;
  const to = options.to ?? null;
  const range = rangeOf(timeline, from, to);
  const step = clamp(range, options.initialStep ?? range.first);
  const speed = options.speed !== undefined && Number.isFinite(options.speed) && options.speed > 0 ? options.speed : 1;
  const hold = holdAt(step, options.hold ?? null);
  return { trace, timeline, from, to, ...range, step, playing: (options.autoplay ?? false) && hold === null && step < range.last, speed, elapsed: 0, selectedPacket: null, pending: null, hold };
}
