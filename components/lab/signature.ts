/**
 * A step's "logical point": what happens in it, independent of ports, times and sequence
 * numbers. When the setup changes and the session is simulated again, the playhead moves to the
 * step with the same signature (or the nearest earlier one that exists), so the learner keeps
 * looking at "the first SYN of the data connection" rather than at step 37.
 */
import type { Trace } from "../../sim/trace/trace";
import type { Timeline } from "../../sim/trace/steps";
import { describeFlags } from "../../sim/net/packet";
import { connectionsOf } from "../../sim/trace/connections";

function stepSignature(trace: Trace, timeline: Timeline, index: number): string {
  const step = timeline.steps[index];
  if (!step) return "";
  const e = trace.events[step.event]!;
  if (step.kind === "packet" && e.type === "send") {
    const p = e.packet;
    const conn = connectionsOf(trace.events).get(p.conn);
    const purpose = conn ? `${conn.purpose}:${conn.transfer ?? "-"}` : "control";
    const j = step.packet!;
    const text = j.command !== null ? (trace.events[j.command] as { line: string }).line.split(" ")[0] : j.reply !== null ? String((trace.events[j.reply] as { code: number }).code) : describeFlags(p);
    return `packet|${e.node}|${purpose}|${text}`;
  }
  if (e.type === "transfer-end") return `transfer-end|${e.index}`;
  if ("host" in e) return `${step.kind}|${String(e.host)}`;
  return step.kind;
}

/** Signatures with their occurrence count, so the 3rd "ACK" maps to the 3rd "ACK". */
function signatures(trace: Trace, timeline: Timeline): string[] {
  const seen = new Map<string, number>();
  return timeline.steps.map((s) => {
    const sig = stepSignature(trace, timeline, s.index);
    const n = seen.get(sig) ?? 0;
    seen.set(sig, n + 1);
    return `${sig}#${n}`;
  });
}

export function carryStep(before: { trace: Trace; timeline: Timeline }, step: number, after: { trace: Trace; timeline: Timeline }): number {
  const old = signatures(before.trace, before.timeline);
  const next = signatures(after.trace, after.timeline);
  for (let i = Math.min(step, old.length - 1); i >= 0; i--) {
    const found = next.indexOf(old[i]!);
    if (found >= 0) return found;
  }
  return 0;
}
