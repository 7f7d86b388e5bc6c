/**
 * The explanation says what the picture shows: every step of every lesson scenario, its
 * narration (components/explain/narrate.ts) read against the world the views draw at that step
 * (sim/trace/world.ts). A reply is narrated as answered only once it has arrived; a packet as
 * still on its way only while it is; a drop only where the world has it; a transfer done or
 * failed only when the world says so, and from its deciding reply on; a connection established,
 * closing, failed or listening only as the world has it.
 */
import { describe, expect, it } from "vitest";
import { narrate } from "../../../components/explain/narrate";
import { LESSONS } from "../../../lessons/catalog";
import { lessonTraces } from "../../../lessons/lesson-traces";
import { sameEndpoint } from "../../../sim/net/addresses";
import { describeFlags } from "../../../sim/net/packet";
import { connectionsOf } from "../../../sim/trace/connections";
import type { TraceEvent } from "../../../sim/trace/events";
import { timelineOf } from "../../../sim/trace/steps";
import type { Trace } from "../../../sim/trace/trace";
import { transferAt } from "../../../sim/trace/transfers";
import { worldAt } from "../../../sim/trace/world";

/** Every way a step's narration disagrees with the world at that step, in words. */
function disagreements(trace: Trace): string[] {
  const { events } = trace;
  const timeline = timelineOf(events);
  const conns = connectionsOf(events);
  const out: string[] = [];
  for (const step of timeline.steps) {
    const n = narrate(trace, timeline, step.index);
    const w = worldAt(events, timeline, step.index);
    const said = `step ${step.index} "${n.title}"`;
    const e: TraceEvent = events[step.event]!;
    if (step.kind === "packet" && e.type === "send") {
      const j = step.packet!;
      const fate = j.fate === null ? null : events[j.fate]!;
      const conn = w.connections.find((c) => c.id === e.packet.conn);
      // In flight only while it is.
      const inFlight = /still on its way/.test(n.text);
      if (inFlight !== (fate === null)) out.push(`${said}: narrated in flight: ${inFlight}; in flight in the trace: ${fate === null}`);
      // A reply is answered once it has arrived: its packet delivered within this step.
      if (RESPONSE_TITLE.test(n.title) && fate?.type !== "deliver") out.push(`${said}: a reply narrated that never arrived`);
      if (j.reply !== null && !RESPONSE_TITLE.test(n.title)) out.push(`${said}: a reply's packet not narrated as the reply`);
      // A drop narrated is a drop drawn, and a drop drawn is narrated.
      const narratedDrop = /drops it|rejects it|\blost\b|dropped/.test(n.text);
      if (fate?.type === "drop" && !w.drops.includes(fate)) out.push(`${said}: dropped in the trace, not in the world`);
      if (narratedDrop && fate?.type !== "drop") out.push(`${said}: narrates a drop, but the packet was ${fate?.type ?? "in flight"}`);
      if (fate?.type === "drop" && !narratedDrop && n.tone !== "bad") out.push(`${said}: a dropped packet narrated as if it went through`);
      const flags = describeFlags(e.packet);
      if (flags === "SYN" && conn?.phase !== "connecting" && conn?.phase !== "failed") out.push(`${said}: a SYN narrated while the connection is ${conn?.phase ?? "absent"}`);
      if (n.title === "ACK: connected" && conn?.phase !== "established") out.push(`${said}: "connected" while the connection is ${conn?.phase}`);
      if (n.title === "FIN" && conn?.phase !== "closing" && conn?.phase !== "closed") out.push(`${said}: a FIN while the connection is ${conn?.phase}`);
      // The reply that ends a transfer (its 226, its 425): the world's outcome agrees from this step on.
      if (j.reply !== null && fate?.type === "deliver") {
        const r = events[j.reply]!;
        const t = transferAt(events, j.reply);
        const endAt = events.findIndex((x, i) => i > j.reply! && x.type === "transfer-end" && x.index === t);
        const end = endAt < 0 ? null : events[endAt]!;
        const last = r.type === "reply" && !events.slice(j.reply + 1, endAt).some((x) => x.type === "reply" && x.code === r.code);
        if (r.type === "reply" && end?.type === "transfer-end" && end.reply === r.code && last) {
          const status = w.transfers.find((x) => x.index === t)?.status;
          if (status !== end.result) out.push(`${said}: the ${r.code} that ends ${end.command} is on screen, but the world says ${status}`);
        }
      }
      continue;
    }
    switch (e.type) {
      case "transfer-end": {
        const status = w.transfers.find((x) => x.index === e.index)?.status;
        if (status !== e.result) out.push(`${said}: narrated ${e.result}, the world says ${status}`);
        break;
      }
      case "timeout": {
        const c = e.conn === null ? undefined : w.connections.find((x) => x.id === e.conn);
        if (c && c.phase !== "failed" && c.phase !== "closed") out.push(`${said}: gave up, but the connection is ${c.phase}`);
        break;
      }
      case "listen":
        if (!w.listeners.some((l) => l.host === e.host && sameEndpoint(l.socket, e.socket))) out.push(`${said}: listening, not in the world`);
        break;
      case "unlisten":
        if (w.listeners.some((l) => l.host === e.host && sameEndpoint(l.socket, e.socket))) out.push(`${said}: stopped listening, still in the world`);
        break;
      case "login": {
        const control = [...conns.values()].find((c) => c.purpose === "control");
        const phase = w.connections.find((c) => c.id === control?.id)?.phase;
        if (/No control connection/.test(n.title) && phase === "established") out.push(`${said}: no control connection, but it is established`);
        if (/^Log(ged in|in refused)/.test(n.title) && phase !== "established") out.push(`${said}: a login on a control connection that is ${phase}`);
        break;
      }
      case "session-end":
        if (e.reason === "done" && w.connections.some((c) => c.phase === "established" || c.phase === "connecting")) out.push(`${said}: "every connection is closed" but some are open`);
        break;
      default:
        break;
    }
  }
  return out;
}


/** "Response: 227 …", or in a server-to-server transfer "Response from server B: 200 …". */
const RESPONSE_TITLE = /^Response( from [^:]+)?:/;
describe("the narration agrees with the world at every step", () => {
  const cases = LESSONS.flatMap((l) => Object.entries(lessonTraces(l)).map(([name, trace]) => ({ name: `${l.slug}/${name}`, trace })));
  it("covers every lesson scenario", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  it.each(cases)("$name", ({ trace }) => {
    expect(disagreements(trace)).toEqual([]);
  });
});
