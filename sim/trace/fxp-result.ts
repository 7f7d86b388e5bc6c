/**
 * A server-to-server transfer's line in the result (RFC 959 §2.3, figure 2): the client sees two
 * final replies, one from each server, and neither tells the whole story. A can refuse B's data
 * connection ("425 Security: Bad IP connecting.", vsftpd pasv_promiscuous=NO) while B, whose
 * connection simply ended, says "226 Transfer complete." over an empty file (the reference,
 * test/real/fixtures/multi-host/fxp-a-default.json). So the outcome is read from the trace: both
 * replies, and the bytes that actually reached B.
 */
import type { Endpoint } from "../net/addresses";
import { fileContent } from "../ftp/files";
import { isPreliminary } from "../ftp/replies";
import type { FxpConfig, Scenario } from "../scenario/schema";
import type { EventOf, HostId, TraceEvent } from "./events";

export interface FxpReply {
  readonly command: string;
  /** The final reply to the command; null when none came. */
  readonly reply: number | null;
  readonly text: string | null;
}

export interface FxpOutcome {
  /** RETR on A, STOR on B. */
  readonly a: FxpReply;
  readonly b: FxpReply;
  /** The file's size on A, and the bytes that reached B over the data connection. */
  readonly size: number;
  readonly stored: number;
  /** The data connection both servers saw open: B's socket and A's, each as its own end sees it. */
  readonly data: { readonly initiator: HostId; readonly from: Endpoint; readonly to: Endpoint } | null;
}

/** The transfer's name in the result: A's side of it. */
export const fxpCommand = (fxp: FxpConfig): string => `RETR ${fxp.file}`;

/** The server at the other end of each of the client's control connections. */
export function controlPeers(events: readonly TraceEvent[]): Map<number, HostId> {
  const peers = new Map<number, HostId>();
  for (const e of events) if (e.type === "established" && e.purpose === "control" && e.host !== "client") peers.set(e.conn, e.host);
  return peers;
}

function replyTo(window: readonly TraceEvent[], verb: "RETR" | "STOR"): FxpReply | null {
  const i = window.findIndex((e) => e.type === "command" && e.line.startsWith(`${verb} `));
  if (i < 0) return null;
  const command = window[i] as EventOf<"command">;
  const reply = window.slice(i + 1).find((e): e is EventOf<"reply"> => e.type === "reply" && e.conn === command.conn && !isPreliminary(e.code));
  return { command: command.line, reply: reply?.code ?? null, text: reply?.text ?? null };
}

function findLast<T extends TraceEvent>(events: readonly TraceEvent[], keep: (e: TraceEvent) => e is T): T | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (keep(events[i]!)) return events[i] as T;
  return undefined;
}

const said = (r: FxpReply): string => (r.text === null ? "no final reply" : `"${r.text}"`);

function causeOf(window: readonly TraceEvent[], end: EventOf<"transfer-end">, dataConns: ReadonlySet<number>, fxp: FxpConfig, o: FxpOutcome | null): string {
  if (end.modeReply !== null && end.modeReply >= 400) {
    const refusal = findLast(window, (e): e is EventOf<"reply"> => e.type === "reply" && e.code === end.modeReply);
    return `server B refused ${fxp.announce} naming server A's address, not its control peer's (a third host, RFC 2577 §3): "${refusal?.text ?? end.modeReply}"`;
  }
  if (!o) return "the transfer commands were never sent";
  const drop = findLast(window, (e): e is EventOf<"drop"> => e.type === "drop" && dataConns.has(e.packet.conn));
  const why = drop ? `${drop.reason}; ` : "";
  const b = `server B answered ${o.b.command.split(" ")[0]} with ${said(o.b)}`;
  const stored = `${o.stored} of ${o.size} bytes reached B`;
  return `${why}server A answered ${o.a.command.split(" ")[0]} with ${said(o.a)}; ${b}; ${stored}`;
}

/** The fields of the transfer's result that a server-to-server transfer reads its own way. */
export function fxpTransfer(window: readonly TraceEvent[], end: EventOf<"transfer-end">, dataConns: ReadonlySet<number>, scenario: Scenario, fxp: FxpConfig) {
  const a = replyTo(window, "RETR");
  const b = replyTo(window, "STOR");
  let stored = 0;
  for (const e of window) if (e.type === "deliver" && e.node === "server-b" && dataConns.has(e.packet.conn)) stored += e.packet.payload.length;
  const size = fileContent(scenario.files, fxp.file)?.length ?? 0;
  let data: FxpOutcome["data"] = null;
  for (const conn of dataConns) {
    const atB = window.find((e): e is EventOf<"established"> => e.type === "established" && e.conn === conn && e.host === "server-b");
    const atA = window.find((e): e is EventOf<"established"> => e.type === "established" && e.conn === conn && e.host === "server");
    if (atA && atB) data = { initiator: "server-b", from: atB.local, to: atA.local };
  }
  const outcome: FxpOutcome | null = a && b ? { a, b, size, stored, data } : null;
  // Both 226s are not enough: B says 226 over a connection A closed without a byte.
  const result: "ok" | "failed" = end.result === "ok" && stored === size ? "ok" : "failed";
  return { result, cause: result === "ok" ? null : causeOf(window, end, dataConns, fxp, outcome), outcome };
}
