/**
 * What the network view draws, derived from the trace without React: per trace, the lanes the
 * connections run in and the facts about them (who opened each, when it failed); per step, the
 * packet on the wire, where it ends, and the notes (the deciding rule, a NAT rewrite, a helper's
 * expectation) beside the walls and routers. Pure, so it is tested on its own.
 */
import { formatEndpoint, isPrivateIp, type Endpoint } from "../../sim/net/addresses";
import { formatRule } from "../../sim/net/rule-text";
import { FTP_CONTROL_PORT, FTP_DATA_PORT } from "../../sim/net/ftp-ports";
import { hostConfig, hostsOf, passiveRangeOf } from "../../sim/scenario/hosts";
import type { Packet } from "../../sim/net/packet";
import { resolveFirewall } from "../../sim/scenario/presets";
import type { FirewallConfig } from "../../sim/scenario/schema";
import { connectionsOf, type ConnectionInfo } from "../../sim/trace/connections";
import { portKind as serverPortKind } from "../../sim/trace/data-shape";
import type { Trace } from "../../sim/trace/trace";
import type { EventOf, FirewallCheck, HostId, NodeId, Purpose, RouterId, TraceEvent } from "../../sim/trace/events";
import { dropShort, fateKind, fateWords, flagName, nodeName, packetLabel, type FateKind } from "../../sim/trace/labels";
import type { Timeline } from "../../sim/trace/steps";
import type { ConnectionState, World } from "../../sim/trace/world";
import { hostName, theHost, packetReceiver, responderOf } from "../trace-hosts";

export const HOSTS: readonly HostId[] = ["client", "server"];
export const ROUTERS: readonly RouterId[] = ["client-nat", "server-nat"];
export const routerOf = (h: HostId): RouterId => (h === "client" ? "client-nat" : "server-nat");

/** How many steps a failed connection stays drawn (its ✕) before it goes. */
const FAILED_LINGER = 2;
/** How many steps a drop leaves its small ✕ at the wall. */
const DROP_LINGER = 6;

/** A connection's one record (sim/trace/connections.ts) and where and when the view draws it. */
export interface DrawnConnection extends ConnectionInfo {
  /** The step its SYN goes out in (the world shows it from there). */
  readonly appear: number;
  /** The last step anything happens on it. */
  readonly last: number;
  /** The step it failed in (closed before it was ever established), if it did. */
  readonly failStep: number | null;
  /** Its row: 0 for the control connection, data connections below. */
  lane: number;
  /** The public socket each NAT router gave it, and the step the router first rewrote it. */
  readonly natPublic: Partial<Record<RouterId, { endpoint: Endpoint; step: number }>>;
  /**
   * The accepting side's own socket (the destination of the first segment delivered to it) and
   * the step it arrived in: the trace's `established` event for that side can come steps later,
   * when its application accepts.
   */
  readonly accepted: { socket: Endpoint; step: number } | null;
}

export interface TraceIndex {
  readonly conns: ReadonlyMap<number, DrawnConnection>;
  readonly lanes: number;
  /** The most listening sockets a host has at once. */
  readonly maxListeners: Record<HostId, number>;
  /** A trace event → its index (world.drops holds the trace's own event objects). */
  readonly eventIndex: ReadonlyMap<TraceEvent, number>;
  /** The longest ip:port label on each host. */
  readonly socketChars: Record<HostId, number>;
  /** packet id → the host that sent it. */
  readonly sender: ReadonlyMap<number, HostId>;
}

function packetConn(e: TraceEvent): number | null {
  switch (e.type) {
    case "send":
    case "deliver":
    case "drop":
      return e.packet.conn;
    case "nat":
      return e.after.conn;
    case "connect":
    case "established":
    case "closed":
      return e.conn;
    case "timeout":
      return e.conn;
    default:
      return null;
  }
}

