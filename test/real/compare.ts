/**
 * Simulated versus real, per transfer: the outcome, the last reply the client saw, and the shape
 * of the data connection — who dialled, and which kind of server port it used (port 20, the
 * passive range, or another port). Port numbers themselves are random in both worlds and are
 * not compared.
 */
import type { Scenario } from "../../sim/scenario/schema";
import type { TransferResult } from "../../sim/trace/result";
import { portKind, type DataShape } from "../../sim/trace/data-shape";
import type { SynRecord, Tuple } from "./syn-watch";

export type { DataShape };

/** The simulator's per-transfer result, as far as a comparison needs it. */
export type SimTransfer = Pick<TransferResult, "command" | "result" | "lastReply" | "data" | "attempt">;

/** Data-connection tuples only: the control connection is the one to the server's port 21. */
const isData = (t: Tuple) => t.dst.port !== 21;

/**
 * From the SYNs each end saw during one transfer: the connection that was answered, else the
 * last attempt. The server's record names its own socket; a SYN lost before the server (a
 * private address, a NAT with no mapping) is seen only by the client.
 */
export function realShape(client: SynRecord, server: SynRecord, s: Scenario): DataShape | null {
  const fromServer = (t: Tuple, connected: boolean): DataShape => {
    const initiator = t.src.ip === s.server.ip ? "server" : "client";
    return { initiator, serverPort: portKind(initiator === "server" ? t.src.port : t.dst.port, s), connected };
  };
  const answered = server.answered.filter(isData);
  if (answered.length) return fromServer(answered[answered.length - 1]!, true);
  const tried = server.syns.filter(isData);
  if (tried.length) return fromServer(tried[tried.length - 1]!, false);
  const clientTried = client.syns.filter(isData);
  if (clientTried.length) {
    const t = clientTried[clientTried.length - 1]!;
    const initiator = t.src.ip === s.client.ip ? "client" : "server";
    return { initiator, serverPort: portKind(initiator === "client" ? t.dst.port : t.src.port, s), connected: client.answered.some(isData) };
  }
  return null;
}

export const describeShape = (d: DataShape | null) =>
  d === null ? "no data connection" : `${d.initiator} dialled, server ${d.serverPort === "20" ? "port 20" : d.serverPort}${d.connected ? "" : " (no answer)"}`;

export function sameShape(a: DataShape | null, b: DataShape | null): boolean {
  if (a === null || b === null) return a === b;
  return a.initiator === b.initiator && a.serverPort === b.serverPort && a.connected === b.connected;
}
