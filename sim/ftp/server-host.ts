/**
 * The server host's FTP daemon: vsftpd in standalone mode, listening on port 21. Each control
 * connection gets a server machine; the bytes that arrive become command lines, delivered one
 * at a time (vsftpd reads the next command only when it has answered the last), and what the
 * machine does lands on the wire and in the trace.
 */
import { createActor, type Actor, type ActorOptions, type AnyActorLogic } from "xstate";
import type { Endpoint } from "../net/addresses";
import { FTP_CONTROL_PORT, FTP_DATA_PORT } from "../net/ftp-ports";
import type { TcpConnection, TcpStack } from "../net/tcp";
import type { Random } from "../random";
import type { Scheduler } from "../scheduler";
import type { TraceWriter } from "../trace/events";
import type { xstateClock } from "./clock";
import { DataChannel } from "./data-channel";
import type { FileStore } from "./files";
import { LineReader } from "./replies";
import { serverMachine } from "./server-machine";
import type { ServerPolicy } from "./server-session";
import { TLS_SERVER_HELLO, isTlsRecord } from "./tls";

export interface ServerHostOptions {
  stack: TcpStack;
  scheduler: Scheduler;
  random: Random;
  trace: TraceWriter;
  policy: ServerPolicy;
  files: FileStore;
  passivePorts: readonly [number, number];
  passiveAddress: string | null;
  /** vsftpd pasv_promiscuous=YES: take a passive data connection from any address (RFC 2577 §4 says check it). */
  allowForeignDataPeer: boolean;
  /** connect_from_port_20: active data connections leave from port 20, or from any port. */
  activeSourcePort: typeof FTP_DATA_PORT | "ephemeral";
  connectTimeoutMs: number;
  acceptTimeoutMs: number;
  clock: xstateClock;
  /** xstate's inspection (the bench's counts); absent in a normal run. */
  inspect?: ActorOptions<AnyActorLogic>["inspect"];
  onError: (error: unknown) => void;
}

export interface ServerHost {
  readonly sessions: Actor<typeof serverMachine>[];
}

export function startServer(o: ServerHostOptions): ServerHost {
  const sessions: Actor<typeof serverMachine>[] = [];
  o.stack.listen(FTP_CONTROL_PORT, "control", (conn) => serve(o, conn, sessions));
  return { sessions };
}

/**
 * vsftpd's vsf_privop_pasv_listen: a random port of the range, up to 9 tries; only another
 * listener conflicts (it binds with SO_REUSEADDR). After that the session dies.
 */
function passivePort(o: ServerHostOptions): number | null {
  const [low, high] = o.passivePorts;
  for (let tries = 0; tries < 9; tries++) {
    const port = o.random.int(low, high);
    if (!o.stack.isListening(port)) return port;
  }
  return null;
}

function serve(o: ServerHostOptions, conn: TcpConnection, sessions: Actor<typeof serverMachine>[]) {
  const { stack, trace } = o;
  const lines = new LineReader();
  const queue: string[] = [];
  let tls: "off" | "handshake" | "secure" = "off";
  const data = new DataChannel("server", stack, o.scheduler, trace, () => tls === "secure");
  let actor: Actor<typeof serverMachine> | null = null;

  const pump = () => {
    while (actor && queue.length > 0 && actor.getSnapshot().hasTag("ready")) actor.send({ type: "COMMAND", line: queue.shift()! });
  };

  return {
    established: (c: TcpConnection) => {
      actor = createActor(serverMachine, {
        clock: o.clock,
        inspect: o.inspect,
        input: {
          policy: o.policy,
          files: o.files,
          peerIp: c.remote.ip,
          passiveAddress: o.policy.passiveAddressFor ? o.policy.passiveAddressFor(o.passiveAddress, c.remote.ip) : o.passiveAddress,
          connectTimeoutMs: o.connectTimeoutMs,
          acceptTimeoutMs: o.acceptTimeoutMs,
          io: {
            reply: (r) => void stack.send(c, `${r.text}\r\n`),
            openPassive: (): Endpoint | null => {
              const port = passivePort(o);
              return port === null ? null : data.listen(port);
            },
            releaseData: () => data.release(),
            startTls: () => {
              tls = "handshake";
              trace.emit({ type: "tls", conn: c.id, host: "server", phase: "start" });
            },
            dataIo: (plan) =>
              plan.kind === "port"
                ? data.connector(plan.endpoint, o.activeSourcePort === FTP_DATA_PORT ? FTP_DATA_PORT : undefined)
                : data.acceptor(o.allowForeignDataPeer ? {} : { requirePeer: c.remote.ip }),
            dataConnected: () => data.hasArrival(c.remote.ip),
            closeControl: () => stack.close(c),
          },
        },
      });
      sessions.push(actor);
      actor.subscribe({ next: pump, error: o.onError });
      actor.start();
    },
    data: (c: TcpConnection, payload: string) => {
      if (tls === "handshake" && isTlsRecord(payload)) {
        if (payload.startsWith("TLS ClientHello")) {
          stack.send(c, TLS_SERVER_HELLO);
        } else {
          c.encrypted = true;
          tls = "secure";
          trace.emit({ type: "tls", conn: c.id, host: "server", phase: "secure" });
        }
        return;
      }
      queue.push(...lines.push(payload));
      pump();
    },
    eof: (c: TcpConnection) => stack.close(c),
    closed: () => {
      if (actor?.getSnapshot().status === "active") actor.send({ type: "CONTROL_CLOSED" });
    },
  };
}
