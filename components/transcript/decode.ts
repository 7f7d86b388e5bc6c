/**
 * Reading the control channel for a learner: times as people say them, and the data addresses
 * of PORT, EPRT, 227 and 229 decoded with their arithmetic shown. Shared by the transcript, the
 * sequence view and the packet inspector, so all three say it the same way. (The password is
 * masked by sim/trace/labels.ts, with every other word of a trace.)
 */
import { describePortArithmetic, parse227, parse229, parseEprtArgument, parseHostPort } from "../../sim/ftp/hostport";

/** Virtual time: "150 ms" below a second, "3.15 s" from there on. */
export function formatTime(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = (ms / 1000).toFixed(3).replace(/\.?0+$/, "");
  return `${s} s`;
}

/** A duration in words: "3 s", "400 ms". */
export const formatDuration = formatTime;

/**
 * What a PORT, EPRT, 227 or 229 line announces, in words; null for every other line.
 *   PORT 10,99,1,2,117,70  →  10.99.1.2 port 117×256+70 = 30022
 *   229 … (|||30042|)      →  port 30042 on the control connection's host
 */
export function decodeLine(line: string): string | null {
  const command = /^(PORT|EPRT)\s+(.*)$/i.exec(line.trim());
  if (command) {
    const verb = command[1]!.toUpperCase();
    const arg = command[2]!;
    if (verb === "PORT") {
      const e = parseHostPort(arg);
      return e ? describePortArithmetic(e) : "not a valid h1,h2,h3,h4,p1,p2 address";
    }
    const parsed = parseEprtArgument(arg);
    return parsed.ok ? `${parsed.ip} port ${parsed.port}` : "not a valid |1|address|port| argument";
  }
  if (/^227[ -]/.test(line)) {
    const e = parse227(line);
    return e ? describePortArithmetic(e) : null;
  }
  if (/^229[ -]/.test(line)) {
    const port = parse229(line);
    return port === null ? null : `port ${port} on the control connection's host`;
  }
  return null;
}
