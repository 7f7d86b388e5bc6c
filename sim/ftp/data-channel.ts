/**
 * The sockets behind one host's data connections: a listener (active client, passive server)
 * or an outgoing connect (passive client, active server), bound to the data transfer process
 * when it opens. A connection can reach a listener before anyone asked for it (the kernel
 * completes the handshake on its own), so its events wait until the transfer process takes it.
 */
import type { Endpoint } from "../net/addresses";
import type { Listener, TcpConnection, TcpHandlers, TcpStack } from "../net/tcp";
import type { Scheduler } from "../scheduler";
import type { CloseReason, HostId, TraceWriter } from "../trace/events";
import type { DataIo, DataTransferEvent } from "./data-transfer-machine";

type Report = (event: DataTransferEvent) => void;

export interface AcceptOptions {
  /** vsftpd pasv_promiscuous=NO: a data connection from another address is refused. */
  requirePeer?: string;
}

/**
 * One data connection and whoever listens to it (nobody yet: its events wait in the backlog).
 * It is the socket's handlers too: a class, so a connection costs one object, not a closure per handler.
 */
class Binding implements TcpHandlers {
  report: Report | null = null;
  backlog: DataTransferEvent[] = [];
  opened = false;
  /** Bytes received so far: the socket's buffer, handed over with EOF. */
  received = "";

  constructor(
    public conn: TcpConnection | null,
    private readonly secure: () => boolean,
    /** A connection that reached the listener: told once it is open, instead of OPENED. */
    private readonly onOpen: ((b: Binding) => void) | null = null,
  ) {}

  private deliver(e: DataTransferEvent): void {
    if (this.report) this.report(e);
    else this.backlog.push(e);
  }

  established(c: TcpConnection): void {
    // RFC 4217 §9: after PROT P the data connection carries TLS records too.
    if (this.secure()) c.encrypted = true;
    this.opened = true;
    if (this.onOpen) this.onOpen(this);
    else this.deliver({ type: "OPENED" });
  }

  data(_c: TcpConnection, payload: string): void {
    this.received += payload;
  }

  eof(): void {
    this.deliver({ type: "EOF", received: this.received });
  }

  closed(_c: TcpConnection, reason: CloseReason): void {
    this.deliver(this.opened ? { type: "CLOSED", reason } : { type: "OPEN_FAILED", reason });
  }
}

/** A transfer process that connects to `target` (from `localPort` when given). */
class Connector implements DataIo {
  private readonly b: Binding;
  private since = 0;

  constructor(
    private readonly channel: DataChannel,
    private readonly target: Endpoint,
    private readonly localPort: number | undefined,
  ) {
    this.b = new Binding(null, channel.secure);
    channel.live.push(this.b);
  }

  open(report: Report): void {
    this.b.report = report;
    this.since = this.channel.scheduler.now;
    this.b.conn = this.channel.stack.connect(this.target, { localPort: this.localPort, purpose: "data" }, this.b);
  }

  send(content: string): void {
    if (this.b.conn) this.channel.stack.send(this.b.conn, content);
  }

  close(): void {
    if (this.b.conn) this.channel.stack.close(this.b.conn);
  }

  abort(reason: "timeout" | "cancel"): void {
    this.channel.abandon(this.b, reason, "connect", this.since, this.target);
  }
}

/** A transfer process that takes the connection arriving at the listener. */
class Acceptor implements DataIo {
  private bound: Binding | null = null;
  private since = 0;
  private report: Report | null = null;

  constructor(
    private readonly channel: DataChannel,
    private readonly options: AcceptOptions,
  ) {}

  open(report: Report): void {
    this.since = this.channel.scheduler.now;
    this.report = report;
    const ready = this.channel.arrivals.find((b) => b.opened);
    if (ready) this.take(ready);
    else this.channel.waitingAccept = this;
  }

