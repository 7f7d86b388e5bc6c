/** IPv4 addresses, sockets and port ranges, as the rest of the model speaks them. */

export interface Endpoint {
  readonly ip: string;
  readonly port: number;
}

/** A single port or an inclusive range, as firewall rules and passive ranges write them. */
export type PortSpec = number | readonly [number, number];

/** Linux's default ephemeral range, net.ipv4.ip_local_port_range. */
export const LINUX_EPHEMERAL_PORTS: readonly [number, number] = [32768, 60999];

export function formatEndpoint(e: Endpoint): string {
  return `${e.ip}:${e.port}`;
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.ip === b.ip && a.port === b.port;
}

export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    octets.push(n);
  }
  return octets;
}

/**
 * Written the one way an address is written: no octet with a leading zero. parseIpv4 reads
 * "10.0.0.01" as 10.0.0.1 (as vsftpd and curl read h1..h4 in PORT and 227, RFC 959 §4.1.2:
 * decimal numbers); a scenario must not, or 10.0.0.01 and 10.0.0.1 pass as two hosts (and
 * inet_aton would read 010 as octal 8).
 */
export function isCanonicalIpv4(text: string): boolean {
  return parseIpv4(text) !== null && text.split(".").every((part) => part === "0" || !part.startsWith("0"));
}

function ipToInt(ip: string): number {
  const o = parseIpv4(ip);
  if (!o) return -1;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

/** Does `ip` fall in `cidr` ("10.0.0.0/8", or a bare address for /32)? */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (bits === 0) return true;
  const mask = bits >= 32 ? 0xffffffff : (~0 << (32 - bits)) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base ?? "") & mask) >>> 0);
}

/** RFC 1918 private ranges (and RFC 6598 shared space): addresses that never cross the internet. */
export function isPrivateIp(ip: string): boolean {
  return (
    inCidr(ip, "10.0.0.0/8") ||
    inCidr(ip, "172.16.0.0/12") ||
    inCidr(ip, "192.168.0.0/16") ||
    inCidr(ip, "100.64.0.0/10")
  );
}

export function inPortSpec(port: number, spec: PortSpec): boolean {
  return typeof spec === "number" ? port === spec : port >= spec[0] && port <= spec[1];
}

export function formatPortSpec(spec: PortSpec): string {
  return typeof spec === "number" ? String(spec) : `${spec[0]}-${spec[1]}`;
}
