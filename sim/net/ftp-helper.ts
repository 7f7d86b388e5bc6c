/**
 * What Linux's FTP conntrack helper (nf_conntrack_ftp) reads on port 21: PORT and EPRT from the
 * client, 227 and 229 from the server. It only reads plaintext; under TLS (RFC 4217) it sees
 * nothing. It records an announcement only when the announced address is the sender's own
 * address (the module's default, loose=0), so a 227 carrying a NAT's public address opens nothing.
 */
import type { Endpoint } from "./addresses";
import type { Direction } from "./conntrack";
import { parse227, parse229, parseEprtArgument, parseHostPort } from "../ftp/hostport";

export type AnnouncementKind = "PORT" | "EPRT" | "227" | "229";

export interface Announcement {
  kind: AnnouncementKind;
  /** The announced address; for 229 the sender's own address (RFC 2428 §3 sends none). */
  endpoint: Endpoint;
  /** The exact text span that carries it, for a NAT helper to rewrite. */
  span: { start: number; end: number };
}

/** Finds an announcement in a payload going in `dir` of a control connection (orig = client to server). */
export function readAnnouncement(payload: string, dir: Direction, senderIp: string): Announcement | null {
  if (dir === "orig") {
    const head = payload.slice(0, 5).toUpperCase();
    if (head === "PORT ") {
      const end = payload.indexOf("\r");
      const arg = payload.slice(5, end < 0 ? undefined : end);
      const endpoint = parseHostPort(arg);
      return endpoint ? { kind: "PORT", endpoint, span: { start: 5, end: 5 + arg.length } } : null;
    }
    if (head === "EPRT ") {
      const end = payload.indexOf("\r");
      const arg = payload.slice(5, end < 0 ? undefined : end);
      const parsed = parseEprtArgument(arg);
      return parsed.ok && parsed.port > 0 ? { kind: "EPRT", endpoint: { ip: parsed.ip, port: parsed.port }, span: { start: 5, end: 5 + arg.length } } : null;
    }
    return null;
  }
  if (payload.startsWith("227 ")) {
    const open = payload.indexOf("(");
    const close = payload.indexOf(")", open);
    if (open < 0 || close < 0) return null;
    const endpoint = parse227(payload.slice(open, close + 1));
    return endpoint ? { kind: "227", endpoint, span: { start: open + 1, end: close } } : null;
  }
  if (payload.startsWith("229 ")) {
    const port = parse229(payload);
    if (port === null) return null;
    const open = payload.indexOf("(");
    const close = payload.indexOf(")", open);
    return { kind: "229", endpoint: { ip: senderIp, port }, span: { start: open + 1, end: close } };
  }
  return null;
}
