/**
 * `curl -v` on an ftp:// URL (stderr): `* ` its notes, `> ` a command, `< ` a reply line,
 * `{ [N bytes data]` / `} [N bytes data]`, and `curl: (N) …` at the end of a failure (lib/ftp.c,
 * lib/pingpong.c Curl_pp_vsendf; the reference transcripts ../shared/reference/transcripts/*.curl.txt).
 * Pasted from a terminal, the progress meter shares the first line: `  0  0 … --:--     0*   Trying
 * 10.99.2.21:21...` (test/fixtures/logs/curl/v--proftpd.log, recorded): the meter is cut off.
 */
import type { LogReader, ParsedLog } from "../log-types";
import { REPLY_LINE, ReplyTracker, isCommandLine } from "./ftp-syntax";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { scoreOf, shapeOf } from "./shape";

const MARKED = /^([*<>]) (.*)$/;
const DATA = /^[{}] \[\d+ bytes data\]/;
const EXIT = /^curl: \((\d+)\) (.*)$/;
/** The progress meter in front of a marked line: numbers, `--:--:--`, sizes with k/M/G. */
const METER = /^[\d\s.:kMGT%-]*?(?:--:--:--|\d\d:\d\d:\d\d)[\d\s.:kMGT-]*?(?=[*<>{}] )/;

/** The `* ` notes that report a failure (lib/ftp.c failf(), lib/connect.c, lib/pingpong.c). */
const FAILURE =
  /(?:^Failed|failed|timed out|[Tt]imeout|Couldn't|refused|Connection died|Connection reset|error|Error|denied|^Bad PASV|did not report OK|RETR response: [45]|Illegal|^Access denied|cannot|Can't)/;

const TRYING = /^ *Trying (\[[0-9a-fA-F:]+\]|[^\s:]+):(\d+)/;
const CONNECTED = /^Connected to (\S+) \(([^)]*)\) port (\d+)/;

function unmeter(line: string): string {
  return /^\s*\d/.test(line) && line.includes("--:--") ? line.replace(METER, "") : line;
}

export const curlReader: LogReader = {
  format: "curl",
  detect(text) {
    let stars = 0;
    let ftp = 0;
    const shape = shapeOf(text, (raw) => {
      const line = unmeter(raw);
      const m = MARKED.exec(line);
      if (!m) return DATA.test(line) || EXIT.test(line) ? "shared" : "foreign";
      if (m[1] === "*") {
        stars++;
        return "shared";
      }
      // An HTTP exchange has `> GET / HTTP/1.1` and `< HTTP/1.1 200 OK`: not FTP.
      const isFtp = m[1] === ">" ? isCommandLine(m[2]!) : REPLY_LINE.test(m[2]!);
      if (isFtp) ftp++;
      return isFtp ? "mine" : "foreign";
    });
    if (ftp < 2) return 0;
    // curl's own `* ` lines are its mark once FTP lines are there; `> `/`< ` alone is also basic-ftp's.
    const score = scoreOf({ mine: shape.mine + stars, shared: shape.shared - stars, total: shape.total });
    return stars === 0 ? score * 0.5 : score;
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("curl", "client", { client: "curl" });
    let connected = false;
    let tried = false;
    const replies = new ReplyTracker();
    for (const { n, text: raw } of readLines(text)) {
      const line = unmeter(raw);
      const e = EXIT.exec(line);
      if (e) {
        out.program(n, line, null, true);
        continue;
      }
      const m = MARKED.exec(line);
      if (!m) continue;
      const body = m[2]!;
      if (m[1] === ">") {
        if (isCommandLine(body)) out.command(n, body);
      } else if (m[1] === "<") {
        // A reply line, or the middle of a multi-line one (` EPRT`); HTTP headers are not FTP.
        if (replies.accept(body) !== null) out.reply(n, body);
      } else {
        const t = tried ? null : TRYING.exec(body);
        if (t) {
          tried = true;
          out.serverIp(t[1]!);
          out.port(t[2]!);
        }
        const c = connected ? null : CONNECTED.exec(body);
        if (c) {
          connected = true;
          out.host(c[1]!);
          out.serverIp(c[2]!);
          out.port(c[3]!);
        }
        out.program(n, body.trim(), null, FAILURE.test(body));
      }
    }
    return out.build();
  },
};
