/**
 * A simulated session as a log: the same shape a pasted log is read into (log-types.ts), so
 * evidence.ts reads both alike. It shows what the log beside it could show: a client program's
 * log has its words about the data connection (timed out, refused, where it dialled), in plain
 * words from the trace's events; a capture (taken at the client, as people take them) has the
 * data connections' handshake segments and no program's words at all.
 */
import type { Packet } from "../net/packet";
import type { Trace } from "../trace/trace";
import type { LogEntry, ParsedLog } from "./log-types";

/** How a client program words a data connection that never opened (the kernel's errno). */
const CLOSE_WORDS = { refused: "Connection refused", reset: "Connection reset by peer", timeout: "Connection timed out" } as const;

const isControl = (p: Packet) => p.src.port === 21 || p.dst.port === 21;

function packetEntry(line: number, t: number, p: Packet): LogEntry {
  return {
    line,
    t,
    from: "packet",
    text: `${p.flags.join("+")} ${p.src.ip}:${p.src.port} → ${p.dst.ip}:${p.dst.port}`,
    packet: { src: p.src, dst: p.dst, flags: p.flags, length: p.payload.length },
  };
}

export function sessionLog(trace: Trace, side: "client" | "wire" = "client"): ParsedLog {
  const entries: LogEntry[] = [];
  const words = side === "client";
  trace.events.forEach((e, i) => {
    const line = i + 1;
    switch (e.type) {
      case "command":
        entries.push({ line, from: "client", text: e.line, t: e.t });
        break;
      case "reply":
        for (const text of e.text.split("\r\n")) entries.push({ line, from: "server", text, t: e.t });
        break;
      case "note":
        if (words && e.host === "client") entries.push({ line, from: "program", text: e.text, t: e.t });
        break;
      case "connect":
        // What curl ("Trying 10.0.0.5:30000..."), lftp and FileZilla print before a data connection.
        if (words && e.host === "client" && e.purpose === "data") entries.push({ line, from: "program", text: `Connecting to ${e.to.ip}:${e.to.port}`, t: e.t });
        break;
      case "timeout":
        if (words && e.host === "client" && e.what === "connect") entries.push({ line, from: "program", text: "connect timed out", t: e.t, error: true });
        break;
      case "closed":
        if (words && e.host === "client" && e.purpose === "data" && e.reason in CLOSE_WORDS) {
          entries.push({ line, from: "program", text: CLOSE_WORDS[e.reason as keyof typeof CLOSE_WORDS], t: e.t, error: true });
        }
        break;
      case "send":
      case "deliver":
      case "drop":
        // A capture at the client sees what it sends and what reaches it, before its own firewall decides.
        if (side === "wire" && e.node === "client" && !isControl(e.packet) && (e.type !== "send" || e.packet.flags.some((f) => f === "SYN" || f === "RST" || f === "FIN"))) {
          entries.push(packetEntry(line, e.t, e.packet));
        }
        break;
    }
  });
  const s = trace.scenario;
  return {
    format: "plain",
    side,
    client: s.client.software,
    server: s.server.software,
    control: { host: null, serverIp: s.server.nat?.publicIp ?? s.server.ip, port: 21, clientIp: s.client.nat?.publicIp ?? s.client.ip },
    entries,
  };
}
