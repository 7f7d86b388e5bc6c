/**
 * The kind of port a data connection used on the server: port 20 (active mode,
 * connect_from_port_20), a port of the passive range, another ephemeral port, or a named one.
 * Port numbers are random from run to run; their kind is what a lesson or a real-network check
 * can state.
 */
import { FTP_DATA_PORT } from "../net/ftp-ports";
import { ownPassiveRange } from "../scenario/passive-range";
import type { Scenario } from "../scenario/schema";
import type { TransferResult } from "./result";

export type PortKind = "20" | "passive range" | "ephemeral" | `port ${number}`;

/** A port is "passive range" only when the scenario set a range of its own (passive-range.ts). */
export function portKind(port: number, s: Scenario): PortKind {
  if (port === FTP_DATA_PORT) return "20";
  const r = ownPassiveRange(s);
  if (r && port >= r[0] && port <= r[1]) return "passive range";
  return port >= s.server.ephemeralPorts[0] && port <= s.server.ephemeralPorts[1] ? "ephemeral" : `port ${port}`;
}

import type { HostId } from "./events";

/** Who opened (or tried to open) a transfer's data connection, and the server's port kind. */
export interface DataShape {
  initiator: HostId;
  serverPort: PortKind;
  /** Whether a SYN-ACK came back (connected) or not (attempt). */
  connected: boolean;
}

export function dataShapeOf(t: Pick<TransferResult, "data" | "attempt">, s: Scenario): DataShape | null {
  if (t.data) return { initiator: t.data.initiator, serverPort: portKind(t.data.server.port, s), connected: true };
  if (t.attempt) {
    const port = t.attempt.initiator === "server" ? t.attempt.from.port : t.attempt.to.port;
    return { initiator: t.attempt.initiator, serverPort: portKind(port, s), connected: false };
  }
  return null;
}
