/**
 * The client host's FTP program: the client machine wired to the host's TCP. It opens the
 * control connection to port 21, turns the bytes that arrive into replies for the machine,
 * and writes what the machine does into the trace. The console (sim/software/console.ts) is the
 * same host with the console machine instead: the learner's lines, on the same wires.
 */
import { createActor, type Actor, type ActorOptions, type AnyActorLogic } from "xstate";
import { FTP_CONTROL_PORT } from "../net/ftp-ports";
import type { TcpConnection, TcpStack } from "../net/tcp";
import type { Scheduler } from "../scheduler";
import type { TraceWriter } from "../trace/events";
import { clientMachine, type ClientEvent, type ClientIo } from "./client-machine";
import { uploadContent, type ClientPlan } from "./client-session";
import { consoleMachine, type ConsoleEvent, type ConsoleIo } from "./console-machine";
import { DataChannel } from "./data-channel";
import { ReplyReader } from "./replies";
import { TLS_CLIENT_FINISHED, TLS_CLIENT_HELLO, isTlsRecord } from "./tls";
import type { xstateClock } from "./clock";

export interface ClientHostOptions {
  stack: TcpStack;
  scheduler: Scheduler;
  trace: TraceWriter;
  plan: ClientPlan;
  /** Where the client dials: the server's address as the client can reach it. */
  serverAddress: string;
  /** "n+1": listen on the control connection's port + 1 (+ 1 per transfer), as old BSD clients did. */
  activePort: "ephemeral" | "n+1";
  clock: xstateClock;
  /** xstate's inspection (the bench's counts); absent in a normal run. */
  inspect?: ActorOptions<AnyActorLogic>["inspect"];
  onError: (error: unknown) => void;
}

export type ClientActor = Actor<typeof clientMachine> | Actor<typeof consoleMachine>;

export function startClient(o: ClientHostOptions): ClientActor {
  const { stack, trace, plan } = o;
  let reader = new ReplyReader();
  let tls: "off" | "handshake" | "secure" = "off";
  const data = new DataChannel("client", stack, o.scheduler, trace, () => tls === "secure");
  let control: TcpConnection | null = null;
  let listens = 0;
  let connectDeadline: number | null = null;

  const io: ClientIo & ConsoleIo = {
    send: (line) => {
      const id = control ? stack.send(control, `${line}\r\n`) : null;
      if (control && id !== null) trace.emit({ type: "command", conn: control.id, packetId: id, line, encrypted: control.encrypted });
      else trace.emit({ type: "note", host: "client", text: `could not send ${line.split(" ")[0]}: the control connection is closed` });
    },
    startTls: () => {
      if (!control) return;
      tls = "handshake";
      trace.emit({ type: "tls", conn: control.id, host: "client", phase: "start" });
      stack.send(control, TLS_CLIENT_HELLO);
    },
    listen: () => {
      listens++;
      const preferred = o.activePort === "n+1" && control ? control.local.port + listens : null;
      const port = preferred !== null && preferred <= 65535 && !stack.portInUse(preferred) ? preferred : stack.allocatePort();
      tell({ type: "LISTENING", socket: data.listen(port) });
    },
    connectBudgetMs: () => {
      // curl's --connect-timeout bounds the whole operation: a PASV retry after a failed
      // EPSV connect gets only what is left (the reference: "Connection time-out" at once).
      connectDeadline ??= o.scheduler.now + plan.connectTimeoutMs;
      return Math.max(1, connectDeadline - o.scheduler.now);
    },
    reconnect: () => openControl(),
    dataIo: (target) => (target ? data.connector(target) : data.acceptor()),
    releaseData: () => data.release(),
    note: (text) => trace.emit({ type: "note", host: "client", text }),
    loginResult: (result, reply) => trace.emit({ type: "login", result, reply }),
    transferStarted: (t) => {
      connectDeadline = null;
      trace.emit({ type: "transfer-start", index: t.index, command: t.line });
    },
    transferEnded: (s) => trace.emit({ type: "transfer-end", ...s }),
    closeControl: () => {
      if (control && control.open) stack.close(control);
    },
    // The console's helper listens where the learner's PORT or EPRT said, if the port is free.
    listenAt: (port) => {
      if (port < 1 || stack.portInUse(port)) {
        trace.emit({ type: "note", host: "client", text: `cannot listen on port ${port}: ${port < 1 ? "not a port" : "it is in use"}` });
        tell({ type: "LISTEN_FAILED" });
      } else tell({ type: "LISTENING", socket: data.listen(port) });
    },
  };
  const actor: ClientActor =
    plan.program.software === "console"
      ? createActor(consoleMachine, {
          clock: o.clock,
          inspect: o.inspect,
          input: { io, commands: plan.commands, controlHost: o.serverAddress, ownIp: stack.ip, upload: (name) => uploadContent(plan, name) },
        })
      : createActor(clientMachine, { clock: o.clock, inspect: o.inspect, input: { io, plan, controlHost: o.serverAddress } });
  (actor as Actor<typeof consoleMachine>).subscribe({ error: o.onError });
  // A machine that has finished hears nothing more (the peer may still close the connection).
  const tell = (event: ClientEvent | ConsoleEvent) => {
    if (actor.getSnapshot().status === "active") (actor as Actor<typeof consoleMachine>).send(event);
  };
  actor.start();

  /** The control connection to port 21; again after a reconnect (lftp), with a reader and TLS state of its own. */
  const openControl = () => {
    reader = new ReplyReader();
    tls = "off";
    const conn = stack.connect({ ip: o.serverAddress, port: FTP_CONTROL_PORT }, { purpose: "control" }, {
      established: () => {
        o.scheduler.cancel(connectTimer);
        tell({ type: "CONTROL_OPEN" });
      },
      data: (c, payload, packet) => {
        if (c !== control) return;
        if (tls === "handshake" && isTlsRecord(payload)) {
          // The server's flight ends its half of the handshake; ours ends with Finished.
          stack.send(c, TLS_CLIENT_FINISHED);
          c.encrypted = true;
          tls = "secure";
          trace.emit({ type: "tls", conn: c.id, host: "client", phase: "secure" });
          tell({ type: "TLS_READY" });
          return;
        }
        for (const r of reader.push(payload)) {
          trace.emit({ type: "reply", conn: c.id, packetId: packet.id, code: r.code, text: r.text, encrypted: packet.encrypted });
          tell({ type: "REPLY", code: r.code, text: r.text });
        }
      },
      eof: (c) => stack.close(c),
      closed: (c, reason) => {
        // An earlier control connection closing after a reconnect tells the machine nothing.
        if (c !== control) return;
        o.scheduler.cancel(connectTimer);
        if (reason === "refused" || reason === "timeout") tell({ type: "CONTROL_FAILED", reason });
        tell({ type: "CONTROL_CLOSED" });
      },
    });
    control = conn;
    const connectTimer = o.scheduler.after(plan.connectTimeoutMs, () => {
      if (conn.state !== "SYN_SENT") return;
      trace.emit({ type: "timeout", host: "client", what: "connect", since: o.scheduler.now - plan.connectTimeoutMs, conn: conn.id, socket: { ip: o.serverAddress, port: FTP_CONTROL_PORT } });
      tell({ type: "CONTROL_FAILED", reason: "timeout" });
      stack.abort(conn);
    });
  };
  openControl();
  return actor;
}
