/**
 * What every view of a trace receives, and the views by name. Views draw; they never simulate.
 * The page that owns the scenario calls simulate() once per change and passes the trace down
 * with the current step. The names live here, in plain data, so what chooses views (the lab, an
 * embed's URL, the share dialog) agrees on them without importing a view.
 */
import type { Trace } from "../sim/trace/trace";
import type { Timeline } from "../sim/trace/steps";
import type { World } from "../sim/trace/world";

/**
 * A question the learner has not answered yet (a lesson's predict step): what it asks about
 * (lessons/lesson-model.ts's FactKind, e.g. "droppedBy") and of which transfer. While one is
 * open, a view shows what a learner could know but no verdict that answers it.
 */
export interface OpenQuestion {
  readonly fact: string;
  readonly transfer: number;
}

export interface ViewProps {
  readonly trace: Trace;
  readonly timeline: Timeline;
  /** The current step (index into timeline.steps). */
  readonly step: number;
  /** The world after the current step: worldAt(trace.events, timeline, step). */
  readonly world: World;
  /** The packet the user selected for the inspector (packet id), if any. */
  readonly selectedPacket: number | null;
  readonly onSelectPacket?: (packetId: number | null) => void;
  /** Jump to a step (a click on an arrow, a transcript line). */
  readonly onJump?: (step: number) => void;
  /** prefers-reduced-motion, or the user's own choice: the same steps, no travel. */
  readonly reducedMotion: boolean;
  /** The question open at this step, if any: views hold back what would answer it. */
  readonly question?: OpenQuestion | null;
}

export type ViewName = "network" | "sequence" | "transcript" | "explanation" | "inspector" | "state";
/** Every view, in the lab's order. */
export const ALL_VIEWS: readonly ViewName[] = ["network", "explanation", "transcript", "inspector", "state", "sequence"];
