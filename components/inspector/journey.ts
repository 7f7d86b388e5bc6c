/**
 * One packet as Wireshark would dissect it, at every place it could be captured (as sent, after
 * each NAT router), and everything it met on the way: the FTP helpers' expectations, the NAT
 * rewrites, the receiving firewall's conntrack state and deciding rule, and its fate.
 */
import type { Trace } from "../../sim/trace/trace";
import type { Endpoint } from "../../sim/net/addresses";
import { formatEndpoint } from "../../sim/net/addresses";
import { hostConfig } from "../../sim/scenario/hosts";
import { hostName, theHost, packetReceiver } from "../trace-hosts";
import { isSyn, type Packet, type TcpFlag } from "../../sim/net/packet";
import type { CtState } from "../../sim/net/conntrack";
import { connectionsOf } from "../../sim/trace/connections";
import type { HostId, Purpose, TraceEvent, Verdict } from "../../sim/trace/events";
import { fateKind, fateWords, nodeName, type FateKind } from "../../sim/trace/labels";
import type { Timeline } from "../../sim/trace/steps";
import { transferWindow } from "../../sim/trace/transfers";

export interface CapturePoint {
  /** "as sent by the client", "after the client NAT router". */
  readonly where: string;
  readonly packet: Packet;
  readonly relSeq: number | null;
  readonly relAck: number | null;
}

export type Hop =
  | { readonly kind: "expect"; readonly node: string; readonly byFirewall: boolean; readonly announcement: string; readonly from: string; readonly to: Endpoint; readonly natTo: Endpoint | null }
  | {
      readonly kind: "nat";
      readonly node: string;
      readonly rule: string;
      readonly before: Packet;
      readonly after: Packet;
    }
  | { readonly kind: "firewall"; readonly host: HostId; readonly name: string; readonly ctState: CtState; readonly rule: string; readonly verdict: Verdict; readonly open: boolean };

export interface Fate {
  readonly kind: FateKind;
  readonly text: string;
}

export interface PacketDetails {
  readonly id: number;
  readonly step: number;
  readonly t: number;
  readonly sender: HostId;
  /** The sender as words name it ("server B" in a server-to-server transfer). */
  readonly senderName: string;
  readonly receiver: HostId;
  readonly purpose: Purpose;
  readonly conn: number;
  readonly initiator: HostId | null;
  readonly transferCommand: string | null;
  readonly points: readonly CapturePoint[];
  readonly hops: readonly Hop[];
  readonly fate: Fate;
}

const FLAG_BITS: Record<TcpFlag, number> = { FIN: 0x001, SYN: 0x002, RST: 0x004, PSH: 0x008, ACK: 0x010 };

/** "0x012 (SYN, ACK)" as Wireshark prints the flags field. */
export function flagsField(p: Packet): string {
  const bits = p.flags.reduce((n, f) => n | FLAG_BITS[f], 0);
  return `0x${bits.toString(16).padStart(3, "0")} (${p.flags.join(", ")})`;
}

const u32 = (n: number) => ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;

/** Initial sequence numbers of a connection, by the host that chose them. */
function isnsOf(events: readonly TraceEvent[], conn: number): Partial<Record<HostId, number>> {
  const isn: Partial<Record<HostId, number>> = {};
  for (const e of events) {
    if (e.type !== "send" || e.packet.conn !== conn || !e.packet.flags.includes("SYN")) continue;
    if (isn[e.node] === undefined) isn[e.node] = e.packet.seq;
    if (Object.keys(isn).length === 2) break;
  }
  return isn;
}

