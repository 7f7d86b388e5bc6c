/** Hand-made TCP segments for the network layer's unit tests. */
import type { Endpoint } from "@/sim/net/addresses";
import type { Packet, TcpFlag } from "@/sim/net/packet";

let ids = 1;

export function ep(text: string): Endpoint {
  const [ip, port] = text.split(":") as [string, string];
  return { ip, port: Number(port) };
}

const FLAGS: Record<string, TcpFlag[]> = {
  SYN: ["SYN"],
  "SYN-ACK": ["SYN", "ACK"],
  ACK: ["ACK"],
  data: ["PSH", "ACK"],
  FIN: ["FIN", "ACK"],
  RST: ["RST"],
  "RST-ACK": ["RST", "ACK"],
};

/** pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN") */
export function pkt(src: string, dst: string, kind: keyof typeof FLAGS, payload = "", extra: Partial<Packet> = {}): Packet {
  return {
    id: ids++,
    conn: 0,
    src: ep(src),
    dst: ep(dst),
    flags: FLAGS[kind]!,
    seq: 1000,
    ack: kind === "SYN" ? 0 : 5000,
    payload,
    encrypted: false,
    attempt: 0,
    ...extra,
  };
}

/** The reverse of a segment's addresses. */
export function reply(p: Packet, kind: keyof typeof FLAGS, payload = "", extra: Partial<Packet> = {}): Packet {
  return pkt(`${p.dst.ip}:${p.dst.port}`, `${p.src.ip}:${p.src.port}`, kind, payload, extra);
}
