/**
 * A simulated session beside a recorded real run, transfer by transfer. The real run is one curl
 * process per transfer (its own connection and login); the simulator runs every command in one
 * session. So the simulated transcript is cut where each transfer starts: the login goes with the
 * first transfer, QUIT with the last, and the k-th simulated transfer faces the k-th real one.
 */
import type { RealRun, RealTransfer } from "../../lessons/real-run";
import type { Trace } from "../../sim/trace/trace";
import type { Timeline } from "../../sim/trace/steps";
import { alignLines, type LogLine, type Row } from "./align";

export interface SimLine extends LogLine {
  /** The lab step that carries the line. */
  readonly step: number;
}

export interface Outcome {
  readonly result: "ok" | "failed";
  readonly lastReply: number | null;
}

export interface ComparedTransfer {
  /** 0-based position among the transfers. */
  readonly index: number;
  readonly command: string;
  readonly simulated: Outcome | null;
  readonly real: (Outcome & Pick<RealTransfer, "durationMs" | "dataEndpoint">) | null;
  /** Both sides ended the same way: same result, same last reply. */
  readonly agree: boolean;
  readonly rows: readonly Row<SimLine, LogLine>[];
}

/** The client's view of the control connection, cut into one block per transfer. */
export function simulatedBlocks(trace: Trace, timeline: Timeline): SimLine[][] {
  const transfers = trace.result.transfers;
  const blocks: SimLine[][] = Array.from({ length: Math.max(1, transfers.length) }, () => []);
  let block = 0;
  trace.events.forEach((e, i) => {
    const step = timeline.stepOfEvent[i] ?? 0;
    if (e.type === "transfer-start") {
      const k = transfers.findIndex((t) => t.index === e.index);
      if (k >= 0) block = k;
    } else if (e.type === "command") {
      blocks[block]!.push({ dir: "sent", text: e.line, step });
    } else if (e.type === "reply") {
      for (const text of e.text.split("\r\n")) blocks[block]!.push({ dir: "received", text, step });
    } else if (e.type === "note" && e.host === "client") {
      // The simulated client's remarks are curl's own words, so they can match curl's.
      blocks[block]!.push({ dir: "note", text: e.text, step });
    }
  });
  return blocks;
}

export function compareRun(trace: Trace, timeline: Timeline, run: RealRun): ComparedTransfer[] {
  const blocks = simulatedBlocks(trace, timeline);
  const sims = trace.result.transfers;
  const count = Math.max(sims.length, run.transfers.length, 1);
  return Array.from({ length: count }, (_, k) => {
    const sim = sims[k];
    const real = run.transfers[k];
    const simulated = sim ? { result: sim.result, lastReply: sim.lastReply } : null;
    return {
      index: k,
      command: real?.command ?? sim?.command ?? "(login)",
      simulated,
      real: real ? { result: real.result, lastReply: real.lastReply, durationMs: real.durationMs, dataEndpoint: real.dataEndpoint } : null,
      agree: simulated !== null && real !== undefined && simulated.result === real.result && simulated.lastReply === real.lastReply,
      rows: alignLines(blocks[k] ?? [], (real?.log ?? []).map((l) => ({ dir: l.kind, text: l.text }))),
    };
  });
}
