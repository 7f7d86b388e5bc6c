/**
 * Questions a test asks of a simulated trace: which events, which transfer and how it ended,
 * which connections, which packets, which drops, what was said on the control connection.
 *
 * Why here: the simulator's tests and lab() (./lab.ts) ask the same questions of the same traces,
 * so they read them one way. Everything reads what simulate() returns (the events and the result
 * summary) or what sim/ already derives from them for the views; nothing re-implements the simulator.
 */
import { expect } from "vitest";
import { connectionsOf, type ConnectionInfo, type Endpoint, type EventOf, type HostId, type Packet, type Purpose, type Trace, type TraceEvent, type TransferResult } from "@/sim/index";
import { describeFlags } from "@/sim/net/packet";

export function eventsOf<T extends TraceEvent["type"]>(trace: Trace, type: T): EventOf<T>[] {
  return trace.events.filter((e): e is EventOf<T> => e.type === type);
}

// Transfers -----------------------------------------------------------------------------------

const verbOf = (command: string): string => command.split(" ")[0]!.toUpperCase();

/** The first transfer whose command starts with `verb` ("RETR" finds "RETR hello.txt"). */
export function transferOf(trace: Trace, verb: string, nth = 0): TransferResult {
  const found = trace.result.transfers.filter((t) => verbOf(t.command) === verb.toUpperCase());
  const t = found[nth];
  if (!t) throw new Error(`no ${verb} transfer #${nth} in [${trace.result.transfers.map((x) => x.command).join(", ")}]`);
  return t;
}

/** The events from a transfer's transfer-start to its transfer-end, inclusive. */
export function transferEvents(trace: Trace, index: number): TraceEvent[] {
  const start = trace.events.findIndex((e) => e.type === "transfer-start" && e.index === index);
  if (start < 0) throw new Error(`transfer ${index} never started`);
  const end = trace.events.findIndex((e, i) => i > start && e.type === "transfer-end" && e.index === index);
  return trace.events.slice(start, end < 0 ? undefined : end + 1);
}

/** Who opened the data connection (or tried to): the established one, else the last attempt. */
function dataInitiator(t: TransferResult): HostId | null {
  return t.data?.initiator ?? t.attempt?.initiator ?? null;
}

/** The server's end of the data connection, established or attempted. */
export function serverDataEndpoint(t: TransferResult): Endpoint | null {
  if (t.data) return t.data.server;
  if (!t.attempt) return null;
  return t.attempt.initiator === "server" ? t.attempt.from : t.attempt.to;
}

/** The client's end of the data connection, established or attempted. */
export function clientDataEndpoint(t: TransferResult): Endpoint | null {
  if (t.data) return t.data.client;
  if (!t.attempt) return null;
  return t.attempt.initiator === "client" ? t.attempt.from : t.attempt.to;
}

export interface TransferExpectation {
  result?: "ok" | "failed";
  reply?: number | null;
  lastReply?: number | null;
  modeCommand?: TransferResult["modeCommand"];
  modeReply?: number | null;
  /** Who opened (or tried to open) the data connection. */
  initiator?: HostId;
  /** The server's data port, or an inclusive range it must lie in. */
  serverPort?: number | readonly [number, number];
  serverIp?: string;
  clientIp?: string;
  clientPort?: number | readonly [number, number];
  bytes?: number;
}

const inRange = (port: number | undefined, spec: number | readonly [number, number]): boolean =>
  port !== undefined && (typeof spec === "number" ? port === spec : port >= spec[0] && port <= spec[1]);

/** Asserts a transfer's summary; every field left out is not checked. Returns the transfer. */
export function expectTransfer(trace: Trace, verb: string, want: TransferExpectation): TransferResult {
  const t = transferOf(trace, verb);
  const label = `${t.command} (cause: ${t.cause ?? "none"})`;
  if (want.result !== undefined) expect(t.result, label).toBe(want.result);
  if (want.reply !== undefined) expect(t.reply, label).toBe(want.reply);
  if (want.lastReply !== undefined) expect(t.lastReply, label).toBe(want.lastReply);
  if (want.modeCommand !== undefined) expect(t.modeCommand, label).toBe(want.modeCommand);
  if (want.modeReply !== undefined) expect(t.modeReply, label).toBe(want.modeReply);
  if (want.initiator !== undefined) expect(dataInitiator(t), `${label}: who opened the data connection`).toBe(want.initiator);
  const server = serverDataEndpoint(t);
  const client = clientDataEndpoint(t);
  if (want.serverPort !== undefined) {
    expect(server, `${label}: server data endpoint`).not.toBeNull();
    expect(inRange(server?.port, want.serverPort), `${label}: server data port ${server?.port} in ${String(want.serverPort)}`).toBe(true);
  }
  if (want.serverIp !== undefined) expect(server?.ip, `${label}: server data address`).toBe(want.serverIp);
  if (want.clientIp !== undefined) expect(client?.ip, `${label}: client data address`).toBe(want.clientIp);
  if (want.clientPort !== undefined) {
    expect(inRange(client?.port, want.clientPort), `${label}: client data port ${client?.port} in ${String(want.clientPort)}`).toBe(true);
  }
  if (want.bytes !== undefined) expect(t.bytes, label).toBe(want.bytes);
  return t;
}

