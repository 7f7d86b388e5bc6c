/**
 * What every box knows after a step: each host's sockets (as `ss -tan` lists them), each host
 * firewall's connection tracking table and the data connections its FTP helper expects (as
 * `conntrack -L` and `conntrack -L expect` list them), which rule would decide a new data
 * connection now, and each NAT router's mappings and what its helper rewrote. The lessons talk
 * about exactly this state; the trace shows it only packet by packet.
 *
 * It is read from the trace, never kept beside it: a firewall's table is rebuilt by replaying the
 * trace's packets, in order, through the simulator's own Firewall (the code that decided them),
 * so the table cannot disagree with the verdicts on screen. Each row names the event that made
 * it, for the view to link to its step.
 */
import { sameEndpoint, type Endpoint } from "../net/addresses";
import type { CtEntry, Tuple } from "../net/conntrack";
import { Firewall } from "../net/firewall";
import { FTP_CONTROL_PORT } from "../net/ftp-ports";
import { readAnnouncement, type AnnouncementKind } from "../net/ftp-helper";
import { otherHost, routerOfHost } from "../net/hosts";
import { hostConfig, hostsOf, passiveRangeOf } from "../scenario/hosts";
import { natKindOf, type NatKind } from "../net/nat-kinds";
import { isSyn, type Packet } from "../net/packet";
import { formatRule } from "../net/rule-text";
import { resolveFirewall } from "../scenario/presets";
import type { Scenario } from "../scenario/schema";
import { connectionsOf } from "./connections";
import { TraceWriter, type EventOf, type FirewallCheck, type HostId, type Purpose, type RouterId, type TraceEvent } from "./events";
import type { Timeline } from "./steps";
import type { Trace } from "./trace";

/** nf_conntrack_ftp's expectation timeout (its helper policy: 5 * 60 seconds). */
export const FTP_EXPECT_TIMEOUT_S = 300;

/** A socket's state in `ss` words; a closed socket is gone from the list. */
export type SocketState = "LISTEN" | "SYN-SENT" | "ESTAB" | "FIN-WAIT" | "CLOSE-WAIT";

export interface SocketRow {
  readonly state: SocketState;
  readonly local: Endpoint;
  /** The other end; null for a listening socket. */
  readonly remote: Endpoint | null;
  readonly purpose: Purpose;
  /** The transfer a data socket serves (position in scenario.commands), when known. */
  readonly transfer: number | null;
  /** How the program got it: listen(), connect(), or accept() on a listening socket. */
  readonly opened: "listen" | "connect" | "accept";
  /** The event that made it (its last change of state). */
  readonly since: number;
}

/** A TCP conntrack state in `conntrack -L` words, as far as the model tracks TCP. */
export type CtTcpState = "SYN_SENT" | "SYN_RECV" | "ESTABLISHED" | "FIN_WAIT" | "TIME_WAIT" | "CLOSE";

export interface ConntrackRow {
  readonly id: number;
  /** As the first packet was seen, and what a reply looks like. */
  readonly orig: Tuple;
  readonly reply: Tuple;
  readonly state: CtTcpState;
  /** No packet has gone the other way yet ([UNREPLIED]). */
  readonly unreplied: boolean;
  /** The FTP helper reads this connection (helper=ftp). */
  readonly helper: boolean;
  /** The entry whose helper expected this one, for a RELATED connection. */
  readonly master: number | null;
  readonly purpose: Purpose | null;
  readonly since: number;
}

export interface ExpectationRow {
  /** Where the expected connection will come from (any port), and go to. */
  readonly from: string;
  readonly to: Endpoint;
  /** A NAT helper's: where it forwards the connection once it arrives. */
  readonly natTo: Endpoint | null;
  /** The control connection's entry whose helper read the announcement (a host firewall's). */
  readonly master: number | null;
  readonly announcement: AnnouncementKind;
  readonly secondsLeft: number;
  readonly since: number;
}

/** A new data connection as it would reach the firewall now, and what its rules would do with it. */
export interface NextConnection {
  readonly announcement: AnnouncementKind;
  readonly packet: Pick<Packet, "src" | "dst">;
  readonly check: FirewallCheck;
  /** The announcement it follows. */
  readonly since: number;
}

export interface FirewallState {
  readonly helper: boolean;
  /** The INPUT chain as the firewall reads it, and its policy. */
  readonly rules: readonly string[];
  readonly policy: string;
  readonly entries: readonly ConntrackRow[];
  readonly expectations: readonly ExpectationRow[];
  /** Null unless the latest announcement names a socket of this host. */
  readonly next: NextConnection | null;
}

