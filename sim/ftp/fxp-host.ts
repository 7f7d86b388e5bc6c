/**
 * The client host of a server-to-server transfer: the fxp machine wired to the host's TCP with
 * two control connections to port 21, one to A and one to B. Each connection's bytes become
 * replies for the machine, marked with their side, and every line sent or received lands in the
 * trace on its own connection, so each server's conversation reads on its own.
 */
import { createActor, type Actor, type ActorOptions, type AnyActorLogic } from "xstate";
import { FTP_CONTROL_PORT } from "../net/ftp-ports";
import type { TcpConnection, TcpStack } from "../net/tcp";
import type { Scheduler } from "../scheduler";
import type { TraceWriter } from "../trace/events";
import type { xstateClock } from "./clock";
import { fxpMachine, type FxpEvent, type FxpIo } from "./fxp-machine";
import type { FxpPlan, Side } from "./fxp-session";
import { ReplyReader } from "./replies";

export interface FxpHostOptions {
  stack: TcpStack;
  scheduler: Scheduler;
  trace: TraceWriter;
  plan: FxpPlan;
  /** Where each control connection goes: A's and B's addresses as the client reaches them. */
  addresses: Readonly<Record<Side, string>>;
  connectTimeoutMs: number;
  clock: xstateClock;
  inspect?: ActorOptions<AnyActorLogic>["inspect"];
  onError: (error: unknown) => void;
}

export type FxpActor = Actor<typeof fxpMachine>;

export function startFxpClient(o: FxpHostOptions): FxpActor {
  const { stack, trace } = o;
  const controls: Partial<Record<Side, TcpConnection>> = {};

  const tell = (event: FxpEvent) => {
    if (actor.getSnapshot().status === "active") actor.send(event);
  };

  const open = (side: Side) => {
    const reader = new ReplyReader();
    const to = { ip: o.addresses[side], port: FTP_CONTROL_PORT };
    const conn = stack.connect(to, { purpose: "control" }, {
      established: () => {
        o.scheduler.cancel(connectTimer);
        tell({ type: "CONTROL_OPEN", side });
      },
      data: (c, payload, packet) => {
        for (const r of reader.push(payload)) {
          trace.emit({ type: "reply", conn: c.id, packetId: packet.id, code: r.code, text: r.text, encrypted: packet.encrypted });
          tell({ type: "REPLY", side, code: r.code, text: r.text });
        }
      },
      eof: (c) => stack.close(c),
      closed: (_c, reason) => {
        o.scheduler.cancel(connectTimer);
        if (reason === "refused" || reason === "timeout") tell({ type: "CONTROL_FAILED", side, reason });
        tell({ type: "CONTROL_CLOSED", side });
      },
    });
    controls[side] = conn;
    const connectTimer = o.scheduler.after(o.connectTimeoutMs, () => {
      if (conn.state !== "SYN_SENT") return;
      trace.emit({ type: "timeout", host: "client", what: "connect", since: o.scheduler.now - o.connectTimeoutMs, conn: conn.id, socket: to });
      tell({ type: "CONTROL_FAILED", side, reason: "timeout" });
      stack.abort(conn);
    });
  };

  const io: FxpIo = {
    open,
    send: ({ side, text }) => {
      const control = controls[side];
      const id = control ? stack.send(control, `${text}\r\n`) : null;
      if (control && id !== null) {
        trace.emit({ type: "command", conn: control.id, packetId: id, line: text, encrypted: false });
        return;
      }
      trace.emit({ type: "note", host: "client", text: `could not send ${text.split(" ")[0]} to server ${side}: the control connection is closed` });
      tell({ type: "CONTROL_CLOSED", side });
    },
    close: (side) => {
      const control = controls[side];
      if (control?.open) stack.close(control);
    },
    note: (text) => trace.emit({ type: "note", host: "client", text }),
    loginResult: (result, reply) => trace.emit({ type: "login", result, reply }),
    transferStarted: (index, command) => trace.emit({ type: "transfer-start", index, command }),
    transferEnded: (s) => trace.emit({ type: "transfer-end", ...s }),
  };

  const actor: FxpActor = createActor(fxpMachine, { clock: o.clock, inspect: o.inspect, input: { io, plan: o.plan } });
  actor.subscribe({ error: o.onError });
  actor.start();
  return actor;
}
