/**
 * Small facts about a trace that the sequence view, the transcript and the packet inspector all
 * need, read the same way: which connection is control and which data, who opened it, how a
 * packet is named on an arrow, and a drop in a few words.
 */
import type { EventOf, HostId, NodeId, Purpose, TraceEvent } from "../../sim/trace/events";
import type { Packet } from "../../sim/net/packet";
import type { Timeline } from "../../sim/trace/steps";
import { firstLine, maskSecrets } from "../transcript/decode";

export interface ConnectionMeta {
  readonly id: number;
  readonly purpose: Purpose;
  /** The host whose application dialled (its TCP sent the first SYN). */
  readonly initiator: HostId;
  readonly transfer: number | null;
}

export function connectionsOf(events: readonly TraceEvent[]): Map<number, ConnectionMeta> {
  const conns = new Map<number, ConnectionMeta>();
  for (const e of events) {
    if (e.type === "connect" && !conns.has(e.conn)) conns.set(e.conn, { id: e.conn, purpose: e.purpose, initiator: e.host, transfer: e.transfer });
  }
  return conns;
}

/** packet id → the step that carries it. */
export function packetSteps(timeline: Timeline): Map<number, number> {
  const map = new Map<number, number>();
  for (const s of timeline.steps) if (s.packet) map.set(s.packet.id, s.index);
  return map;
}

export const NODE_NAMES: Record<NodeId, string> = {
  client: "client",
  server: "server",
  "client-nat": "client NAT router",
  "server-nat": "server NAT router",
  network: "the internet",
};

export const otherHost = (h: HostId): HostId => (h === "client" ? "server" : "client");

export function isPureSyn(p: Packet): boolean {
  return p.flags.includes("SYN") && !p.flags.includes("ACK");
}

/** Flags as Wireshark lists them: "SYN", "SYN, ACK", "FIN, ACK". */
export function flagText(p: Packet): string {
  return p.flags.join(", ");
}

/**
 * The label of a packet's arrow: the command or reply it carries (PASS masked), "🔒 TLS" when
 * it is ciphertext, "data (N B)" on a data connection, else its flags; a retransmission says so.
 */
export function packetLabel(p: Packet, purpose: Purpose): string {
  let label: string;
  if (p.payload.length === 0) label = flagText(p);
  else if (p.encrypted) label = purpose === "data" ? `🔒 TLS (${p.payload.length} B)` : "🔒 TLS";
  else if (purpose === "data") label = `data (${p.payload.length} B)`;
  else {
    const lines = p.payload.split("\r\n").filter((l) => l.length > 0);
    label = maskSecrets(firstLine(p.payload)) + (lines.length > 1 ? " …" : "");
  }
  if (p.attempt > 0) label += ` (retry ${p.attempt})`;
  return label;
}

/** A drop in a few words, for the ✕ on a lane: the rule for a firewall, the cause otherwise. */
export function dropShort(e: EventOf<"drop">): string {
  if (e.check) return e.check.ruleText;
  if (e.node === "network") return e.reason.includes("private address") ? "lost: private address" : "lost: no such host";
  if (e.reason.includes("no mapping")) return "no mapping";
  return "dropped";
}

/** "dropped" or "rejected" — what the ✕ did. */
export function dropVerb(e: EventOf<"drop">): string {
  if (e.check?.verdict === "reject") return "rejected";
  if (e.node === "network") return "lost";
  return "dropped";
}
