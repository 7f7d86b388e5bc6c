/**
 * The sockets behind one host's data connections: a listener (active client, passive server)
 * or an outgoing connect (passive client, active server), bound to the data transfer process
 * when it opens. A connection can reach a listener before anyone asked for it (the kernel
 * completes the handshake on its own), so its events wait until the transfer process takes it.
 */
import type { Endpoint } from "../net/addresses";
import type { Listener, TcpConnection, TcpHandlers, TcpStack } from "../net/tcp";
import type { Scheduler } from "../scheduler";
import type { HostId, TraceWriter } from "../trace/events";
import type { DataIo, DataTransferEvent } from "./data-transfer-machine";

type Report = (event: DataTransferEvent) => void;

/** One data connection and whoever listens to it (nobody yet: its events wait in the backlog). */
interface Binding {
  conn: TcpConnection | null;
  report: Report | null;
  backlog: DataTransferEvent[];
  opened: boolean;
  /** Bytes received so far: the socket's buffer, handed over with EOF. */
  received: string;
}

export interface AcceptOptions {
  /** vsftpd pasv_promiscuous=NO: a data connection from another address is refused. */
  requirePeer?: string;
}

const newBinding = (conn: TcpConnection | null = null): Binding => ({ conn, report: null, backlog: [], opened: false, received: "" });

function deliver(b: Binding, e: DataTransferEvent): void {
  if (b.report) b.report(e);
  else b.backlog.push(e);
}

function bindingHandlers(b: Binding, secure: () => boolean, onEstablished?: () => void): TcpHandlers {
  return {
    established: (c) => {
      // RFC 4217 §9: after PROT P the data connection carries TLS records too.
      if (secure()) c.encrypted = true;
      b.opened = true;
      if (onEstablished) onEstablished();
      else deliver(b, { type: "OPENED" });
    },
    data: (_c, payload) => {
      b.received += payload;
    },
    eof: () => deliver(b, { type: "EOF", received: b.received }),
    closed: (_c, reason) => deliver(b, b.opened ? { type: "CLOSED", reason } : { type: "OPEN_FAILED", reason }),
  };
}

export class DataChannel {
  private listener: Listener | null = null;
  /** Connections that reached the listener and wait for a transfer process to take them. */
  private arrivals: Binding[] = [];
  private waitingAccept: { take: (b: Binding) => void } | null = null;
  private live: Binding[] = [];

  constructor(
    private readonly host: HostId,
    private readonly stack: TcpStack,
    private readonly scheduler: Scheduler,
    private readonly trace: TraceWriter,
    /** Data connections are protected (PROT P after AUTH TLS). */
    private readonly secure: () => boolean = () => false,
  ) {}

  listen(port: number): Endpoint {
    this.closeListener();
    this.listener = this.stack.listen(port, "data", (conn) => this.arrived(conn));
    this.lastListened = this.listener.socket;
    return this.listener.socket;
  }

  private lastListened: Endpoint | null = null;

  /** A transfer process that connects to `target` (from `localPort` when given). */
  connector(target: Endpoint, localPort?: number): DataIo {
    const b = newBinding();
    this.live.push(b);
    let since = 0;
    return {
      open: (report) => {
        b.report = report;
        since = this.scheduler.now;
        b.conn = this.stack.connect(target, { localPort, purpose: "data" }, bindingHandlers(b, this.secure));
      },
      send: (content) => void (b.conn && this.stack.send(b.conn, content)),
      close: () => b.conn && this.stack.close(b.conn),
      abort: (reason) => this.abandon(b, reason, "connect", since, target),
    };
  }

  /** A transfer process that takes the connection arriving at the listener. */
  acceptor(options: AcceptOptions = {}): DataIo {
    let bound: Binding | null = null;
    let since = 0;
    const socket = () => this.listener?.socket ?? this.lastListened ?? { ip: this.stack.ip, port: 0 };
    return {
      open: (report) => {
        since = this.scheduler.now;
        const take = (b: Binding) => {
          this.waitingAccept = null;
          this.arrivals = this.arrivals.filter((x) => x !== b);
          bound = b;
          this.live.push(b);
          if (options.requirePeer !== undefined && b.conn!.remote.ip !== options.requirePeer) {
            this.stack.abort(b.conn!);
            report({ type: "OPEN_FAILED", reason: "bad-ip" });
            return;
          }
          // vsftpd closes its passive listener once it has accepted (one connection per PASV).
          this.closeListener();
          const backlog = b.backlog;
          b.backlog = [];
          b.report = report;
          report({ type: "OPENED" });
          for (const e of backlog) if (e.type !== "OPENED") report(e);
        };
        const ready = this.arrivals.find((b) => b.opened);
        if (ready) take(ready);
        else this.waitingAccept = { take };
      },
      send: (content) => void (bound?.conn && this.stack.send(bound.conn, content)),
      close: () => bound?.conn && this.stack.close(bound.conn),
      abort: (reason) => {
        this.waitingAccept = null;
        if (bound) this.abandon(bound, reason, "accept", since, socket());
        else if (reason === "timeout") this.trace.emit({ type: "timeout", host: this.host, what: "accept", since, conn: null, socket: socket() });
        this.closeListener();
      },
    };
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

  private arrived(conn: TcpConnection): TcpHandlers {
    const b = newBinding(conn);
    this.arrivals.push(b);
    return bindingHandlers(b, this.secure, () => this.waitingAccept?.take(b));
  }

  private closeListener(): void {
    if (this.listener) this.stack.closeListener(this.listener);
    this.listener = null;
  }

  private abandon(b: Binding, reason: "timeout" | "cancel", what: "connect" | "accept", since: number, socket: Endpoint): void {
    if (reason === "timeout") {
      this.trace.emit({ type: "timeout", host: this.host, what, since, conn: b.conn?.id ?? null, socket });
    }
    b.report = null;
    if (b.conn && b.conn.open) this.stack.abort(b.conn);
  }
}
