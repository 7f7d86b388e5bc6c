import type { Endpoint } from "./addresses";

/** TCP flags in the order Wireshark lists them. */
export type TcpFlag = "SYN" | "FIN" | "RST" | "PSH" | "ACK";

/**
 * One TCP segment on the wire. Packets are immutable: a NAT router that rewrites one makes a
 * new packet with the same id, so the trace can show it before and after.
 */
export interface Packet {
  readonly id: number;
  /** The model's connection id (both ends and every NAT view of it share it). */
  readonly conn: number;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly flags: readonly TcpFlag[];
  readonly seq: number;
  readonly ack: number;
  /** Application bytes: a command or reply line, file data, or a TLS record. */
  readonly payload: string;
  /** True when the payload is TLS ciphertext: middleboxes cannot read it. */
  readonly encrypted: boolean;
  /** 0 for the first transmission, n for the n-th retransmission. */
  readonly attempt: number;
}

export function isSyn(p: Packet): boolean {
  return p.flags.includes("SYN") && !p.flags.includes("ACK");
}

export function describeFlags(p: Packet): string {
  if (isSyn(p)) return "SYN";
  if (p.flags.includes("SYN")) return "SYN-ACK";
  if (p.flags.includes("RST")) return "RST";
  if (p.flags.includes("FIN")) return "FIN";
  return p.payload.length > 0 ? "data" : "ACK";
}
