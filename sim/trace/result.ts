/**
 * The result summary of spec/scenario.md, derived from the trace alone: login, one entry per
 * transfer with its outcome and cause, and the control-channel transcript. Nothing here is kept
 * beside the trace, so a view that has the trace can always recompute it.
 */
import type { Endpoint } from "../net/addresses";
import { formatEndpoint } from "../net/addresses";
import { isTransferLine } from "../ftp/commands";
import { noteRole, type NoteRole } from "../software/client-notes";
import { clientProfile } from "../software/profiles";
import type { Scenario } from "../scenario/schema";
import { connectionsOf } from "./connections";
import type { EventOf, HostId, ModeCommand, TraceEvent } from "./events";
import { loginOutcome, loginShort } from "./login";
import { transferWindow } from "./transfers";
import { controlPeers, fxpCommand, fxpTransfer, type FxpOutcome } from "./fxp-result";

export interface DataEndpoints {
  readonly initiator: HostId;
  /** Each end's own socket, as that end sees it (behind NAT: its private address). */
  readonly client: Endpoint;
  readonly server: Endpoint;
}

export interface TransferResult {
  /** Position of the command in scenario.commands. */
  readonly index: number;
  readonly command: string;
  readonly modeCommand: ModeCommand | null;
  readonly modeReply: number | null;
  readonly result: "ok" | "failed";
  /** The reply that ended the transfer; null when the client gave up first. */
  readonly reply: number | null;
  /** The last reply the client saw during the transfer (the reference's "last reply"). */
  readonly lastReply: number | null;
  readonly cause: string | null;
  readonly data: DataEndpoints | null;
  /** The last data connection tried, established or not: who dialled, from where, to where. */
  readonly attempt: { readonly initiator: HostId; readonly from: Endpoint; readonly to: Endpoint } | null;
  readonly bytes: number;
  /** A server-to-server transfer: what each server answered and what reached B (fxp-result.ts). */
  readonly fxp?: FxpOutcome;
}

export interface TranscriptLine {
  readonly t: number;
  readonly from: HostId;
  /** In a session with two servers (scenario.fxp), which one a command went to. */
  readonly to?: HostId;
  readonly line: string;
}

export interface SessionResult {
  readonly login: { readonly result: "ok" | "failed"; readonly reply: number | null };
  readonly transfers: readonly TransferResult[];
  readonly transcript: readonly TranscriptLine[];
  readonly endedBy: "done" | "time-limit";
}

/**
 * The control connections' lines in time order. With two servers, each line names its server:
 * a command the one it went to, a reply the one it came from (the other end of its connection).
 */
export function transcriptOf(events: readonly TraceEvent[], scenario?: Scenario): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  const serverOf = scenario?.fxp ? controlPeers(events) : null;
  for (const e of events) {
    if (e.type === "command") lines.push(serverOf ? { t: e.t, from: "client", to: serverOf.get(e.conn) ?? "server", line: e.line } : { t: e.t, from: "client", line: e.line });
    else if (e.type === "reply") for (const line of e.text.split("\r\n")) lines.push({ t: e.t, from: serverOf?.get(e.conn) ?? "server", line });
  }
  return lines;
}



function lastOf<T extends TraceEvent["type"]>(events: readonly TraceEvent[], type: T, keep: (e: EventOf<T>) => boolean = () => true): EventOf<T> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === type && keep(e as EventOf<T>)) return e as EventOf<T>;
  }
  return undefined;
}

/** Why a transfer failed, in one sentence, from what the trace shows. */
/**
 * Why a transfer failed, in one line: what stopped its data connection, or the reply that refused
 * it, or who gave up waiting — followed by the client program's own words when it gave up or
 * refused the address itself (its profile's messages, sim/software).
 */
function causeOf(window: readonly TraceEvent[], end: EventOf<"transfer-end">, dataConns: ReadonlySet<number>, scenario: Scenario): string {
  const program = clientProfile(scenario.client.software);
  const said = (role: NoteRole) => lastOf(window, "note", (n) => n.host === "client" && noteRole(n.text, program) === role);
  const mismatch = said("pasv-mismatch");
  if (mismatch) return `${program.name} refused the address in the 227 reply, which is not the server's: "${mismatch.text}"`;
  const base = technicalCause(window, end, dataConns);
  const gaveUp = said("silence");
  return gaveUp ? `${base}; ${program.name} gave up: "${gaveUp.text}"` : base;
}

export function technicalCause(window: readonly TraceEvent[], end: EventOf<"transfer-end">, dataConns: ReadonlySet<number>): string {
  const drop = lastOf(window, "drop", (d) => dataConns.has(d.packet.conn));
  if (drop) return drop.reason;
  const refused = lastOf(window, "closed", (c) => dataConns.has(c.conn) && c.reason === "refused");
  if (refused) return `the connection to ${formatEndpoint(refused.remote)} was refused (RST): nothing listens there`;
  if (end.reply !== null && end.reply >= 400) {
    const reply = lastOf(window, "reply", (r) => r.code === end.reply);
    const command = reply ? lastOf(window.slice(0, window.indexOf(reply)), "command") : undefined;
    const text = reply ? reply.text.split("\r\n").pop() : String(end.reply);
    return command ? `the server answered ${command.line.split(" ")[0]} with "${text}"` : `the server replied "${text}"`;
  }
  const timeout = lastOf(window, "timeout");
  if (timeout) return `${timeout.host} gave up waiting to ${timeout.what} ${formatEndpoint(timeout.socket)} after ${timeout.t - timeout.since} ms`;
  return end.clientCause ?? "the transfer failed";
}

