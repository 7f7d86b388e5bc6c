/**
 * When a trace answers a prediction: the first step at which what a predict step asks about is
 * on screen — its value or its tell-tale. A drop's ✕ says who dropped and that the transfer is in
 * trouble; the final reply (226, 425) or the transfer's end says how it ended; the first SYN of the data connection
 * says who dials it and to which port; a 227/229 names the passive port. A predict step must land
 * before its reveal (lesson-check.ts), and the spoiler test reads the screen at that moment.
 */
import { describeFlags } from "../sim/net/packet";
import { connectionsOf } from "../sim/trace/connections";
import type { Timeline } from "../sim/trace/steps";
import type { Trace } from "../sim/trace/trace";
import type { FactKind } from "./lesson-model";

const MODE_COMMANDS: ReadonlySet<string> = new Set(["PORT", "EPRT", "PASV", "EPSV"]);
/** Passive replies carry the port the client will dial. */
const PASSIVE_REPLIES: ReadonlySet<number> = new Set([227, 229]);

/** The steps of transfer `index` that can give an answer away; null where the trace has none. */
export interface Tells {
  /** The first packet dropped during the transfer (a ✕ on the picture). */
  readonly firstDrop: number | null;
  /** The first SYN of the transfer's data connection. */
  readonly dataSyn: number | null;
  /** The reply to the transfer's PORT/EPRT/PASV/EPSV. */
  readonly modeReply: number | null;
  /** Whether that reply names the passive port (227, 229). */
  readonly passiveReply: boolean;
  /** The transfer's final reply, else its end. */
  readonly end: number | null;
}

export function tellsOf(trace: Trace, timeline: Timeline, index: number): Tells {
  const { events } = trace;
  const conns = connectionsOf(events);
  const stepOf = (i: number) => timeline.stepOfEvent[i]!;
  const outcome = trace.result.transfers[index];
  let inside = false;
  let afterMode = false;
  let firstDrop: number | null = null;
  let dataSyn: number | null = null;
  let modeReply: number | null = null;
  let passiveReply = false;
  let end: number | null = null;
  for (let i = 0; i < events.length && end === null; i++) {
    const e = events[i]!;
    if (e.type === "transfer-start" && e.index === index) inside = true;
    if (!inside) continue;
    if (e.type === "transfer-end" && e.index === index) end = stepOf(i);
    else if (e.type === "drop") firstDrop ??= stepOf(i);
    else if (e.type === "send" && describeFlags(e.packet) === "SYN" && conns.get(e.packet.conn)?.purpose === "data") dataSyn ??= stepOf(i);
    else if (e.type === "command" && MODE_COMMANDS.has(e.line.split(" ")[0]!.toUpperCase())) afterMode = true;
    else if (e.type === "reply") {
      if (afterMode && modeReply === null) {
        modeReply = stepOf(i);
        passiveReply = PASSIVE_REPLIES.has(e.code);
      }
      // The reply the transfer ends with (226, 425…) tells how it ended.
      if (outcome && outcome.reply !== null && e.code === outcome.reply && modeReply !== stepOf(i)) end = stepOf(i);
    }
  }
  return { firstDrop, dataSyn, modeReply, passiveReply, end };
}

const earliest = (...steps: Array<number | null>): number | null => {
  const known = steps.filter((s): s is number => s !== null);
  return known.length === 0 ? null : Math.min(...known);
};

/** The first step at which the screen answers `fact` of transfer `index`; null if it never does. */
export function revealStep(trace: Trace, timeline: Timeline, fact: FactKind, index: number): number | null {
  const t = tellsOf(trace, timeline, index);
  switch (fact) {
    case "droppedBy":
    case "result":
      return earliest(t.firstDrop, t.end);
    // What the client hears last: a drop may be the question's premise (it is retried, or another
    // command follows), the final reply or the transfer's end is the answer.
    case "reply":
    case "lastReply":
      return t.end;
    case "modeReply":
      return earliest(t.modeReply, t.end);
    case "initiator":
      return earliest(t.dataSyn, t.end);
    case "serverPort":
      return earliest(t.dataSyn, t.passiveReply ? t.modeReply : null, t.end);
  }
}