export interface HostState {
  readonly host: HostId;
  readonly ip: string;
  readonly sockets: readonly SocketRow[];
  readonly firewall: FirewallState;
}

export interface MappingRow {
  readonly conn: number;
  readonly purpose: Purpose | null;
  /** The inside host's own socket, its public face, and the far end. */
  readonly inside: Endpoint;
  readonly outside: Endpoint;
  readonly remote: Endpoint;
  /** What made it: outbound masquerade, a port forward, the helper's expectation. */
  readonly rule: string;
  readonly since: number;
}

export interface RewriteRow {
  readonly before: string;
  readonly after: string;
  readonly since: number;
}

export interface RouterState {
  readonly router: RouterId;
  /** A home router, a cloud's security group + 1:1 NAT, a Docker host (nat-kinds.ts): what to call it. */
  readonly kind: NatKind;
  readonly publicIp: string;
  readonly insideIp: string;
  readonly helper: boolean;
  readonly mappings: readonly MappingRow[];
  readonly expectations: readonly ExpectationRow[];
  readonly rewrites: readonly RewriteRow[];
}

export interface BoxState {
  readonly hosts: readonly HostState[];
  readonly routers: readonly RouterState[];
}

/** What every box knows after step `step` (every event of steps 0..step). */
export function boxStateAt(trace: Trace, timeline: Timeline, step: number): BoxState {
  const { events, scenario } = trace;
  // The events of steps 0..step, as worldAt counts them: a packet's arrival belongs to its step, not to the steps between.
  const upTo = events.flatMap((_, i) => (timeline.stepOfEvent[i]! <= step ? [i] : []));
  const t = upTo.length > 0 ? events[upTo[upTo.length - 1]!]!.t : 0;
  const conns = connectionsOf(events);
  const purposeOf = (conn: number) => conns.get(conn)?.purpose ?? null;

  const hosts = hostsOf(scenario).map((host) => ({
    host,
    ip: hostConfig(scenario, host).ip,
    sockets: socketsOf(events, upTo, host, (conn) => conns.get(conn)?.transfer ?? null),
    firewall: firewallState(replayFirewall(scenario, host, events, upTo), host, scenario, events, upTo, t, purposeOf),
  }));
  const routers = hostsOf(scenario).flatMap((host) => {
    const router = routerOfHost(host);
    const site = hostConfig(scenario, host);
    return host !== "relay" && site.nat ? [{ ...routerState(router, site.nat.publicIp, site.ip, site.nat.ftpHelper, events, upTo, t, purposeOf), kind: natKindOf(site.nat) }] : [];
  });
  return { hosts, routers };
}

/**
 * The host's firewall after the events `upTo`: every packet the host sent (outbound: tracked) and
 * every packet delivered to it (inbound: decided and tracked), in trace order, as network.ts fed
 * it; a dropped packet changes nothing. `since`: the event at which each entry appeared.
 */
export function replayFirewall(scenario: Scenario, host: HostId, events: readonly TraceEvent[], upTo: readonly number[]) {
  const fw = new Firewall(host, resolveFirewall(hostConfig(scenario, host).firewall, passiveRangeOf(scenario, host)), new TraceWriter({ now: 0 }));
  const since = new Map<number, number>();
  // Entries whose SYN-ACK has gone by with nothing after it yet: conntrack's SYN_RECV.
  const synRecv = new Set<number>();
  for (const i of upTo) {
    const e = events[i]!;
    if (e.type === "send" && e.node === host) fw.outbound(e.packet);
    else if (e.type === "deliver" && e.node === host) fw.inbound(e.packet);
    else continue;
    for (const entry of fw.table.entries()) if (!since.has(entry.id)) since.set(entry.id, i);
    const p = e.packet;
    const entry = fw.table.current(p)?.entry;
    if (entry && p.flags.includes("SYN") && p.flags.includes("ACK")) synRecv.add(entry.id);
    else if (entry) synRecv.delete(entry.id);
  }
  return { fw, since, synRecv };
}