export function summarize(events: readonly TraceEvent[], scenario: Scenario): SessionResult {
  const login = lastOf(events, "login");
  const ended = lastOf(events, "session-end");
  const transfers: TransferResult[] = [];
  const conns = connectionsOf(events);

  const commands = scenario.fxp ? [fxpCommand(scenario.fxp)] : scenario.commands;
  commands.forEach((command, index) => {
    if (!isTransferLine(command)) return;
    const w = transferWindow(events, index);
    if (w === undefined) {
      // The console logs in only if the learner does: a line it never sent was cut off by the session's end.
      const loggedIn = login?.result === "ok" || scenario.client.software === "console";
      transfers.push(unattempted(index, command, notAttempted(events, loggedIn)));
      return;
    }
    const window = events.slice(w.start, w.end === null ? events.length : w.end + 1);
    const connects = window.filter((e): e is EventOf<"connect"> => e.type === "connect" && e.purpose === "data" && conns.get(e.conn)?.transfer === index);
    const dataConns = new Set(connects.map((c) => c.conn));
    // A relay's own connection onward is a consequence of the client's: the attempt is the client's (or the server's).
    const lastConnect = [...connects].reverse().find((c) => c.host !== "relay");
    const lastReply = lastOf(window, "reply")?.code ?? null;
    const end = w.end === null ? undefined : (events[w.end] as EventOf<"transfer-end">);
    if (!end) {
      const cut = ended?.reason === "time-limit" ? `cut off by the session's time limit (${scenario.timeLimitMs} ms)` : "the control connection was lost";
      transfers.push({ ...unattempted(index, command, cut), lastReply, attempt: attemptOf(lastConnect) });
      return;
    }
    const fxp = scenario.fxp ? fxpTransfer(window, end, dataConns, scenario, scenario.fxp) : null;
    const result = fxp ? fxp.result : end.result;
    transfers.push({
      index,
      command,
      modeCommand: end.modeCommand,
      modeReply: end.modeReply,
      result,
      reply: end.reply,
      lastReply,
      cause: fxp ? fxp.cause : result === "ok" ? null : causeOf(window, end, dataConns, scenario),
      data: fxp || result !== "ok" ? null : dataOf(window, connects, scenario.server.relay !== undefined),
      attempt: attemptOf(lastConnect),
      bytes: end.bytes,
      ...(fxp?.outcome ? { fxp: fxp.outcome } : {}),
    });
  });

  return {
    login: login ? { result: login.result, reply: login.reply } : { result: "failed", reply: null },
    transfers,
    transcript: transcriptOf(events, scenario),
    endedBy: ended?.reason ?? "done",
  };
}

/**
 * Why a transfer never started. "login failed" is kept for a login the server refused (530): a
 * control connection that never opened is named as such, with why (timed out, refused,
 * unreachable) — no login was tried (sim/trace/login.ts).
 */
function notAttempted(events: readonly TraceEvent[], loggedIn: boolean): string {
  if (loggedIn) return "not attempted: the session ended first";
  const o = loginOutcome(events);
  return o.kind === "no-control" || o.kind === "no-reply" ? `not attempted: ${loginShort(o)}` : "not attempted: login failed";
}

function unattempted(index: number, command: string, cause: string): TransferResult {
  return { index, command, modeCommand: null, modeReply: null, result: "failed", reply: null, lastReply: null, cause, data: null, attempt: null, bytes: 0 };
}

function attemptOf(c: EventOf<"connect"> | undefined): TransferResult["attempt"] {
  return c ? { initiator: c.host, from: c.from, to: c.to } : null;
}

/** The data connection both ends saw established, with each end's own socket. */
function dataOf(window: readonly TraceEvent[], connects: readonly EventOf<"connect">[], relayed: boolean): DataEndpoints | null {
  for (let i = connects.length - 1; i >= 0; i--) {
    const c = connects[i]!;
    const atClient = lastOf(window, "established", (e) => e.conn === c.conn && e.host === "client");
    const atServer = lastOf(window, "established", (e) => e.conn === c.conn && e.host === "server");
    if (atClient && atServer) return { initiator: c.host, client: atClient.local, server: atServer.local };
  }
  if (!relayed) return null;
  // Through a relay the client's connection ends at the relay, and the relay's own reaches the server.
  const atClient = lastOf(window, "established", (e) => e.host === "client" && e.purpose === "data");
  const atServer = lastOf(window, "established", (e) => e.host === "server" && e.purpose === "data");
  const first = connects.find((c) => c.conn === atClient?.conn);
  if (atClient && atServer && first) return { initiator: first.host, client: atClient.local, server: atServer.local };
  return null;
}
