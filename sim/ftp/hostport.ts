/**
 * The four ways FTP writes a data address on the control connection, parsed and formatted:
 * PORT and the 227 reply (RFC 959 §4.1.2: h1,h2,h3,h4,p1,p2 with port = p1×256 + p2), EPRT and
 * the 229 reply (RFC 2428 §2 and §3: |af|address|port| and (|||port|)). Servers, clients, the
 * conntrack helper and the NAT helper all read them with these functions, as each real one
 * reads its own.
 */
import { parseIpv4, type Endpoint } from "../net/addresses";

/** h1..h6 as RFC 959 writes them: "10,99,2,2,117,70". Null when the text is not six bytes. */
export function parseHostPort(text: string): Endpoint | null {
  const parts = text.trim().split(",");
  if (parts.length !== 6) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part.trim())) return null;
    const n = Number(part.trim());
    if (n > 255) return null;
    bytes.push(n);
  }
  const port = bytes[4]! * 256 + bytes[5]!;
  return { ip: bytes.slice(0, 4).join("."), port };
}

export function formatHostPort(e: Endpoint): string {
  return `${e.ip.split(".").join(",")},${Math.floor(e.port / 256)},${e.port % 256}`;
}

export type EprtParse =
  | { ok: true; family: 1 | 2; ip: string; port: number }
  | { ok: false; reason: "syntax" | "protocol" };

/**
 * RFC 2428 §2: EPRT<space><d><net-prt><d><net-addr><d><tcp-port><d>, where <d> is any
 * printable character (usually "|"), net-prt 1 is IPv4 and 2 is IPv6.
 */
export function parseEprtArgument(arg: string): EprtParse {
  const d = arg.charAt(0);
  if (d === "" || d < "!" || d > "~") return { ok: false, reason: "syntax" };
  const fields = arg.split(d);
  // "|1|10.0.0.1|5000|" splits into ["", "1", "10.0.0.1", "5000", ""].
  if (fields.length !== 5 || fields[0] !== "" || fields[4] !== "") return { ok: false, reason: "syntax" };
  const [, proto, addr, portText] = fields as [string, string, string, string, string];
  if (proto !== "1" && proto !== "2") return { ok: false, reason: "protocol" };
  if (proto === "2") return { ok: false, reason: "protocol" }; // this model is IPv4 only
  if (parseIpv4(addr) === null) return { ok: false, reason: "syntax" };
  if (!/^\d{1,5}$/.test(portText)) return { ok: false, reason: "syntax" };
  const port = Number(portText);
  // Port 0 parses (vsftpd then refuses it as a reserved port); above 65535 does not.
  if (port > 65535) return { ok: false, reason: "syntax" };
  return { ok: true, family: 1, ip: addr, port };
}

export function formatEprtArgument(e: Endpoint): string {
  return `|1|${e.ip}|${e.port}|`;
}

/** The (h1,…,p2) inside a 227 reply; the text around it is free (RFC 959 §4.2 leaves it open). */
export function parse227(text: string): Endpoint | null {
  const m = /\((\s*\d{1,3}\s*(?:,\s*\d{1,3}\s*){5})\)/.exec(text) ?? /(\d{1,3}(?:,\d{1,3}){5})/.exec(text);
  return m ? parseHostPort(m[1]!) : null;
}

/** RFC 2428 §3: "229 Entering Extended Passive Mode (|||6446|)". Any delimiter, three times. */
export function parse229(text: string): number | null {
  const m = /\(([\x21-\x7e])\1\1(\d{1,5})\1\)/.exec(text);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? port : null;
}

export function describePortArithmetic(e: Endpoint): string {
  const p1 = Math.floor(e.port / 256);
  const p2 = e.port % 256;
  return `${e.ip} port ${p1}×256+${p2} = ${e.port}`;
}
