/**
 * One host's TCP, at segment level (RFC 793 / RFC 9293): three-way handshake, data with
 * cumulative ACKs and delayed ACKs, FIN teardown, RST, and retransmission. Timers follow
 * Linux: a SYN is retransmitted after 1 s, then 2 s, 4 s… (tcp_syn_retries = 6), data after
 * 200 ms doubling (TCP_RTO_MIN), and an ACK waits up to 40 ms for data to ride along.
 */
import type { Endpoint } from "./addresses";
import type { Packet, TcpFlag } from "./packet";
import { TupleKeys } from "./tuple-key";
import type { Random } from "../random";
import type { Scheduler, Timer } from "../scheduler";
import type { CloseReason, HostId, Purpose, TraceWriter } from "../trace/events";

const SYN_RTO_MS = 1000;
const SYN_RETRIES = 6;
const SYNACK_RETRIES = 5;
const DATA_RTO_MS = 200;
const DATA_RETRIES = 15;
const MAX_RTO_MS = 120_000;
const DELAYED_ACK_MS = 40;
export const MSS = 1460;

export type TcpState =
  | "SYN_SENT"
  | "SYN_RCVD"
  | "ESTABLISHED"
  | "FIN_WAIT_1"
  | "FIN_WAIT_2"
  | "CLOSE_WAIT"
  | "CLOSING"
  | "LAST_ACK"
  | "CLOSED";

/** What the application hears from its socket. */
export interface TcpHandlers {
  established?(c: TcpConnection): void;
  data?(c: TcpConnection, payload: string, packet: Packet): void;
  /** The peer sent FIN: no more data will come. */
  eof?(c: TcpConnection): void;
  /** The connection is gone: closed in order, reset, refused, timed out or aborted. */
  closed?(c: TcpConnection, reason: CloseReason): void;
}

/** The network below a host's TCP. */
export interface Wire {
  transmit(from: HostId, p: Packet): void;
}

interface Outstanding {
  seq: number;
  flags: TcpFlag[];
  payload: string;
  encrypted: boolean;
  /** Sequence space this segment uses (payload length, +1 for SYN or FIN). */
  span: number;
  attempt: number;
}

export class TcpConnection {
  state: TcpState;
  sndNxt: number;
  sndUna: number;
  rcvNxt = 0;
  /** Payloads are TLS records from now on (RFC 4217 after AUTH TLS). */
  encrypted = false;
  handlers: TcpHandlers;
  /** Set when the application has read EOF and closed: we can fold our FIN into the ACK. */
  readonly outstanding: Outstanding[] = [];
  rtoTimer: Timer | undefined;
  ackTimer: Timer | undefined;
  unackedSegments = 0;
  finReceived = false;

  constructor(
    readonly id: number,
    readonly host: HostId,
    readonly local: Endpoint,
    readonly remote: Endpoint,
    readonly purpose: Purpose,
    iss: number,
    state: TcpState,
    handlers: TcpHandlers,
  ) {
    this.sndNxt = iss;
    this.sndUna = iss;
    this.state = state;
    this.handlers = handlers;
  }

  get open(): boolean {
    return this.state !== "CLOSED";
  }
}

export interface Listener {
  readonly socket: Endpoint;
  readonly purpose: Purpose;
  onAccept: (c: TcpConnection) => TcpHandlers;
  closed: boolean;
  /** Connections in the middle of their handshake. */
  readonly pending: TcpConnection[];
}

export interface ConnectOptions {
  localPort?: number;
  purpose: Purpose;
}

const seqAfter = (a: number, b: number): boolean => ((a - b) | 0) > 0;

export class TcpStack {
  private readonly connections = new Map<number, TcpConnection>();
  private readonly keys = new TupleKeys();
  private readonly listeners = new Map<number, Listener>();
  private readonly all: TcpConnection[] = [];

  constructor(
    readonly host: HostId,
    readonly ip: string,
    private readonly ephemeral: readonly [number, number],
    private readonly scheduler: Scheduler,
    private readonly random: Random,
    private readonly trace: TraceWriter,
    private readonly wire: Wire,
  ) {}

  /** A free port from the ephemeral range, chosen by the seeded generator (as Linux hashes). */
  allocatePort(): number {
    const [low, high] = this.ephemeral;
    for (let tries = 0; tries < 64; tries++) {
      const port = this.random.int(low, high);
      if (!this.portInUse(port)) return port;
    }
    for (let port = low; port <= high; port++) if (!this.portInUse(port)) return port;
    throw new Error(`${this.host}: every ephemeral port from ${low} to ${high} is in use (EADDRNOTAVAIL)`);
  }