function firewallState(
  replayed: ReturnType<typeof replayFirewall>,
  host: HostId,
  scenario: Scenario,
  events: readonly TraceEvent[],
  upTo: readonly number[],
  t: number,
  purposeOf: (conn: number) => Purpose | null,
): FirewallState {
  const { fw, since, synRecv } = replayed;
  const entries = fw.table.entries().map((entry) => conntrackRow(entry, since.get(entry.id) ?? 0, synRecv.has(entry.id), events, purposeOf));
  const expectations = fw.table.pending().map((x): ExpectationRow => {
    // The helper's own report of it: the `expect` event it wrote when it read the announcement.
    const made = lastIndex(events, upTo, (e) => e.type === "expect" && e.node === host && e.from === x.from && sameEndpoint(e.to, x.to));
    const event = events[made];
    return {
      from: x.from,
      to: x.to,
      natTo: null,
      master: x.master.id,
      announcement: event?.type === "expect" ? event.announcement : "PORT",
      secondsLeft: secondsLeft(event?.t ?? 0, t),
      since: Math.max(0, made),
    };
  });
  return {
    helper: fw.config.ftpHelper,
    rules: fw.config.rules.map(formatRule),
    policy: fw.config.policy,
    entries,
    expectations,
    next: nextConnection(fw, host, scenario, events, upTo),
  };
}

function lastIndex(events: readonly TraceEvent[], upTo: readonly number[], match: (e: TraceEvent) => boolean): number {
  for (let k = upTo.length - 1; k >= 0; k--) if (match(events[upTo[k]!]!)) return upTo[k]!;
  return -1;
}

function conntrackRow(entry: CtEntry, since: number, synRecv: boolean, events: readonly TraceEvent[], purposeOf: (conn: number) => Purpose | null): ConntrackRow {
  const made = events[since];
  return {
    id: entry.id,
    orig: entry.orig,
    reply: entry.reply,
    state: tcpStateOf(entry, synRecv),
    unreplied: !entry.seenReply,
    helper: entry.helper,
    master: entry.master,
    purpose: made && (made.type === "send" || made.type === "deliver") ? purposeOf(made.packet.conn) : null,
    since,
  };
}

/** nf_conntrack_proto_tcp's states, as far as the model's entry and its last packet tell them. */
function tcpStateOf(entry: CtEntry, synRecv: boolean): CtTcpState {
  if (entry.reset) return "CLOSE";
  if (entry.finOrig && entry.finReply) return "TIME_WAIT";
  if (entry.finOrig || entry.finReply) return "FIN_WAIT";
  if (!entry.seenReply) return "SYN_SENT";
  return synRecv ? "SYN_RECV" : "ESTABLISHED";
}

function secondsLeft(madeAt: number, now: number): number {
  return Math.max(0, FTP_EXPECT_TIMEOUT_S - Math.floor((now - madeAt) / 1000));
}

/**
 * The data connection the latest announcement asks for, probed against this host's firewall as
 * it stands: the session's own SYN for it when one comes, else the usual one. PORT and EPRT name
 * the client's socket: the server dials it, by default from port 20 (RFC 959 §3.2: the server's
 * default data port is L-1). 227 and 229 name the server's: the client dials it from an
 * ephemeral port (RFC 959 §4.1.1 PASV, RFC 2428 §3 EPSV).
 */
function nextConnection(fw: Firewall, host: HostId, scenario: Scenario, events: readonly TraceEvent[], upTo: readonly number[]): NextConnection | null {
  const conns = connectionsOf(events);
  for (let k = upTo.length - 1; k >= 0; k--) {
    const i = upTo[k]!;
    const e = events[i]!;
    if (e.type !== "send" || e.packet.payload.length === 0 || e.packet.encrypted || conns.get(e.packet.conn)?.purpose !== "control") continue;
    const a = readAnnouncement(e.packet.payload, e.node === "client" ? "orig" : "reply", e.packet.src.ip);
    if (!a) continue;
    const announcer: HostId = a.kind === "PORT" || a.kind === "EPRT" ? "client" : "server";
    // The latest announcement is the data connection the session waits for, toward the announcer.
    if (announcer !== host) return null;
    // As it reaches this host: from the other end of the control connection as this host sees it.
    const peer = controlPeerOf(events, upTo, host);
    if (!peer) return null;
    // The session's own SYN for it, as it reached this host, when one comes; else the usual one.
    const arrived = events.slice(i).find((x): x is EventOf<"deliver" | "drop"> => (x.type === "deliver" || x.type === "drop") && x.node === host && isSyn(x.packet) && x.packet.dst.port === a.endpoint.port);
    const sport = announcer === "client" ? FTP_CONTROL_PORT - 1 : hostConfig(scenario, otherHost(host)).ephemeralPorts[0];
    const src = arrived ? arrived.packet.src : { ip: peer.ip, port: sport };
    const packet: Packet = { id: -1, conn: -1, src, dst: { ip: hostConfig(scenario, host).ip, port: a.endpoint.port }, flags: ["SYN"], seq: 0, ack: 0, payload: "", encrypted: false, attempt: 0 };
    return { announcement: a.kind, packet: { src: packet.src, dst: packet.dst }, check: fw.probe(packet), since: i };
  }
  return null;
}

