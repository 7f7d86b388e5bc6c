/**
 * Moments: how lessons, URLs and tests point into a trace by what happens ("the first SYN of a
 * data connection", "the reply to PASV"), not by event index, so they survive model changes.
 */
import { z } from "zod";
import { describeFlags } from "../net/packet";
import type { Trace } from "../simulate";
import type { EventOf, TraceEvent } from "./events";
import type { Timeline } from "./steps";

const nth = z.number().int().min(1).max(50).default(1);

export const momentSchema = z.union(
  [
    z.strictObject({ start: z.literal(true) }),
    z.strictObject({ end: z.literal(true) }),
    /** The packet carrying the n-th command with this verb (PORT, PASV, LIST…). */
    z.strictObject({ command: z.string().regex(/^[A-Za-z]{3,4}$/), nth }),
    /** The packet carrying the n-th reply with this code. */
    z.strictObject({ reply: z.number().int().min(100).max(599), nth }),
    /** The n-th SYN (first transmission) of a control or data connection, optionally by who sent it. */
    z.strictObject({ syn: z.enum(["control", "data"]), by: z.enum(["client", "server"]).optional(), nth }),
    /** The n-th dropped packet. */
    z.strictObject({ drop: nth }),
    /** A listener opening on a host for data. */
    z.strictObject({ listen: z.enum(["client", "server"]), nth }),
    z.strictObject({ timeout: z.enum(["client", "server"]), nth }),
    /** A transfer's outcome (0-based position in scenario.commands). */
    z.strictObject({ transferEnd: z.number().int().min(0).max(31) }),
  ],
  { error: "expected a moment such as { \"command\": \"PORT\" }, { \"reply\": 227 }, { \"syn\": \"data\" }, { \"drop\": 1 }, { \"transferEnd\": 0 }, { \"start\": true } or { \"end\": true }" },
);

export type Moment = z.output<typeof momentSchema>;
export type MomentInput = z.input<typeof momentSchema>;

function nthMatch(events: readonly TraceEvent[], n: number, match: (e: TraceEvent) => boolean): number | null {
  let seen = 0;
  for (let i = 0; i < events.length; i++) {
    if (match(events[i]!) && ++seen === n) return i;
  }
  return null;
}

/** The step at which the moment happens, or null when it never does in this trace. */
export function findMoment(trace: Trace, timeline: Timeline, input: MomentInput): number | null {
  const moment: Moment = momentSchema.parse(input);
  const { events } = trace;
  const stepOf = (i: number | null) => (i === null ? null : timeline.stepOfEvent[i]!);
  if ("start" in moment) return 0;
  if ("end" in moment) return timeline.steps.length - 1;
  if ("command" in moment) return stepOf(nthMatch(events, moment.nth, (e) => e.type === "command" && e.line.split(" ")[0]!.toUpperCase() === moment.command.toUpperCase()));
  if ("reply" in moment) return stepOf(nthMatch(events, moment.nth, (e) => e.type === "reply" && e.code === moment.reply));
  if ("syn" in moment) {
    const purposes = new Map<number, EventOf<"connect">>();
    for (const e of events) if (e.type === "connect") purposes.set(e.conn, e);
    return stepOf(
      nthMatch(events, moment.nth, (e) => {
        if (e.type !== "send" || describeFlags(e.packet) !== "SYN" || e.packet.attempt > 0) return false;
        const c = purposes.get(e.packet.conn);
        return c !== undefined && c.purpose === moment.syn && (moment.by === undefined || c.host === moment.by);
      }),
    );
  }
  if ("drop" in moment) return stepOf(nthMatch(events, moment.drop, (e) => e.type === "drop"));
  if ("listen" in moment) return stepOf(nthMatch(events, moment.nth, (e) => e.type === "listen" && e.host === moment.listen && e.purpose === "data"));
  if ("timeout" in moment) return stepOf(nthMatch(events, moment.nth, (e) => e.type === "timeout" && e.host === moment.timeout));
  return stepOf(nthMatch(events, 1, (e) => e.type === "transfer-end" && e.index === moment.transferEnd));
}