  /** A listener on this port (vsftpd binds its passive port with SO_REUSEADDR: only listeners conflict). */
  isListening(port: number): boolean {
    return this.listeners.has(port);
  }

  portInUse(port: number): boolean {
    if (this.listeners.has(port)) return true;
    for (const c of this.connections.values()) if (c.local.port === port && c.open) return true;
    return false;
  }

  listen(port: number, purpose: Purpose, onAccept: (c: TcpConnection) => TcpHandlers): Listener {
    const listener: Listener = { socket: { ip: this.ip, port }, purpose, onAccept, closed: false, pending: [] };
    this.listeners.set(port, listener);
    this.trace.emit({ type: "listen", host: this.host, socket: listener.socket, purpose });
    return listener;
  }

  closeListener(listener: Listener): void {
    if (listener.closed) return;
    listener.closed = true;
    this.listeners.delete(listener.socket.port);
    this.trace.emit({ type: "unlisten", host: this.host, socket: listener.socket });
    // Half-open children (SYN received, handshake unfinished) die with their listener, silently.
    for (const c of listener.pending) if (c.state === "SYN_RCVD") this.finish(c, "aborted");
    listener.pending.length = 0;
  }

  connect(remote: Endpoint, options: ConnectOptions, handlers: TcpHandlers): TcpConnection {
    const local = { ip: this.ip, port: options.localPort ?? this.allocatePort() };
    const c = this.create(local, remote, options.purpose, "SYN_SENT", handlers);
    this.trace.emit({ type: "connect", conn: c.id, host: this.host, purpose: c.purpose, from: local, to: remote });
    this.queue(c, ["SYN"], "", 1);
    return c;
  }

  /** Sends application bytes in segments of at most one MSS; returns the first packet's id (or null). */
  send(c: TcpConnection, payload: string): number | null {
    if (c.state !== "ESTABLISHED" && c.state !== "CLOSE_WAIT") return null;
    let first: number | null = null;
    for (let i = 0; i < payload.length; i += MSS) {
      const id = this.queue(c, ["PSH", "ACK"], payload.slice(i, i + MSS), Math.min(MSS, payload.length - i));
      first ??= id;
    }
    return first;
  }

  /** The application closes: FIN after what was sent (RFC 9293 §3.10.4). */
  close(c: TcpConnection): void {
    if (c.state === "ESTABLISHED") {
      c.state = "FIN_WAIT_1";
      this.queue(c, ["FIN", "ACK"], "", 1);
    } else if (c.state === "CLOSE_WAIT") {
      c.state = "LAST_ACK";
      this.queue(c, ["FIN", "ACK"], "", 1);
    } else if (c.state === "SYN_SENT" || c.state === "SYN_RCVD") {
      this.finish(c, "aborted");
    }
  }

  /**
   * The application gives up on a connection. One still connecting vanishes without a word
   * (connect() timed out); one that is open is reset.
   */
  abort(c: TcpConnection): void {
    if (!c.open) return;
    if (c.state !== "SYN_SENT") this.emit(c, ["RST", "ACK"], c.sndNxt, "");
    this.finish(c, "aborted");
  }

  /** Tear everything down silently: the session's time limit was reached. */
  abortAll(): void {
    for (const c of this.all) if (c.open) this.finish(c, "aborted");
    for (const l of [...this.listeners.values()]) this.closeListener(l);
  }

  /** A segment arrived for this host (already past its firewall). */
  receive(p: Packet): void {
    const c = this.connections.get(this.keys.key(p.dst, p.src));
    if (c && c.open) {
      this.segmentArrives(c, p);
      return;
    }
    const listener = this.listeners.get(p.dst.port);
    if (listener && p.flags.includes("SYN") && !p.flags.includes("ACK")) {
      this.acceptSyn(listener, p);
      return;
    }
    if (!p.flags.includes("RST")) this.resetFor(p);
  }

  /** RST for a segment nobody wants (RFC 9293 §3.10.7.1): a closed port refuses. */
  resetFor(p: Packet): void {
    const synLen = p.flags.includes("SYN") ? 1 : 0;
    const finLen = p.flags.includes("FIN") ? 1 : 0;
    const ack = p.flags.includes("ACK");
    this.wire.transmit(this.host, {
      id: this.trace.nextPacketId(),
      conn: p.conn,
      src: p.dst,
      dst: p.src,
      flags: ack ? ["RST"] : ["RST", "ACK"],
      seq: ack ? p.ack : 0,
      ack: ack ? 0 : (p.seq + p.payload.length + synLen + finLen) >>> 0,
      payload: "",
      encrypted: false,
      attempt: 0,
    });
  }

