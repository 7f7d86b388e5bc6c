/**
 * Steps: the moments of a trace a learner would name, in order. A packet is one step (it leaves,
 * crosses any NAT router, and arrives or is dropped); so is a listener opening or closing, a
 * timeout, a client's decision, a transfer's outcome. Views move from step to step; lessons
 * and URLs point at steps by what happens in them, never by raw event index.
 */
import type { Packet } from "../net/packet";
import type { TraceEvent } from "./events";

export type StepKind = "packet" | "listen" | "unlisten" | "timeout" | "note" | "login" | "transfer-end" | "session-end";

export interface Step {
  /** Position in the step list. */
  readonly index: number;
  readonly kind: StepKind;
  /** The event that defines the step (for a packet: its `send`). */
  readonly event: number;
  /** The last event that belongs to this step (for a packet: its delivery or drop). */
  readonly last: number;
  readonly t: number;
  /** For a packet step. */
  readonly packet?: PacketJourney;
}

/** Everything that happened to one packet, by event index. */
export interface PacketJourney {
  readonly id: number;
  readonly send: number;
  readonly nat: readonly number[];
  readonly expect: readonly number[];
  /** Its `deliver` or `drop` event; null if the session ended with it still in flight. */
  readonly fate: number | null;
  /** The command or reply it carries, when it carries one. */
  readonly command: number | null;
  readonly reply: number | null;
}

const ANCHORS: ReadonlySet<TraceEvent["type"]> = new Set(["listen", "unlisten", "timeout", "note", "login", "transfer-end", "session-end"]);

function packetOf(e: TraceEvent): Packet | null {
  if (e.type === "send" || e.type === "deliver" || e.type === "drop") return e.packet;
  if (e.type === "nat") return e.after;
  return null;
}

/** The steps of a trace, and for every event the step it belongs to. */
export interface Timeline {
  readonly steps: readonly Step[];
  /** stepOfEvent[i]: the step event i belongs to. Applying every event of steps 0..n gives the world after step n. */
  readonly stepOfEvent: readonly number[];
}

/** Events that introduce what the next step does (an application's connect comes just before its SYN). */
const LEADING: ReadonlySet<TraceEvent["type"]> = new Set(["connect", "transfer-start", "session-start"]);

export function timelineOf(events: readonly TraceEvent[]): Timeline {
  interface Building {
    id: number;
    send: number;
    nat: number[];
    expect: number[];
    fate: number | null;
    command: number | null;
    reply: number | null;
  }
  const journeys = new Map<number, Building>();
  const commandPackets = new Map<number, number>();
  const replyPackets = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.type === "command") commandPackets.set(e.packetId, i);
    else if (e.type === "reply" && !replyPackets.has(e.packetId)) replyPackets.set(e.packetId, i);
  });
  events.forEach((e, i) => {
    if (e.type === "send") {
      journeys.set(e.packet.id, { id: e.packet.id, send: i, nat: [], expect: [], fate: null, command: commandPackets.get(e.packet.id) ?? null, reply: replyPackets.get(e.packet.id) ?? null });
    } else if (e.type === "nat") journeys.get(e.after.id)?.nat.push(i);
    else if (e.type === "expect") journeys.get(e.packetId)?.expect.push(i);
    else if (e.type === "deliver" || e.type === "drop") {
      const j = journeys.get(e.packet.id);
      if (j && j.fate === null) j.fate = i;
    }
  });

  const steps: Step[] = [];
  const stepOfEvent: number[] = new Array<number>(events.length).fill(-1);
  const stepOfPacket = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.type === "send") {
      const j = journeys.get(e.packet.id)!;
      stepOfPacket.set(j.id, steps.length);
      const last = Math.max(i, j.fate ?? i, ...j.nat, ...j.expect, j.reply ?? i);
      steps.push({ index: steps.length, kind: "packet", event: i, last, t: e.t, packet: j });
    } else if (ANCHORS.has(e.type)) {
      steps.push({ index: steps.length, kind: e.type as StepKind, event: i, last: i, t: e.t });
    }
  });

  // Every event joins a step: a packet's journey joins its packet, a command or reply the packet
  // that carries it, a connect the SYN that follows, and a consequence (a connection established
  // or closed, TLS secured) the step whose event caused it.
  let nextStep = 0;
  let previous = 0;
  events.forEach((e, i) => {
    while (nextStep < steps.length && steps[nextStep]!.event < i) nextStep++;
    let step: number | undefined;
    const p = packetOf(e);
    if (p && e.type !== "send") step = stepOfPacket.get(p.id);
    else if (e.type === "send") step = stepOfPacket.get(e.packet.id);
    else if (e.type === "expect") step = stepOfPacket.get(e.packetId);
    else if (e.type === "command" || e.type === "reply") step = stepOfPacket.get(e.packetId);
    else if (ANCHORS.has(e.type)) step = nextStep;
    else if (LEADING.has(e.type)) step = Math.min(nextStep, steps.length - 1);
    // A consequence (established, closed, tls…) follows its cause directly in the trace: it joins
    // the step of the event just before it, not a later packet already queued at the same instant.
    step ??= previous;
    stepOfEvent[i] = step;
    if (!LEADING.has(e.type)) previous = step;
  });
  return { steps, stepOfEvent };
}