/** The control connection's far end as `host` saw it once established. */
function controlPeerOf(events: readonly TraceEvent[], upTo: readonly number[], host: HostId): Endpoint | null {
  for (const i of upTo) {
    const e = events[i]!;
    if (e.type === "established" && e.host === host && e.purpose === "control") return e.remote;
  }
  return null;
}

/** Each host's sockets after the events `upTo`, in the order they reached their state. */
function socketsOf(events: readonly TraceEvent[], upTo: readonly number[], host: HostId, transferOf: (conn: number) => number | null): SocketRow[] {
  const listening: SocketRow[] = [];
  const byConn = new Map<number, SocketRow>();
  const closing = (conn: number, state: SocketState, i: number) => {
    const row = byConn.get(conn);
    if (row && row.state === "ESTAB") byConn.set(conn, { ...row, state, since: i });
  };
  for (const i of upTo) {
    const e = events[i]!;
    switch (e.type) {
      case "listen":
        if (e.host === host) listening.push({ state: "LISTEN", local: e.socket, remote: null, purpose: e.purpose, transfer: null, opened: "listen", since: i });
        break;
      case "unlisten":
        if (e.host === host) {
          const k = listening.findIndex((l) => sameEndpoint(l.local, e.socket));
          if (k >= 0) listening.splice(k, 1);
        }
        break;
      case "connect":
        if (e.host === host) byConn.set(e.conn, { state: "SYN-SENT", local: e.from, remote: e.to, purpose: e.purpose, transfer: transferOf(e.conn), opened: "connect", since: i });
        break;
      case "established":
        if (e.host === host) {
          const was = byConn.get(e.conn);
          byConn.set(e.conn, { state: "ESTAB", local: e.local, remote: e.remote, purpose: e.purpose, transfer: transferOf(e.conn), opened: was ? was.opened : "accept", since: i });
        }
        break;
      // Who sends its FIN first waits for the other's (FIN-WAIT); who receives it first, for its program (CLOSE-WAIT).
      case "send":
        if (e.node === host && e.packet.flags.includes("FIN")) closing(e.packet.conn, "FIN-WAIT", i);
        break;
      case "deliver":
        if (e.node === host && e.packet.flags.includes("FIN")) closing(e.packet.conn, "CLOSE-WAIT", i);
        break;
      case "closed":
        if (e.host === host) byConn.delete(e.conn);
        break;
      default:
        break;
    }
  }
  return [...listening, ...byConn.values()].sort((a, b) => a.since - b.since);
}

/**
 * A NAT router's view, read from its `nat` events (each packet before and after): a connection's
 * first crossing makes its mapping; a changed payload is its FTP helper at work (nf_nat_ftp); an
 * `expect` at the router is a data port it opened, met when a connection arrives at that port.
 */
function routerState(
  router: RouterId,
  publicIp: string,
  insideIp: string,
  helper: boolean,
  events: readonly TraceEvent[],
  upTo: readonly number[],
  t: number,
  purposeOf: (conn: number) => Purpose | null,
): Omit<RouterState, "kind"> {
  const mappings = new Map<number, MappingRow>();
  const rewrites: RewriteRow[] = [];
  let expectations: ExpectationRow[] = [];
  for (const i of upTo) {
    const e = events[i]!;
    if (e.type === "expect" && e.node === router) {
      expectations = expectations.filter((x) => !sameEndpoint(x.to, e.to));
      expectations.push({ from: e.from, to: e.to, natTo: e.natTo, master: null, announcement: e.announcement, secondsLeft: secondsLeft(e.t, t), since: i });
    }
    if (e.type !== "nat" || e.node !== router) continue;
    const outbound = e.before.src.ip === insideIp && e.before.dst.ip !== publicIp;
    if (!mappings.has(e.before.conn)) {
      const ends = outbound ? { inside: e.before.src, outside: e.after.src, remote: e.before.dst } : { inside: e.after.dst, outside: e.before.dst, remote: e.before.src };
      mappings.set(e.before.conn, { conn: e.before.conn, purpose: purposeOf(e.before.conn), ...ends, rule: e.rule.split(";")[0]!, since: i });
      if (!outbound) expectations = expectations.filter((x) => !sameEndpoint(x.to, e.before.dst));
    }
    if (e.before.payload !== e.after.payload) rewrites.push({ before: e.before.payload.trimEnd(), after: e.after.payload.trimEnd(), since: i });
  }
  return { router, publicIp, insideIp, helper, mappings: [...mappings.values()], expectations, rewrites };
}