/** Facts about a whole trace, computed once per trace. */
export function indexTrace(trace: Trace, timeline: Timeline): TraceIndex {
  const { events } = trace;
  const records = connectionsOf(events);
  const conns = new Map<number, DrawnConnection>();
  const established = new Set<number>();
  const eventIndex = new Map<TraceEvent, number>();
  const sender = new Map<number, HostId>();
  const zero = (): Record<HostId, number> => ({ client: 0, server: 0, "server-b": 0, relay: 0 });
  const listening = zero();
  const maxListeners = zero();
  const socketChars = zero();
  const noteSocket = (h: HostId, e: Endpoint) => {
    socketChars[h] = Math.max(socketChars[h], formatEndpoint(e).length);
  };
  const publicIp: Partial<Record<RouterId, string>> = {
    "client-nat": trace.scenario.client.nat?.publicIp,
    "server-nat": trace.scenario.server.nat?.publicIp,
    "server-b-nat": trace.scenario.fxp?.server.nat?.publicIp,
  };
  events.forEach((e, i) => {
    eventIndex.set(e, i);
    if (e.type === "send") sender.set(e.packet.id, e.node);
    const step = timeline.stepOfEvent[i] ?? 0;
    if (e.type === "connect" && !conns.has(e.conn)) {
      conns.set(e.conn, { ...records.get(e.conn)!, appear: step, last: step, failStep: null, lane: 0, natPublic: {}, accepted: null });
      noteSocket(e.host, e.from);
    }
    if (e.type === "listen") {
      listening[e.host]++;
      maxListeners[e.host] = Math.max(maxListeners[e.host], listening[e.host]);
      noteSocket(e.host, e.socket);
    } else if (e.type === "unlisten") listening[e.host] = Math.max(0, listening[e.host] - 1);
    const id = packetConn(e);
    const c = id === null ? undefined : conns.get(id);
    if (!c) return;
    const m = c as { -readonly [K in keyof DrawnConnection]: DrawnConnection[K] };
    m.last = Math.max(m.last, step);
    if (e.type === "established") {
      established.add(c.id);
      noteSocket(e.host, e.local);
    } else if (e.type === "closed" && !established.has(c.id) && m.failStep === null) m.failStep = step;
    else if (e.type === "deliver" && e.node !== c.initiator && !m.accepted) {
      m.accepted = { socket: e.packet.dst, step };
      noteSocket(e.node, e.packet.dst);
    }
    else if (e.type === "nat" && !c.natPublic[e.node]) {
      const ip = publicIp[e.node];
      const ep = [e.after.src, e.after.dst, e.before.src, e.before.dst].find((x) => x.ip === ip);
      if (ep) (m.natPublic as Partial<Record<RouterId, { endpoint: Endpoint; step: number }>>)[e.node] = { endpoint: ep, step };
    }
  });

  // Lanes: the control connection on top, each data connection in the lowest row free for all
  // the steps it may be drawn in, so nothing moves between steps.
  const sorted = [...conns.values()].sort((a, b) => a.appear - b.appear || a.id - b.id);
  const busyUntil: { control: number[]; data: number[] } = { control: [], data: [] };
  for (const c of sorted) {
    const rows = busyUntil[c.purpose];
    let row = rows.findIndex((until) => until < c.appear);
    if (row < 0) row = rows.length;
    rows[row] = Math.max(c.last, c.failStep ?? 0) + FAILED_LINGER;
    c.lane = row;
  }
  const controlLanes = Math.max(1, busyUntil.control.length);
  for (const c of sorted) if (c.purpose === "data") c.lane += controlLanes;
  const lanes = controlLanes + Math.max(1, busyUntil.data.length);
  return { conns, lanes, maxListeners, eventIndex, socketChars, sender };
}

/** Is this connection drawn at `step`? Closed ones are gone; failed ones stay a moment with their ✕. */
export function isVisible(c: ConnectionState, meta: DrawnConnection | undefined, step: number): boolean {
  if (c.phase === "closed") return false;
  if (c.phase === "failed") return meta?.failStep != null && step - meta.failStep < FAILED_LINGER;
  return true;
}

export type PortKind = "control" | "active-data" | "well-known" | "passive-range" | "ephemeral";

/** How the view draws a port; "passive-range" is the lessons' "passive range" (data-shape.ts) on the server. */
export function portKind(port: number, host: HostId, trace: Trace): PortKind {
  if (port === FTP_CONTROL_PORT) return "control";
  if (port === FTP_DATA_PORT) return "active-data";
  if (port < 1024) return "well-known";
  if (host === "server" && serverPortKind(port, trace.scenario) === "passive range") return "passive-range";
  if (host === "server-b" && port >= passiveRangeOf(trace.scenario, host)[0] && port <= passiveRangeOf(trace.scenario, host)[1]) return "passive-range";
  return "ephemeral";
}

export const PORT_KIND_LABEL: Record<PortKind, string> = {
  control: "port 21 · well-known",
  "active-data": "port 20 · well-known",
  "well-known": "well-known port",
  "passive-range": "passive-range port",
  ephemeral: "ephemeral port",
};

export function firewallName(config: FirewallConfig): string {
  return typeof config === "string" ? config : `custom (policy ${config.policy}${config.ftpHelper ? ", FTP helper" : ""})`;
}