export function packetDetails(trace: Trace, timeline: Timeline, packetId: number): PacketDetails | null {
  const events = trace.events;
  const step = timeline.steps.find((s) => s.packet?.id === packetId);
  const j = step?.packet;
  if (!step || !j) return null;
  const send = events[j.send];
  if (send?.type !== "send") return null;
  const sender = send.node;
  const receiver = packetReceiver(trace.scenario, sender, send.packet);
  const meta = connectionsOf(events).get(send.packet.conn);
  const isn = isnsOf(events, send.packet.conn);
  const transferCommand = meta?.transfer != null ? (transferWindow(events, meta.transfer)?.command ?? null) : null;

  const rel = (p: Packet): Pick<CapturePoint, "relSeq" | "relAck"> => {
    const own = isn[sender];
    const theirs = isn[receiver];
    return {
      relSeq: own === undefined ? null : u32(p.seq - own),
      relAck: p.flags.includes("ACK") && theirs !== undefined ? u32(p.ack - theirs) : null,
    };
  };

  const points: CapturePoint[] = [{ where: `as sent by ${theHost(trace.scenario, sender)}`, packet: send.packet, ...rel(send.packet) }];
  const hops: Hop[] = [];
  const journeyEvents = [...j.expect, ...j.nat, ...(j.fate === null ? [] : [j.fate])].sort((a, b) => a - b);
  const s = trace.scenario;
  let fate: Fate = { kind: "in-flight", text: fateWords(null, receiver, s) };
  for (const i of journeyEvents) {
    const e = events[i]!;
    if (e.type === "expect") {
      const byFirewall = e.node === "client" || e.node === "server" || e.node === "server-b" || e.node === "relay";
      hops.push({
        kind: "expect",
        node: `the ${nodeName(e.node, s)}`,
        byFirewall,
        announcement: e.announcement,
        from: e.from,
        to: e.to,
        natTo: e.natTo,
      });
    } else if (e.type === "nat") {
      hops.push({ kind: "nat", node: nodeName(e.node, s), rule: e.rule, before: e.before, after: e.after });
      points.push({ where: `after the ${nodeName(e.node, s)}`, packet: e.after, ...rel(e.after) });
    } else if (e.type === "deliver") {
      hops.push({ kind: "firewall", host: e.node, name: hostName(trace.scenario, e.node), ctState: e.check.ctState, rule: ruleName(e.check.rule, e.check.ruleText), verdict: e.check.verdict, open: hostConfig(trace.scenario, e.node).firewall === "open" });
      fate = { kind: "delivered", text: `${fateWords(e, receiver, s)} at ${formatEndpoint(e.packet.dst)}` };
    } else if (e.type === "drop") {
      if (e.check) {
        hops.push({ kind: "firewall", host: e.check.firewall, name: hostName(trace.scenario, e.check.firewall), ctState: e.check.ctState, rule: ruleName(e.check.rule, e.check.ruleText), verdict: e.check.verdict, open: hostConfig(trace.scenario, e.check.firewall).firewall === "open" });
        const kind = fateKind(e);
        fate = {
          kind,
          text: `${fateWords(e, receiver, s)} (${ruleName(e.check.rule, e.check.ruleText)})${kind === "rejected" ? ": it answers with a RST in the name of the port" : ""}`,
        };
      } else {
        fate = { kind: fateKind(e), text: `${fateWords(e, receiver, s)}: ${e.reason}` };
      }
    }
  }

  return {
    id: packetId,
    step: step.index,
    t: step.t,
    sender,
    senderName: hostName(trace.scenario, sender),
    receiver,
    purpose: meta?.purpose ?? "control",
    conn: send.packet.conn,
    initiator: meta?.initiator ?? (isSyn(send.packet) ? sender : null),
    transferCommand,
    points: dedupePoints(points),
    hops,
    fate,
  };
}

function ruleName(index: number | null, text: string): string {
  return index === null ? text : `rule ${index + 1}: ${text}`;
}

const samePacket = (a: Packet, b: Packet) =>
  a.src.ip === b.src.ip && a.src.port === b.src.port && a.dst.ip === b.dst.ip && a.dst.port === b.dst.port && a.seq === b.seq && a.ack === b.ack && a.payload === b.payload;

/** A capture point identical to the one before it says nothing new. */
function dedupePoints(points: CapturePoint[]): CapturePoint[] {
  return points.filter((p, i) => i === 0 || !samePacket(p.packet, points[i - 1]!.packet));
}