  private create(local: Endpoint, remote: Endpoint, purpose: Purpose, state: TcpState, handlers: TcpHandlers, id?: number): TcpConnection {
    const iss = this.random.int(0, 0xffffffff);
    const c = new TcpConnection(id ?? this.trace.nextConnId(), this.host, local, remote, purpose, iss, state, handlers);
    this.connections.set(this.keys.key(local, remote), c);
    this.all.push(c);
    return c;
  }

  private acceptSyn(listener: Listener, syn: Packet): void {
    const c = this.create(syn.dst, syn.src, listener.purpose, "SYN_RCVD", {}, syn.conn);
    c.rcvNxt = (syn.seq + 1) >>> 0;
    listener.pending.push(c);
    c.handlers = {
      established: (conn) => {
        const i = listener.pending.indexOf(conn);
        if (i >= 0) listener.pending.splice(i, 1);
        conn.handlers = listener.onAccept(conn);
        conn.handlers.established?.(conn);
      },
    };
    this.queue(c, ["SYN", "ACK"], "", 1);
  }

  private segmentArrives(c: TcpConnection, p: Packet): void {
    if (p.flags.includes("RST")) {
      this.finish(c, c.state === "SYN_SENT" ? "refused" : "reset");
      return;
    }
    if (c.state === "SYN_SENT") {
      if (!(p.flags.includes("SYN") && p.flags.includes("ACK"))) return;
      c.rcvNxt = (p.seq + 1) >>> 0;
      this.acknowledge(c, p.ack);
      c.state = "ESTABLISHED";
      // The SYN-ACK establishes the connection on this side; the third ACK tells the peer.
      this.trace.emit({ type: "established", conn: c.id, host: this.host, local: c.local, remote: c.remote, purpose: c.purpose });
      this.emit(c, ["ACK"], c.sndNxt, "");
      c.handlers.established?.(c);
      return;
    }
    if (c.state === "SYN_RCVD" && p.flags.includes("SYN")) {
      // Our SYN-ACK was lost: the peer retransmitted its SYN. Answer it again.
      this.retransmitFirst(c);
      return;
    }
    if (p.flags.includes("ACK")) this.acknowledge(c, p.ack);
    if (c.state === "SYN_RCVD" && c.outstanding.length === 0) {
      c.state = "ESTABLISHED";
      this.established(c);
    }
    if (p.flags.includes("SYN")) {
      // A retransmitted SYN-ACK after our ACK was lost: repeat the ACK.
      this.emit(c, ["ACK"], c.sndNxt, "");
      return;
    }
    const inOrder = p.seq === c.rcvNxt;
    if (p.payload.length > 0) {
      if (!inOrder) {
        this.emit(c, ["ACK"], c.sndNxt, ""); // duplicate: tell the peer what we have
        return;
      }
      c.rcvNxt = (c.rcvNxt + p.payload.length) >>> 0;
      this.scheduleAck(c);
      if (c.state === "ESTABLISHED" || c.state === "FIN_WAIT_1" || c.state === "FIN_WAIT_2") c.handlers.data?.(c, p.payload, p);
    }
    if (p.flags.includes("FIN") && ((p.seq + p.payload.length) >>> 0) === ((c.rcvNxt - (inOrder ? p.payload.length : 0) + p.payload.length) >>> 0) && !c.finReceived) {
      c.finReceived = true;
      c.rcvNxt = (c.rcvNxt + 1) >>> 0;
      if (c.state === "ESTABLISHED") c.state = "CLOSE_WAIT";
      else if (c.state === "FIN_WAIT_1") c.state = c.outstanding.length === 0 ? "CLOSED" : "CLOSING";
      else if (c.state === "FIN_WAIT_2") c.state = "CLOSED";
      const before = c.sndNxt;
      if (c.state === "CLOSE_WAIT") c.handlers.eof?.(c);
      // Acknowledge the FIN at once unless the application's answer (its own FIN) already did.
      if (c.sndNxt === before || c.state === "CLOSED") this.emit(c, ["ACK"], c.sndNxt, "");
      if (c.state === "CLOSED") this.finish(c, "fin");
    } else if (p.flags.includes("FIN") && c.finReceived) {
      this.emit(c, ["ACK"], c.sndNxt, ""); // retransmitted FIN
    }
    this.checkClosed(c);
  }

  private established(c: TcpConnection): void {
    this.trace.emit({ type: "established", conn: c.id, host: this.host, local: c.local, remote: c.remote, purpose: c.purpose });
    c.handlers.established?.(c);
  }

