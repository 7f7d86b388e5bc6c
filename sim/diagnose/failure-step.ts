/**
 * Where the lab opens a diagnosed session: the step at which its data connection dies. In order
 * of preference, within the first transfer that failed:
 *   1. the first packet of its data connection that dies, whichever comes first: one dropped (a
 *      firewall's DROP or REJECT, a NAT router with no forward, an unreachable private address —
 *      the SYN that stops at a wall) or a RST (nothing listening: the SYN bounces);
 *   2. else the reply that failed it (425, 500 to PORT…: the transfer window's `decided` event),
 *      or the client's own timeout;
 *   3. else the transfer's end.
 * A failed login opens at its refusing reply. A session whose login and transfers all worked
 * has no failure: null (the lab then opens where it likes).
 *
 * Pure: reads the trace and its timeline as every view does, no simulation.
 */
import { describeFlags } from "../net/packet";
import { connectionsOf } from "../trace/connections";
import { timelineOf, type Timeline } from "../trace/steps";
import type { Trace } from "../trace/trace";
import { transferWindow } from "../trace/transfers";

export function failureStep(trace: Trace, timeline: Timeline = timelineOf(trace.events)): number | null {
  const { events } = trace;
  const stepOf = (i: number) => timeline.stepOfEvent[i] ?? null;

  const failed = trace.result.transfers.find((t) => t.result === "failed");
  if (!failed) {
    if (trace.result.login.result === "ok") return null;
    // The login was refused: the reply that refused it, else the login verdict itself.
    const verdict = events.findIndex((e) => e.type === "login" && e.result === "failed");
    if (verdict < 0) return null;
    for (let j = verdict; j >= 0; j--) {
      const e = events[j]!;
      if (e.type === "reply" && e.code >= 400) return stepOf(j);
    }
    return stepOf(verdict);
  }

  const conns = connectionsOf(events);
  const isData = (conn: number) => {
    const c = conns.get(conn);
    return c !== undefined && c.purpose === "data" && c.transfer === failed.index;
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.type === "drop" && isData(e.packet.conn)) return stepOf(i);
    if (e.type === "send" && describeFlags(e.packet) === "RST" && isData(e.packet.conn)) return stepOf(i);
  }

  const w = transferWindow(events, failed.index);
  if (!w) return timeline.steps.length > 0 ? timeline.steps.length - 1 : null;
  const end = w.end ?? events.length - 1;
  if (w.decided !== null && events[w.decided]!.type === "reply") return stepOf(w.decided);
  for (let i = w.start; i <= end; i++) {
    const e = events[i]!;
    if (e.type === "reply" && e.code >= 400) return stepOf(i);
    if (e.type === "timeout") return stepOf(i);
  }
  return stepOf(w.decided ?? end);
}