export const isOpenFirewall = (config: FirewallConfig): boolean => config === "open";

/** The firewall's rule list as nft would print it, for its tooltip. */
export function firewallRules(trace: Trace, host: HostId): string[] {
  const rules = resolveFirewall(hostConfig(trace.scenario, host).firewall, passiveRangeOf(trace.scenario, host));
  return [...rules.rules.map((r, i) => `${i + 1}. ${formatRule(r)}`), `policy ${rules.policy}${rules.ftpHelper ? " (FTP helper on)" : ""}`];
}

export { formatEndpoint, isPrivateIp };

/** Each end's own socket as the view draws it after `step` (see DrawnConnection.accepted). */
export function socketsOf(trace: Trace, c: ConnectionState, meta: DrawnConnection | undefined, step: number): Partial<Record<HostId, Endpoint>> {
  const resp = responderOf(trace.scenario, c);
  if (c.sockets[resp] || c.phase === "connecting" || c.phase === "failed" || !meta?.accepted || meta.accepted.step > step) return c.sockets;
  return { ...c.sockets, [resp]: meta.accepted.socket };
}

// ---------------------------------------------------------------------------------------------
// The packet of a step

export interface PacketScene {
  readonly id: number;
  readonly conn: number;
  readonly purpose: Purpose;
  readonly from: HostId;
  readonly to: HostId;
  readonly packet: Packet;
  /** Its label as sent, and after the last NAT rewrite (the same when nothing rewrote the payload). */
  readonly label: string;
  readonly labelAfterNat: string;
  /** Where it stops: the receiving host, a host's firewall, a router, or the network. */
  readonly stopAt: NodeId;
  readonly fate: FateKind;
  readonly drop: EventOf<"drop"> | null;
  readonly check: FirewallCheck | null;
  readonly nat: readonly EventOf<"nat">[];
  readonly expects: readonly EventOf<"expect">[];
  /** "✕ policy drop": the text beside the ✕ at the wall. */
  readonly dropText: string | null;
  readonly description: string;
}

/** The mark beside a dropped packet: "✕ policy drop". */
function dropMarkText(d: EventOf<"drop">): string {
  return `✕ ${dropShort(d)}`;
}

export function packetScene(trace: Trace, timeline: Timeline, index: TraceIndex, step: number): PacketScene | null {
  const s = timeline.steps[step];
  const j = s?.packet;
  if (!s || !j) return null;
  const send = trace.events[j.send];
  if (send?.type !== "send") return null;
  const p = send.packet;
  const meta = index.conns.get(p.conn);
  const purpose: Purpose = meta?.purpose ?? (p.src.port === FTP_CONTROL_PORT || p.dst.port === FTP_CONTROL_PORT ? "control" : "data");
  const from = send.node;
  const to = packetReceiver(trace.scenario, from, p);
  const fateEvent = j.fate !== null ? trace.events[j.fate] : undefined;
  let stopAt: NodeId = to;
  const ending = fateEvent?.type === "deliver" || fateEvent?.type === "drop" ? fateEvent : null;
  const fate: FateKind = fateKind(ending);
  let drop: EventOf<"drop"> | null = null;
  let check: FirewallCheck | null = null;
  if (ending?.type === "deliver") {
    check = ending.check;
  } else if (ending?.type === "drop") {
    drop = ending;
    stopAt = ending.node;
    check = ending.check;
  } else stopAt = "network";
  const nat = j.nat.map((i) => trace.events[i]).filter((e): e is EventOf<"nat"> => e?.type === "nat");
  const expects = j.expect.map((i) => trace.events[i]).filter((e): e is EventOf<"expect"> => e?.type === "expect");
  const label = packetLabel(p, purpose);
  const lastNat = nat[nat.length - 1];
  const labelAfterNat = lastNat ? packetLabel(lastNat.after, purpose) : label;
  const description = `Packet ${p.id}: ${label} from ${formatEndpoint(p.src)} to ${formatEndpoint(p.dst)}, ${fateWords(ending, to, trace.scenario)}`;
  return { id: p.id, conn: p.conn, purpose, from, to, packet: p, label, labelAfterNat, stopAt, fate, drop, check, nat, expects, dropText: drop ? dropMarkText(drop) : null, description };
}

