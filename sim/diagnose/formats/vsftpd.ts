/**
 * vsftpd's own log with `log_ftp_protocol=YES` (vsftpd_log_file, or syslog with syslog_enable):
 * `Sun Dec  6 03:05:04 2026 [pid 9104] [ftp] FTP command: Client "10.99.1.10", "PASV"`,
 * `… FTP response: Client "10.99.1.10", "227 Entering Passive Mode (…)."`, `CONNECT: Client "…"`,
 * `[ftp] OK LOGIN: Client "…", anon password "…"`, `FAIL DOWNLOAD: …` (logging.c
 * vsf_log_line/vsf_log_do_log_vsftpd_format; postlogin.c). A multi-line reply is one
 * `FTP response` per line. The password is logged as `PASS <password>` (logging.c hides it).
 * Recorded: test/fixtures/logs/vsftpd/, ../shared/reference/transcripts/*-vsftpd-protocol-log.txt.
 */
import type { LogReader, ParsedLog } from "../log-types";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { ctimeStamp, syslogStamp } from "./timestamps";
import { scoreOf, shapeOf } from "./shape";

/** [stamp] ([pid N] | vsftpd[N]:) [user] WHAT: Client "ip"[, rest] */
const LINE = /^(.*?)(?:\[pid \d+\]|vsftpd\[\d+\]:)\s+(?:\[([^\]]*)\] )?([A-Z][A-Z ]*?|FTP command|FTP response|DEBUG): Client "([^"]*)"(?:, (.*))?$/;

function unquote(s: string): string {
  // The text is everything between the first and the last quote: a reply may hold quotes itself (257 "/" is …).
  const first = s.indexOf('"');
  const last = s.lastIndexOf('"');
  return first >= 0 && last > first ? s.slice(first + 1, last) : s;
}

export const vsftpdReader: LogReader = {
  format: "vsftpd",
  detect(text) {
    return scoreOf(shapeOf(text, (line) => (LINE.test(line) ? "mine" : "foreign")), 1);
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("vsftpd", "server", { server: "vsftpd" });
    for (const { n, text: raw } of readLines(text)) {
      const m = LINE.exec(raw);
      if (!m) {
        // A reply or command wrapped by a forum: its closing quote is on the next line.
        if (raw.trim() !== "") out.continueLast(n, raw.replace(/"$/, ""));
        continue;
      }
      const stamp = m[1]!.trim();
      const ms = ctimeStamp(stamp) ?? syslogStamp(stamp);
      const what = m[3]!;
      out.clientIp(m[4]!);
      const rest = m[5] ?? "";
      if (what === "FTP command") out.command(n, unquote(rest), ms);
      else if (what === "FTP response") out.reply(n, unquote(rest), ms);
      else out.program(n, `${what}: Client "${m[4]}"${rest ? `, ${rest}` : ""}`, ms, what.startsWith("FAIL"));
    }
    return out.build();
  },
};