  private checkClosed(c: TcpConnection): void {
    if (!c.open || c.outstanding.length > 0) return;
    if (c.state === "FIN_WAIT_1") c.state = "FIN_WAIT_2";
    else if (c.state === "CLOSING" || c.state === "LAST_ACK") this.finish(c, "fin");
  }

  private acknowledge(c: TcpConnection, ack: number): void {
    if (!seqAfter(ack, c.sndUna)) return;
    c.sndUna = ack;
    let progressed = false;
    while (c.outstanding.length > 0) {
      const first = c.outstanding[0]!;
      if (seqAfter((first.seq + first.span) >>> 0, ack)) break;
      c.outstanding.shift();
      progressed = true;
    }
    if (progressed) {
      this.scheduler.cancel(c.rtoTimer);
      c.rtoTimer = undefined;
      if (c.outstanding.length > 0) this.armRto(c);
    }
  }

  private scheduleAck(c: TcpConnection): void {
    c.unackedSegments++;
    if (c.unackedSegments >= 2) {
      this.emit(c, ["ACK"], c.sndNxt, ""); // RFC 1122 §4.2.3.2: ACK at least every second segment
      return;
    }
    if (!c.ackTimer) {
      c.ackTimer = this.scheduler.after(DELAYED_ACK_MS, () => {
        c.ackTimer = undefined;
        if (c.open && c.unackedSegments > 0) this.emit(c, ["ACK"], c.sndNxt, "");
      });
    }
  }

  /** Sends a segment that occupies sequence space and keeps it for retransmission. */
  private queue(c: TcpConnection, flags: TcpFlag[], payload: string, span: number): number {
    const seg: Outstanding = { seq: c.sndNxt, flags, payload, encrypted: c.encrypted && payload.length > 0, span, attempt: 0 };
    c.sndNxt = (c.sndNxt + span) >>> 0;
    c.outstanding.push(seg);
    const id = this.transmit(c, seg);
    if (!c.rtoTimer) this.armRto(c);
    return id;
  }

  private transmit(c: TcpConnection, seg: Outstanding): number {
    const isSyn = seg.flags.includes("SYN") && !seg.flags.includes("ACK");
    return this.emit(c, seg.flags, seg.seq, seg.payload, seg.encrypted, seg.attempt, isSyn);
  }

  private emit(c: TcpConnection, flags: readonly TcpFlag[], seq: number, payload: string, encrypted = false, attempt = 0, noAck = false): number {
    if (!noAck) {
      c.unackedSegments = 0;
      this.scheduler.cancel(c.ackTimer);
      c.ackTimer = undefined;
    }
    const id = this.trace.nextPacketId();
    this.wire.transmit(this.host, {
      id,
      conn: c.id,
      src: c.local,
      dst: c.remote,
      flags,
      seq,
      ack: noAck ? 0 : c.rcvNxt,
      payload,
      encrypted,
      attempt,
    });
    return id;
  }

  private armRto(c: TcpConnection): void {
    const first = c.outstanding[0];
    if (!first) return;
    const handshake = first.flags.includes("SYN");
    const base = handshake ? SYN_RTO_MS : DATA_RTO_MS;
    const delay = Math.min(base * 2 ** first.attempt, MAX_RTO_MS);
    c.rtoTimer = this.scheduler.after(delay, () => {
      c.rtoTimer = undefined;
      if (!c.open) return;
      const limit = handshake ? (first.flags.includes("ACK") ? SYNACK_RETRIES : SYN_RETRIES) : DATA_RETRIES;
      if (first.attempt >= limit) {
        this.finish(c, "timeout");
        return;
      }
      this.retransmitFirst(c);
    });
  }

  private retransmitFirst(c: TcpConnection): void {
    const first = c.outstanding[0];
    if (!first) return;
    first.attempt++;
    this.transmit(c, first);
    this.scheduler.cancel(c.rtoTimer);
    this.armRto(c);
  }

  private finish(c: TcpConnection, reason: CloseReason): void {
    if (c.state === "CLOSED" && reason !== "fin") return;
    c.state = "CLOSED";
    this.scheduler.cancel(c.rtoTimer);
    this.scheduler.cancel(c.ackTimer);
    c.rtoTimer = undefined;
    c.ackTimer = undefined;
    c.outstanding.length = 0;
    this.connections.delete(this.keys.key(c.local, c.remote));
    this.trace.emit({ type: "closed", conn: c.id, host: this.host, local: c.local, remote: c.remote, purpose: c.purpose, reason });
    c.handlers.closed?.(c, reason);
  }
}