/** A host firewall's verdict on the step's packet, in a few words for its wall. */
export function decisionOf(trace: Trace, pkt: PacketScene | null): { host: HostId; ok: boolean; text: string; short: string } | null {
  const c = pkt?.check;
  if (!pkt || !c || isOpenFirewall(hostConfig(trace.scenario, c.firewall).firewall)) return null;
  const by = c.rule === null ? "policy" : `rule ${c.rule + 1}`;
  const verb = c.verdict === "accept" ? "accepted" : c.verdict === "reject" ? "rejected" : "dropped";
  const mark = c.verdict === "accept" ? "✓" : "✕";
  return { host: c.firewall, ok: c.verdict === "accept", text: `${mark} ${verb} by ${by}`, short: `${mark} ${by}` };
}

// ---------------------------------------------------------------------------------------------
// Notes beside the walls and routers

export type NoteSide = "client" | "network" | "server";
export type NoteTone = "drop" | "ok" | "nat" | "helper" | "info";

export interface Note {
  readonly side: NoteSide;
  readonly tone: NoteTone;
  readonly title: string;
  readonly lines: readonly string[];
}

/** The band's column for a node: a relay stands in the middle, server B with the servers. */
const sideOf = (n: NodeId): NoteSide => (n === "network" || n === "relay" ? "network" : n === "client" || n === "client-nat" ? "client" : "server");

function natChanges(e: EventOf<"nat">): string[] {
  const out: string[] = [];
  const a = e.before;
  const b = e.after;
  if (a.src.ip !== b.src.ip || a.src.port !== b.src.port) out.push(`from ${formatEndpoint(a.src)} → ${formatEndpoint(b.src)}`);
  if (a.dst.ip !== b.dst.ip || a.dst.port !== b.dst.port) out.push(`to ${formatEndpoint(a.dst)} → ${formatEndpoint(b.dst)}`);
  if (a.payload !== b.payload) {
    const first = (s: string) => s.split(/\r?\n/)[0] ?? "";
    out.push(`"${first(a.payload)}" → "${first(b.payload)}"`);
  }
  if (out.length === 0) out.push("no change");
  return out;
}

/** The notes of one step: the deciding rule, a drop's cause, a rewrite, an expectation, a timeout. */
export function notesAt(trace: Trace, timeline: Timeline, index: TraceIndex, step: number): Note[] {
  const s = timeline.steps[step];
  if (!s) return [];
  const notes: Note[] = [];
  const e = trace.events[s.event];
  const pkt = packetScene(trace, timeline, index, step);
  if (pkt) {
    const s = trace.scenario;
    const what = flagName(pkt.packet) === "ACK" && pkt.packet.payload.length > 0 ? "segment" : flagName(pkt.packet);
    for (const n of pkt.nat) {
      notes.push({ side: sideOf(n.node), tone: "nat", title: `${nodeName(n.node, s)} rewrites`, lines: [...natChanges(n), `(${n.rule})`] });
    }
    for (const x of pkt.expects) {
      const who = nodeName(x.node, s);
      const lines = [`expects ${x.from} → ${formatEndpoint(x.to)}`];
      if (x.natTo) lines.push(`and will forward it to ${formatEndpoint(x.natTo)}`);
      lines.push(`(read from ${x.announcement})`);
      notes.push({ side: sideOf(x.node), tone: "helper", title: `FTP helper of the ${who}`, lines });
    }
    if (pkt.drop) {
      const d = pkt.drop;
      if (d.check) {
        const rule = d.check.rule === null ? d.check.ruleText : `rule ${d.check.rule + 1}: ${d.check.ruleText}`;
        const lines = [rule, `conntrack state: ${d.check.ctState}`];
        if (d.check.verdict === "reject") lines.push("answers with a TCP RST");
        notes.push({ side: sideOf(d.node), tone: "drop", title: `✕ ${nodeName(d.node, s)} ${pkt.fate} the ${what}`, lines });
      } else {
        notes.push({ side: sideOf(d.node), tone: "drop", title: `✕ ${d.node === "network" ? fateWords(d, pkt.to, s) : `${nodeName(d.node, s)} dropped the ${what}`}`, lines: [d.reason] });
      }
    } else if (pkt.check && pkt.fate === "delivered" && !isOpenFirewall(hostConfig(trace.scenario, pkt.to).firewall)) {
      const c = pkt.check;
      const rule = c.rule === null ? c.ruleText : `rule ${c.rule + 1}: ${c.ruleText}`;
      notes.push({ side: sideOf(pkt.to), tone: "ok", title: `✓ ${nodeName(pkt.to, s)} lets the ${what} in`, lines: [rule, `conntrack state: ${c.ctState}`] });
    }
  } else if (e?.type === "timeout") {
    const waited = ((e.t - e.since) / 1000).toFixed(1);
    const doing = e.what === "connect" ? `connecting to ${formatEndpoint(e.socket)}` : `waiting for a connection on ${formatEndpoint(e.socket)}`;
    notes.push({ side: sideOf(e.host), tone: "drop", title: `✕ ${hostName(trace.scenario, e.host)} gives up`, lines: [`${doing} after ${waited} s`] });
  } else if (e?.type === "note") {
    notes.push({ side: sideOf(e.host), tone: "info", title: `${hostName(trace.scenario, e.host)} decides`, lines: [e.text] });
  } else if (e?.type === "listen") {
    notes.push({ side: sideOf(e.host), tone: "info", title: `${hostName(trace.scenario, e.host)} listens`, lines: [`on ${formatEndpoint(e.socket)} (${e.purpose})`] });
  } else if (e?.type === "unlisten") {
    notes.push({ side: sideOf(e.host), tone: "info", title: `${hostName(trace.scenario, e.host)} stops listening`, lines: [`on ${formatEndpoint(e.socket)}`] });
  }
  return notes;
}


