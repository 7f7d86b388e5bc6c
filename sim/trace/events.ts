/**
 * The trace: every event of a simulated session, in time order. It is the one interface
 * between the simulator and everything that shows or checks it (views, lessons, CLI, tests).
 * Events are plain JSON so a trace serialises the same way every time.
 */
import type { Endpoint } from "../net/addresses";
import type { CtState } from "../net/conntrack";
import type { AnnouncementKind } from "../net/ftp-helper";
import type { Packet } from "../net/packet";

export type HostId = "client" | "server" | "server-b" | "relay";
export type RouterId = "client-nat" | "server-nat" | "server-b-nat";
/** Where something happens: a host, a NAT router, or the network between them. */
export type NodeId = HostId | RouterId | "network";
export type Purpose = "control" | "data";
export type Verdict = "accept" | "drop" | "reject";

/** What a host firewall decided about one inbound packet, and why. */
export interface FirewallCheck {
  readonly firewall: HostId;
  readonly ctState: CtState;
  /** Index of the deciding rule in the firewall's rule list; null when the policy decided. */
  readonly rule: number | null;
  /** The rule as nft would print it, e.g. "ct state established,related accept" or "policy drop". */
  readonly ruleText: string;
  readonly verdict: Verdict;
}

export type CloseReason = "fin" | "reset" | "refused" | "timeout" | "aborted";

interface At {
  /** Virtual time, ms since the session began. */
  readonly t: number;
}

export type TraceEvent =
  | (At & { type: "session-start" })
  | (At & { type: "session-end"; reason: "done" | "time-limit" })
  /**
   * An application asked its TCP to connect: the SYN that follows comes from `host`. The transfer
   * a data connection (or listener) serves is not written here: it is the transfer window it
   * opened in (transfers.ts).
   */
  | (At & { type: "connect"; conn: number; host: HostId; purpose: Purpose; from: Endpoint; to: Endpoint })
  | (At & { type: "listen"; host: HostId; socket: Endpoint; purpose: Purpose })
  | (At & { type: "unlisten"; host: HostId; socket: Endpoint })
  /** A host put a segment on the wire. */
  | (At & { type: "send"; node: HostId; packet: Packet })
  /** A NAT router rewrote a packet (addresses, and with its FTP helper, the payload). */
  | (At & { type: "nat"; node: RouterId; before: Packet; after: Packet; rule: string })
  /** A segment reached its host and passed its firewall. */
  | (At & { type: "deliver"; node: HostId; packet: Packet; check: FirewallCheck })
  /** A segment went no further: a firewall dropped or rejected it, a router had no mapping, no route. */
  | (At & { type: "drop"; node: NodeId; packet: Packet; check: FirewallCheck | null; reason: string })
  /** A conntrack helper read a data address on the control connection and now expects that connection. */
  | (At & { type: "expect"; node: HostId | RouterId; packetId: number; announcement: AnnouncementKind; from: string; to: Endpoint; natTo: Endpoint | null })
  | (At & { type: "established"; conn: number; host: HostId; local: Endpoint; remote: Endpoint; purpose: Purpose })
  | (At & { type: "closed"; conn: number; host: HostId; local: Endpoint; remote: Endpoint; purpose: Purpose; reason: CloseReason })
  /** An application stopped waiting for a connection. */
  | (At & { type: "timeout"; host: HostId; what: "connect" | "accept"; since: number; conn: number | null; socket: Endpoint })
  | (At & { type: "command"; conn: number; packetId: number; line: string; encrypted: boolean })
  | (At & { type: "reply"; conn: number; packetId: number; code: number; text: string; encrypted: boolean })
  | (At & { type: "tls"; conn: number; host: HostId; phase: "start" | "secure" })
  /** A decision of the client or server in words (curl's "Failed EPSV attempt. Disabling EPSV."). */
  | (At & { type: "note"; host: HostId; text: string })
  /** The client's verdict on logging in: 230 seen, or the reply that refused it (null: no reply). */
  | (At & { type: "login"; result: "ok" | "failed"; reply: number | null })
  | (At & { type: "transfer-start"; index: number; command: string })
  | (At & {
      type: "transfer-end";
      index: number;
      command: string;
      modeCommand: ModeCommand | null;
      modeReply: number | null;
      result: "ok" | "failed";
      reply: number | null;
      /** The client's own words for a failure the trace alone cannot name. */
      clientCause: string | null;
      bytes: number;
    });

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as a module reports it; the writer stamps the time. */
export type TraceEventInput = DistributiveOmit<TraceEvent, "t">;

export type ModeCommand = "PORT" | "PASV" | "EPRT" | "EPSV";
export type TraceEventType = TraceEvent["type"];
export type EventOf<T extends TraceEventType> = Extract<TraceEvent, { type: T }>;

/** Appends events; the simulator's modules share one. */
export class TraceWriter {
  events: TraceEvent[] = [];
  private packetIds = 1;
  private connIds = 1;

  constructor(private readonly clock: { readonly now: number }) {}

  emit(event: TraceEventInput): void {
    // Stamp the time onto the caller's fresh object: one allocation per event, not two.
    (event as { t?: number }).t = this.clock.now;
    this.events.push(event as TraceEvent);
  }

  /**
   * The finished trace's events, leaving the writer empty. A finished session's actors still
   * reach the writer (their I/O closures hold it), and V8 allocates some of xstate's per-step
   * objects straight in old space (allocation-site pretenuring): dead, they keep what they reach
   * alive through scavenges until a full GC. Without the events, the trace is not among that.
   */
  take(): TraceEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  nextPacketId(): number {
    return this.packetIds++;
  }

  nextConnId(): number {
    return this.connIds++;
  }
}
