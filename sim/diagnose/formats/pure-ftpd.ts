/**
 * Pure-FTPd's syslog lines (it logs nowhere else; `-d` adds each command but PASS, `-d -d` each
 * reply line too): `Dec  6 03:05:45 vm pure-ftpd: (ftp@10.99.1.10) [DEBUG] Command [pasv] []`,
 * `… [DEBUG] 227 Entering Passive Mode (10,99,2,22,117,75)`, `… [INFO] New connection from
 * 10.99.1.10`, `… [ERROR] …` (src/log_unix.c, src/ftpd.c logfile()/addreply; recorded from
 * Pure-FTPd 1.0.50: test/fixtures/logs/pure-ftpd/README.md). `(?@ip)` before login.
 */
import type { LogReader, ParsedLog } from "../log-types";
import { REPLY_LINE } from "./ftp-syntax";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { isoStamp, syslogStamp } from "./timestamps";
import { scoreOf, shapeOf } from "./shape";

const LINE = /^(.*?)pure-ftpd(?:\[\d+\])?: \(([^@)]*)@([^)]*)\) \[([A-Z]+)\] (.*)$/;
const COMMAND = /^Command \[([^\]]*)\] \[(.*)\]$/;

export const pureFtpdReader: LogReader = {
  format: "pure-ftpd",
  detect(text) {
    return scoreOf(shapeOf(text, (line) => (LINE.test(line) ? "mine" : "foreign")), 1);
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("pure-ftpd", "server", { server: "pure-ftpd" });
    for (const { n, text: raw } of readLines(text)) {
      const m = LINE.exec(raw);
      if (!m) continue;
      const stamp = m[1]!.trim();
      const ms = syslogStamp(stamp) ?? isoStamp(stamp);
      out.clientIp(m[3]!);
      const level = m[4]!;
      const msg = m[5]!;
      const c = level === "DEBUG" ? COMMAND.exec(msg) : null;
      if (c) {
        // Logged lower-case with its argument in brackets: `Command [pasv] []` → `PASV`.
        const verb = c[1]!.toUpperCase();
        out.command(n, c[2] ? `${verb} ${c[2]}` : verb, ms);
      } else if (level === "DEBUG" && REPLY_LINE.test(msg)) out.reply(n, msg, ms);
      else out.program(n, `[${level}] ${msg}`, ms, level === "ERROR" || level === "WARNING");
    }
    return out.build();
  },
};
