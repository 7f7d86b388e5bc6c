/**
 * lftp's debug log (`lftp -d`, `debug` in a session; stderr): `---> ` a command, `<--- ` a reply
 * line (a multi-line reply's middle lines keep their leading space: `<---  EPRT`), `---- ` its
 * notes, `**** ` its errors (ftpclass.cc; test/real/fixtures/software/clients/lftp--*.log). With
 * `debug -t` / `-p` (log:show-time, log:show-pid) each line starts with `[pid] ` and
 * `YYYY-MM-DD HH:MM:SS ` (src/log.cc Log::DoWrite). A command's own complaint is bare:
 * `ls: Fatal error: max-retries exceeded`, `get: Access failed: 550 …`.
 */
import type { LogReader, ParsedLog } from "../log-types";
import { LogBuilder } from "./log-builder";
import { LISTING_LINE, readLines } from "./lines";
import { isoStamp } from "./timestamps";
import { scoreOf, shapeOf } from "./shape";

const LINE = /^(?:\[\d+\] )?(?:(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) )?(?:\[[^\]]*\] )?(--->|<---|----|\*\*\*\*)(?: (.*)|$)/;
/** `ls: Fatal error: …`, `get: Access failed: …`, `mirror: Login failed: …`. */
const COMPLAINT = /^[a-z][\w-]*: .*(?:error|failed|Fatal|denied|refused|timed out)/i;
/** `---- Connecting to ftp.example.com (203.0.113.5) port 21` (the first: the control connection). */
const CONNECTING = /^Connecting to (\S+) \(([^)]*)\) port (\d+)/;

export const lftpReader: LogReader = {
  format: "lftp",
  detect(text) {
    return scoreOf(
      shapeOf(text, (line) => {
        const m = LINE.exec(line);
        // `---> ` alone is also the console clients'; `<--- ` and `---- ` are lftp's.
        if (m) return m[2] === "--->" ? "shared" : "mine";
        return COMPLAINT.test(line) || LISTING_LINE.test(line) ? "shared" : "foreign";
      }),
    );
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("lftp", "client", { client: "lftp" });
    let connected = false;
    for (const { n, text: raw } of readLines(text)) {
      const m = LINE.exec(raw);
      if (!m) {
        if (COMPLAINT.test(raw)) out.program(n, raw.trim(), null, true);
        continue;
      }
      const ms = m[1] ? isoStamp(m[1]) : null;
      const body = m[3] ?? "";
      switch (m[2]) {
        case "--->":
          out.command(n, body, ms);
          break;
        case "<---":
          out.reply(n, body, ms);
          break;
        case "****":
          out.program(n, body, ms, true);
          break;
        default: {
          const c = connected ? null : CONNECTING.exec(body);
          if (c) {
            connected = true;
            out.host(c[1]!);
            out.serverIp(c[2]!);
            out.port(c[3]!);
          }
          out.program(n, body, ms);
        }
      }
    }
    return out.build();
  },
};
