/**
 * Moments: how lessons, URLs and tests point into a trace by what happens ("the first SYN of a
 * data connection", "the reply to PASV"), not by event index, so they survive model changes.
 */
import { describeFlags } from "../net/packet";
import type { Trace } from "./trace";
import { connectionsOf } from "./connections";
import type { HostId, Purpose, TraceEvent } from "./events";
import type { Timeline } from "./steps";
import { stepSignature, transferSteps } from "./step-signature";

/** A moment of a trace; `nth` counts from 1 and defaults to 1. The zod form is moment-schema.ts. */
export type Moment =
  | { start: true }
  | { end: true }
  /** The packet carrying the n-th command with this verb (PORT, PASV, LIST…). */
  | { command: string; nth?: number }
  /** The packet carrying the n-th reply with this code. */
  | { reply: number; nth?: number }
  /** The n-th SYN (first transmission) of a control or data connection, optionally by who sent it. */
  | { syn: Purpose; by?: HostId; nth?: number }
  /** The n-th dropped packet. */
  | { drop: number }
  /** The n-th data listener opening on a host. */
  | { listen: HostId; nth?: number }
  | { timeout: HostId; nth?: number }
  /** A transfer's outcome (0-based position in scenario.commands). */
  | { transferEnd: number }
  /**
   * The first step of transfer `changed` that differs from `from`, the same transfer's step
   * signatures in another trace (step-signature.ts): where a learner's changed setup first shows
   * in the transfer a lesson step is about. Made by the lab for a try-it, never written in a lesson.
   */
  | { changed: number; from: readonly string[] };

function nthMatch(events: readonly TraceEvent[], n: number, match: (e: TraceEvent) => boolean): number | null {
  let seen = 0;
  for (let i = 0; i < events.length; i++) {
    if (match(events[i]!) && ++seen === n) return i;
  }
  return null;
}

/** The step at which the moment happens, or null when it never does in this trace. */
export function findMoment(trace: Trace, timeline: Timeline, moment: Moment): number | null {
  const { events } = trace;
  const stepOf = (i: number | null) => (i === null ? null : timeline.stepOfEvent[i]!);
  if ("start" in moment) return 0;
  if ("end" in moment) return timeline.steps.length - 1;
  if ("command" in moment) return stepOf(nthMatch(events, moment.nth ?? 1, (e) => e.type === "command" && e.line.split(" ")[0]!.toUpperCase() === moment.command.toUpperCase()));
  if ("reply" in moment) return stepOf(nthMatch(events, moment.nth ?? 1, (e) => e.type === "reply" && e.code === moment.reply));
  if ("syn" in moment) {
    const conns = connectionsOf(events);
    return stepOf(
      nthMatch(events, moment.nth ?? 1, (e) => {
        if (e.type !== "send" || describeFlags(e.packet) !== "SYN" || e.packet.attempt > 0) return false;
        const c = conns.get(e.packet.conn);
        return c !== undefined && c.purpose === moment.syn && (moment.by === undefined || c.initiator === moment.by);
      }),
    );
  }
  if ("drop" in moment) return stepOf(nthMatch(events, moment.drop, (e) => e.type === "drop"));
  if ("listen" in moment) return stepOf(nthMatch(events, moment.nth ?? 1, (e) => e.type === "listen" && e.host === moment.listen && e.purpose === "data"));
  if ("timeout" in moment) return stepOf(nthMatch(events, moment.nth ?? 1, (e) => e.type === "timeout" && e.host === moment.timeout));
  if ("changed" in moment) return firstChange(trace, timeline, moment.changed, moment.from);
  return stepOf(nthMatch(events, 1, (e) => e.type === "transfer-end" && e.index === moment.transferEnd));
}

/** The first step of the transfer whose signature is not the one at the same place in `from`; null when none differs. */
function firstChange(trace: Trace, timeline: Timeline, transfer: number, from: readonly string[]): number | null {
  const steps = transferSteps(trace.events, timeline, transfer);
  const k = steps.findIndex((s, i) => stepSignature(trace.events, s) !== from[i]);
  return k < 0 ? null : steps[k]!.index;
}