  /** The connection `b` is this transfer's. */
  take(b: Binding): void {
    const channel = this.channel;
    const report = this.report!;
    channel.waitingAccept = null;
    channel.arrivals = channel.arrivals.filter((x) => x !== b);
    this.bound = b;
    if (this.options.requirePeer !== undefined && b.conn!.remote.ip !== this.options.requirePeer) {
      // vsftpd's vsf_ftpdataio_get_pasv_fd: close() after accept(), an orderly FIN that nothing
      // resets later: the peer reads an empty stream (the reference: server B says 226 over an
      // empty file, test/real/fixtures/multi-host/fxp-a-default.json).
      channel.stack.close(b.conn!);
      report({ type: "OPEN_FAILED", reason: "bad-ip" });
      return;
    }
    channel.live.push(b);
    // vsftpd closes its passive listener once it has accepted (one connection per PASV).
    channel.closeListener();
    const backlog = b.backlog;
    b.backlog = [];
    b.report = report;
    report({ type: "OPENED" });
    for (const e of backlog) if (e.type !== "OPENED") report(e);
  }

  send(content: string): void {
    if (this.bound?.conn) this.channel.stack.send(this.bound.conn, content);
  }

  close(): void {
    if (this.bound?.conn) this.channel.stack.close(this.bound.conn);
  }

  abort(reason: "timeout" | "cancel"): void {
    const channel = this.channel;
    channel.waitingAccept = null;
    if (this.bound) channel.abandon(this.bound, reason, "accept", this.since, channel.socket());
    else if (reason === "timeout") channel.trace.emit({ type: "timeout", host: channel.host, what: "accept", since: this.since, conn: null, socket: channel.socket() });
    channel.closeListener();
  }
}

export class DataChannel {
  private listener: Listener | null = null;
  private lastListened: Endpoint | null = null;
  /** Connections that reached the listener and wait for a transfer process to take them. */
  arrivals: Binding[] = [];
  waitingAccept: Acceptor | null = null;
  live: Binding[] = [];
  private readonly takeArrival = (b: Binding): void => this.waitingAccept?.take(b);

  constructor(
    readonly host: HostId,
    readonly stack: TcpStack,
    readonly scheduler: Scheduler,
    readonly trace: TraceWriter,
    /** Data connections are protected (PROT P after AUTH TLS). */
    readonly secure: () => boolean = () => false,
  ) {}

  listen(port: number): Endpoint {
    this.closeListener();
    this.listener = this.stack.listen(port, "data", (conn) => this.arrived(conn));
    this.lastListened = this.listener.socket;
    return this.listener.socket;
  }

  /** A transfer process that connects to `target` (from `localPort` when given). */
  connector(target: Endpoint, localPort?: number): DataIo {
    return new Connector(this, target, localPort);
  }

  /** A transfer process that takes the connection arriving at the listener. */
  acceptor(options: AcceptOptions = {}): DataIo {
    return new Acceptor(this, options);
  }

  /** A connection from `peer` has reached the listener and waits, open, for a transfer process. */
  hasArrival(peer: string): boolean {
    return this.arrivals.some((b) => b.opened && b.conn?.remote.ip === peer);
  }

  /** Forget the listener and every connection no transfer finished with. */
  release(): void {
    this.closeListener();
    this.waitingAccept = null;
    for (const b of [...this.arrivals, ...this.live]) {
      b.report = null;
      if (b.conn && b.conn.open) this.stack.abort(b.conn);
    }
    this.arrivals = [];
    this.live = [];
  }

  /** The listener's socket, or the last one's once it is closed. */
  socket(): Endpoint {
    return this.listener?.socket ?? this.lastListened ?? { ip: this.stack.ip, port: 0 };
  }

  private arrived(conn: TcpConnection): TcpHandlers {
    const b = new Binding(conn, this.secure, this.takeArrival);
    this.arrivals.push(b);
    return b;
  }

  closeListener(): void {
    if (this.listener) this.stack.closeListener(this.listener);
    this.listener = null;
  }

  abandon(b: Binding, reason: "timeout" | "cancel", what: "connect" | "accept", since: number, socket: Endpoint): void {
    if (reason === "timeout") {
      this.trace.emit({ type: "timeout", host: this.host, what, since, conn: b.conn?.id ?? null, socket });
    }
    b.report = null;
    if (b.conn && b.conn.open) this.stack.abort(b.conn);
  }
}