// Connections ---------------------------------------------------------------------------------

export interface ConnectionFilter {
  purpose?: Purpose;
  /** The host whose application called connect (and whose TCP sent the first SYN). */
  initiator?: HostId;
  from?: Partial<Endpoint>;
  to?: Partial<Endpoint>;
  transfer?: number | null;
}

const endpointMatches = (e: Endpoint, want: Partial<Endpoint> | undefined): boolean =>
  want === undefined || ((want.ip === undefined || e.ip === want.ip) && (want.port === undefined || e.port === want.port));

/** Every connection an application asked for, as the views read it (a data connection's transfer is the window it opened in). */
export function connections(trace: Trace, filter: ConnectionFilter = {}): ConnectionInfo[] {
  return [...connectionsOf(trace.events).values()]
    .filter(
      (c) =>
        (filter.purpose === undefined || c.purpose === filter.purpose) &&
        (filter.initiator === undefined || c.initiator === filter.initiator) &&
        (filter.transfer === undefined || c.transfer === filter.transfer) &&
        endpointMatches(c.from, filter.from) &&
        endpointMatches(c.to, filter.to),
    );
}

// Packets -------------------------------------------------------------------------------------

/** What describeFlags calls a segment: "SYN", "SYN-ACK", "RST", "FIN", "data" or "ACK". */
export type SegmentKind = ReturnType<typeof describeFlags>;

export interface PacketFilter {
  conn?: number;
  /** The host that put the segment on the wire. */
  node?: HostId;
  kind?: SegmentKind;
  src?: Partial<Endpoint>;
  dst?: Partial<Endpoint>;
  payload?: string | RegExp;
  /** 0 for first transmissions, n for the n-th retransmission. */
  attempt?: number;
}

export interface SentPacket {
  readonly t: number;
  readonly node: HostId;
  readonly packet: Packet;
}

/** Every segment a host sent (send events, before any NAT rewrite), filtered. */
export function packets(trace: Trace, filter: PacketFilter | ((p: SentPacket) => boolean) = {}): SentPacket[] {
  const sent = eventsOf(trace, "send").map((e): SentPacket => ({ t: e.t, node: e.node, packet: e.packet }));
  if (typeof filter === "function") return sent.filter(filter);
  return sent.filter(({ node, packet: p }) => {
    if (filter.conn !== undefined && p.conn !== filter.conn) return false;
    if (filter.node !== undefined && node !== filter.node) return false;
    if (filter.kind !== undefined && describeFlags(p) !== filter.kind) return false;
    if (filter.attempt !== undefined && p.attempt !== filter.attempt) return false;
    if (!endpointMatches(p.src, filter.src) || !endpointMatches(p.dst, filter.dst)) return false;
    if (filter.payload !== undefined) {
      if (typeof filter.payload === "string" ? p.payload !== filter.payload : !filter.payload.test(p.payload)) return false;
    }
    return true;
  });
}

/** Every drop event (firewall, NAT router, network), optionally filtered. */
export function drops(trace: Trace, keep: (d: EventOf<"drop">) => boolean = () => true): EventOf<"drop">[] {
  return eventsOf(trace, "drop").filter(keep);
}

// Control connection --------------------------------------------------------------------------

/** The command lines the client sent, in order. */
export function commandLines(trace: Trace): string[] {
  return eventsOf(trace, "command").map((c) => c.line);
}

/** Pairs each reply line of the transcript with the client command it answers (null: the greeting). */
export function exchanges(trace: Trace): { command: string | null; line: string; t: number }[] {
  const out: { command: string | null; line: string; t: number }[] = [];
  let last: string | null = null;
  for (const l of trace.result.transcript) {
    if (l.from === "client") last = l.line;
    else out.push({ command: last, line: l.line, t: l.t });
  }
  return out;
}
