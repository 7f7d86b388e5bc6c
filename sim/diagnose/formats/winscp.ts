/**
 * WinSCP's session log (the file, not the GUI): a mark, `yyyy-mm-dd hh:nn:ss.zzz`, the text —
 * `>` a command sent, `<` a reply line, `.` a message, `!` the server's stderr (SSH), `*` an
 * exception (source/core/SessionInfo.cpp LogLineMarks "<>!.*", DoAddToSelf). A background
 * transfer adds `[Background 1]` after the stamp (Far-NetBox's log in DOCUMENTED.md §2).
 */
import type { LogReader, ParsedLog } from "../log-types";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { isoStamp } from "./timestamps";
import { scoreOf, shapeOf } from "./shape";

const LINE = /^([.<>!*]) (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,3})?) (?:\[[^\]]*\] )?(.*)$/;

/** The messages WinSCP logs for a failure (source/resource/TextsFileZilla.rc; DOCUMENTED.md §2). */
const FAILURE = /^(?:Transfer channel can't be opened|Timeout detected|Could not |Error |Connection failed|Cannot |Can't |Disconnected from server unexpectedly)|failed/i;

/** `Connecting to 203.0.113.5 ...`, `Connecting to 203.0.113.5:2121 ...` (the data connection's too: only the first counts). */
const CONNECTING = /^Connecting to (\[[0-9a-fA-F:]+\]|[^\s:]+)(?::(\d+))? \.\.\./;
/** The session header: `Host name: ftp.example.com (Port: 21)` (SessionInfo.cpp). */
const HOST_NAME = /^Host name: (\S+) \(Port: (\d+)\)/;
const CONNECTED_WITH = /^Connected with (\S+?)\.? Waiting for welcome message/;

export const winScpReader: LogReader = {
  format: "winscp",
  detect(text) {
    return scoreOf(shapeOf(text, (line) => (LINE.test(line) ? "mine" : "foreign")), 1);
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("winscp", "client", { client: "winscp" });
    let connected = false;
    for (const { n, text: raw } of readLines(text)) {
      const m = LINE.exec(raw);
      if (!m) {
        if (raw.trim() !== "") out.continueLast(n, raw);
        continue;
      }
      const [, mark, stamp, body] = m as unknown as [string, string, string, string];
      const ms = isoStamp(stamp);
      if (mark === ">") out.command(n, body, ms);
      else if (mark === "<") out.reply(n, body, ms);
      else {
        const h = HOST_NAME.exec(body);
        if (h) {
          out.host(h[1]!);
          out.port(h[2]!);
        }
        const c = connected ? null : CONNECTING.exec(body);
        if (c) {
          connected = true;
          out.host(c[1]!);
          if (c[2]) out.port(c[2]);
        }
        const w = CONNECTED_WITH.exec(body);
        if (w) out.host(w[1]!);
        out.program(n, body, ms, mark !== "." || FAILURE.test(body));
      }
    }
    return out.build();
  },
};
