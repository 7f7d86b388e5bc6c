/** A log written as a person reads one, for the diagnosis tests (no test runner inside: scripts use it too). */
import type { LogEntry, ParsedLog } from "../../../sim/diagnose/log-types";

/**
 * "> CMD" a command, "< 227 …" a reply line, "* words" the program's remark, "@1500 " before any
 * of them a timestamp in ms. Line numbers are the array's, 1-based.
 */
export function writtenLog(lines: readonly string[], control: Partial<ParsedLog["control"]> = {}, extra: Partial<Omit<ParsedLog, "entries" | "control">> = {}): ParsedLog {
  const entries: LogEntry[] = [];
  lines.forEach((raw, i) => {
    const timed = /^@(\d+) (.*)$/.exec(raw);
    const text = timed ? timed[2]! : raw;
    const t = timed ? { t: Number(timed[1]) } : {};
    const from = text.startsWith("> ") ? "client" : text.startsWith("< ") ? "server" : text.startsWith("* ") ? "program" : null;
    if (from) entries.push({ line: i + 1, from, text: text.slice(2), ...t });
  });
  return {
    format: "plain",
    side: "client",
    client: null,
    server: null,
    control: { host: null, serverIp: null, port: 21, clientIp: null, ...control },
    entries,
    ...extra,
  };
}

