/**
 * The relay's program: a TCP relay in front of the server, the way SAP's Cloud Connector, a TCP
 * load balancer or `socat TCP4-LISTEN:PORT,fork TCP4:server:PORT` forwards a listed set of ports
 * from a virtual host to the real one. It is no NAT: each connection ends at the relay, and the
 * relay opens a connection of its own to the same port of the server and copies the bytes both
 * ways, so the server sees every connection (control and data alike) come from the relay's
 * address — which is why vsftpd's pasv_promiscuous=NO check passes through it (the reference,
 * test/real/fixtures/multi-host: vsftpd logs the client as the relay's address).
 *
 * A port it does not map has nothing listening: the relay's kernel answers the SYN with RST
 * (ECONNREFUSED at the client), unless its firewall drops it first (the client times out).
 * It reads nothing of FTP: a 227 naming the server's own address passes as written (RFC 959
 * §4.1.2), and only a mapped passive range makes passive mode work through it.
 */
import { FTP_CONTROL_PORT } from "./ftp-ports";
import type { PortSpec } from "./addresses";
import type { TcpConnection, TcpHandlers, TcpStack } from "./tcp";

/** Every port a list of ports and ranges names, each once, in order. */
export function mappedPorts(ports: readonly PortSpec[]): number[] {
  const seen = new Set<number>();
  for (const spec of ports) {
    const [low, high] = typeof spec === "number" ? [spec, spec] : spec;
    for (let port = low; port <= high; port++) seen.add(port);
  }
  return [...seen];
}

/** Listens on every mapped port of the relay and forwards each connection to the same port of `target`. */
export function startRelay(stack: TcpStack, target: string, ports: readonly PortSpec[]): void {
  for (const port of mappedPorts(ports)) {
    stack.listen(port, port === FTP_CONTROL_PORT ? "control" : "data", (inbound) => new Splice(stack, inbound, target).inboundHandlers);
  }
}

/**
 * One relayed connection: socat's fork child. It accepts the client's connection, then connects
 * to the server; what arrives before the server answers waits, and each side's FIN or reset is
 * passed on to the other.
 */
class Splice {
  private readonly outbound: TcpConnection;
  /** Bytes from the client that arrived before the connection to the server was open. */
  private waiting = "";
  private inboundEnded = false;
  readonly inboundHandlers: TcpHandlers;

  constructor(
    private readonly stack: TcpStack,
    private readonly inbound: TcpConnection,
    target: string,
  ) {
    this.inboundHandlers = {
      data: (_c, payload) => this.fromClient(payload),
      eof: () => this.clientEnded(),
      // A FIN crossing ours ends the connection without an eof: pass the close on all the same.
      closed: (_c, reason) => (reason === "fin" ? this.clientEnded() : this.stack.abort(this.outbound)),
    };
    this.outbound = stack.connect({ ip: target, port: inbound.local.port }, { purpose: inbound.purpose }, {
      established: (o) => {
        if (this.waiting) this.stack.send(o, this.waiting);
        this.waiting = "";
        if (this.inboundEnded) this.stack.close(o);
      },
      data: (_o, payload) => void this.stack.send(this.inbound, payload),
      eof: () => this.stack.close(this.inbound),
      // The server refused or reset: socat closes the client's side too (a FIN: nothing is unread).
      closed: (_o, reason) => {
        if (reason === "fin") return this.stack.close(this.inbound);
        if (reason === "refused" || reason === "timeout") this.stack.close(this.inbound);
        else this.stack.abort(this.inbound);
      },
    });
  }

  private fromClient(payload: string): void {
    if (this.outbound.state === "ESTABLISHED" || this.outbound.state === "CLOSE_WAIT") this.stack.send(this.outbound, payload);
    else this.waiting += payload;
  }

  private clientEnded(): void {
    this.inboundEnded = true;
    // Still connecting: the FIN follows the waiting bytes once the server answers.
    if (this.outbound.state === "ESTABLISHED" || this.outbound.state === "CLOSE_WAIT") this.stack.close(this.outbound);
  }
}
