/**
 * The state of the world after a step, recomputed from the trace: which sockets listen, which
 * connections exist and in what state, which packets were dropped, how far the transcript and
 * the transfers have got. Views draw this; going back a step is as cheap as going forward.
 */
import { sameEndpoint, type Endpoint } from "../net/addresses";
import { isSyn } from "../net/packet";
import { connectionsOf, type ConnectionInfo } from "./connections";
import type { EventOf, HostId, Purpose, TraceEvent } from "./events";
import type { Timeline } from "./steps";
import { transferWindows } from "./transfers";

export type ConnectionPhase = "connecting" | "established" | "closing" | "closed" | "failed";

/** A connection's one record (connections.ts), and how far it has got after a step. */
export interface ConnectionState extends ConnectionInfo {
  /** Each end's own socket once that end has it. */
  readonly sockets: Partial<Record<HostId, Endpoint>>;
  readonly phase: ConnectionPhase;
  readonly syns: number;
}

export interface ListenerState {
  readonly host: HostId;
  readonly socket: Endpoint;
  readonly purpose: Purpose;
}

export interface TransferState {
  readonly index: number;
  readonly command: string;
  readonly status: "running" | "ok" | "failed";
}

export interface World {
  readonly t: number;
  readonly listeners: readonly ListenerState[];
  readonly connections: readonly ConnectionState[];
  readonly drops: readonly EventOf<"drop">[];
  readonly transfers: readonly TransferState[];
  /** How many command and reply events have happened (for the transcript's highlight). */
  readonly dialogue: number;
  readonly tls: boolean;
}

/** The world after the events `include` admits, applied in order. */
function worldOf(events: readonly TraceEvent[], include: (i: number) => boolean): World {
  let listeners: ListenerState[] = [];
  const connections = new Map<number, ConnectionState>();
  const drops: EventOf<"drop">[] = [];
  const transfers = new Map<number, TransferState>();
  const closedOn = new Map<number, Set<HostId>>();
  let dialogue = 0;
  let tls = false;
  let t = 0;
  const records = connectionsOf(events);
  // A transfer's outcome shows from the event the client learns it by (its 226 or 425 arriving),
  // so the picture, the banner and the embed's `outcome` agree with the reply on screen.
  const decidedAt = new Map<number, { index: number; command: string; result: "ok" | "failed" }>();
  for (const w of transferWindows(events)) {
    if (w.decided !== null && w.result !== null) decidedAt.set(w.decided, { index: w.index, command: w.command, result: w.result });
  }
  for (let i = 0; i < events.length; i++) {
    if (!include(i)) continue;
    const e = events[i]!;
    t = e.t;
    const decided = decidedAt.get(i);
    if (decided) transfers.set(decided.index, { index: decided.index, command: decided.command, status: decided.result });
    switch (e.type) {
      case "listen":
        listeners.push({ host: e.host, socket: e.socket, purpose: e.purpose });
        break;
      case "unlisten":
        listeners = listeners.filter((l) => !(l.host === e.host && sameEndpoint(l.socket, e.socket)));
        break;
      case "connect":
        connections.set(e.conn, { ...records.get(e.conn)!, sockets: { [e.host]: e.from }, phase: "connecting", syns: 0 });
        break;
      case "send": {
        const c = connections.get(e.packet.conn);
        if (c && isSyn(e.packet) && e.node === c.initiator) connections.set(c.id, { ...c, syns: c.syns + 1 });
        if (c && e.packet.flags.includes("FIN") && c.phase === "established") connections.set(c.id, { ...c, phase: "closing" });
        break;
      }
      case "established": {
        const c = connections.get(e.conn);
        if (c) connections.set(c.id, { ...c, phase: c.phase === "connecting" ? "established" : c.phase, sockets: { ...c.sockets, [e.host]: e.local } });
        break;
      }
      case "closed": {
        const c = connections.get(e.conn);
        if (!c) break;
        const hosts = closedOn.get(c.id) ?? new Set<HostId>();
        hosts.add(e.host);
        closedOn.set(c.id, hosts);
        const wasOpen = c.phase === "established" || c.phase === "closing";
        const bothKnown = Object.keys(c.sockets).length;
        const done = hosts.size >= bothKnown;
        connections.set(c.id, { ...c, phase: !wasOpen && c.phase === "connecting" ? "failed" : done ? "closed" : "closing" });
        break;
      }
      case "drop":
        drops.push(e);
        break;
      case "command":
      case "reply":
        dialogue++;
        break;
      case "tls":
        if (e.phase === "secure") tls = true;
        break;
      case "transfer-start":
        transfers.set(e.index, { index: e.index, command: e.command, status: "running" });
        break;
      case "transfer-end":
        transfers.set(e.index, { index: e.index, command: e.command, status: e.result });
        break;
      default:
        break;
    }
  }
  return { t, listeners, connections: [...connections.values()], drops, transfers: [...transfers.values()], dialogue, tls };
}

/** The world after step `step`: every event of steps 0..step. */
export function worldAt(events: readonly TraceEvent[], timeline: Timeline, step: number): World {
  return worldOf(events, (i) => timeline.stepOfEvent[i]! <= step);
}