// ---------------------------------------------------------------------------------------------
// The world at a step, as the view draws it

export interface RecentDrop {
  readonly node: NodeId;
  readonly lane: number;
  readonly from: HostId;
  readonly step: number;
  readonly text: string;
}

/** Drops of the last few steps (not the current packet's), for the small ✕ they leave. */
export function recentDrops(world: World, index: TraceIndex, timeline: Timeline, step: number, current: number | null): RecentDrop[] {
  const out: RecentDrop[] = [];
  for (const d of world.drops) {
    if (d.packet.id === current) continue;
    const i = index.eventIndex.get(d);
    const at = i === undefined ? -1 : (timeline.stepOfEvent[i] ?? -1);
    if (step - at >= DROP_LINGER) continue;
    const meta = index.conns.get(d.packet.conn);
    const from: HostId = index.sender.get(d.packet.id) ?? (d.node === "client" || d.node === "client-nat" ? "server" : "client");
    const drop = { node: d.node, lane: meta?.lane ?? 0, from, step: at, text: dropMarkText(d) };
    // A retried SYN dropped at the same face leaves its ✕ where the first one did: one mark, the latest.
    const same = out.findIndex((o) => o.node === drop.node && o.lane === drop.lane && o.from === drop.from);
    if (same >= 0) out[same] = drop;
    else out.push(drop);
  }
  return out;
}

/** How many packets each node has dropped so far. */
export function dropCounts(world: World): Partial<Record<NodeId, number>> {
  const counts: Partial<Record<NodeId, number>> = {};
  for (const d of world.drops) counts[d.node] = (counts[d.node] ?? 0) + 1;
  return counts;
}

const stepWords: Record<string, string> = {
  listen: "a socket starts listening",
  unlisten: "a socket stops listening",
  timeout: "a timeout",
  note: "a decision",
  login: "the login's outcome",
  "transfer-end": "a transfer ends",
  "session-end": "the session ends",
};

/** A sentence or three for screen readers: the step, its packet, the connections and listeners. */
export function summaryOf(trace: Trace, timeline: Timeline, index: TraceIndex, step: number, world: World): string {
  const s = timeline.steps[step];
  const parts: string[] = [`Step ${step + 1} of ${timeline.steps.length}.`];
  const pkt = packetScene(trace, timeline, index, step);
  if (pkt) parts.push(`${pkt.description}.`);
  else if (s) parts.push(`Step: ${stepWords[s.kind] ?? s.kind}.`);
  for (const n of notesAt(trace, timeline, index, step)) parts.push(`${n.title}: ${n.lines.join("; ")}.`);
  const conns = world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step));
  if (conns.length === 0) parts.push("No connections.");
  for (const c of conns) {
    const sockets = socketsOf(trace, c, index.conns.get(c.id), step);
    const ends = hostsOf(trace.scenario).map((h) => sockets[h]).filter((x): x is Endpoint => !!x).map(formatEndpoint);
    parts.push(`${c.purpose === "control" ? "Control" : "Data"} connection opened by ${theHost(trace.scenario, c.initiator)}, ${c.phase}${ends.length ? ` (${ends.join(" ↔ ")})` : ""}.`);
  }
  if (world.listeners.length > 0) parts.push(`Listening: ${world.listeners.map((l) => `${hostName(trace.scenario, l.host)} ${formatEndpoint(l.socket)}`).join(", ")}.`);
  return parts.join(" ");
}
