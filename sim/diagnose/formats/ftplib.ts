/**
 * Python's ftplib with `set_debuglevel(1)`: `*cmd* 'PASV'` (putcmd) and `*resp* '227 …'` (getresp,
 * a multi-line reply joined with \n); with level 2 also `*put* 'PASV\r\n'` (putline) and
 * `*get* '227 …\n'` (getline, one per reply line) — Lib/ftplib.py. Each is repr() of the text,
 * PASS sanitized to stars (FTP.sanitize). `*welcome* '220 …'` repeats the greeting (getwelcome).
 * A failure is an exception: the traceback's last line, `ftplib.error_temp: 425 …`,
 * `TimeoutError: [Errno 110] Connection timed out` (test/real/fixtures/software/clients/ftplib--*.log).
 */
import type { LogReader, ParsedLog } from "../log-types";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { readPyRepr } from "./python-repr";
import { scoreOf, shapeOf } from "./shape";

const DEBUG_LINE = /^\*(cmd|put|get|resp|welcome)\* (.*)$/;
const TRACEBACK = /^Traceback \(most recent call last\):/;
/** A traceback frame or the source line under it: indented. */
const FRAME = /^\s/;
/** The exception line: `ftplib.error_perm: 530 …`, `TimeoutError: …`, `socket.timeout: timed out`, `ConnectionRefusedError: …`. */
const EXCEPTION = /^(?:[A-Za-z_][\w]*\.)*(?:[A-Z]\w*(?:Error|Exception|Exit|Interrupt)|error_(?:temp|perm|reply|proto)|error|timeout|gaierror|herror)(?::|$)/;
const FTPLIB_EXCEPTION = /^ftplib\.(?:error_(?:temp|perm|reply|proto)|Error)\b/;

export const ftplibReader: LogReader = {
  format: "ftplib",
  detect(text) {
    return scoreOf(
      shapeOf(text, (line) => {
        if (DEBUG_LINE.test(line)) return "mine";
        // A traceback is not an FTP log by itself: its lines only count beside `*cmd*` lines.
        if (TRACEBACK.test(line) || FRAME.test(line) || EXCEPTION.test(line) || /^[1-5]\d\d[ -]/.test(line)) return "shared";
        return "foreign";
      }),
    );
  },
  parse(text): ParsedLog {
    const lines = readLines(text);
    // Level 2 prints each command twice (*cmd*, *put*) and each reply twice (*get* per line, *resp*
    // whole): read one of each, the finer where both are there.
    let hasCmd = false;
    let hasGet = false;
    for (const { text: t } of lines) {
      if (t.startsWith("*cmd* ")) hasCmd = true;
      else if (t.startsWith("*get* ")) hasGet = true;
      if (hasCmd && hasGet) break;
    }
    const out = new LogBuilder("ftplib", "client", { client: "ftplib" });
    let inTraceback = false;
    for (let i = 0; i < lines.length; i++) {
      const { n, text: raw } = lines[i]!;
      if (TRACEBACK.test(raw)) {
        inTraceback = true;
        continue;
      }
      if (inTraceback && FRAME.test(raw)) continue;
      if ((inTraceback && EXCEPTION.test(raw)) || FTPLIB_EXCEPTION.test(raw)) {
        inTraceback = false;
        out.program(n, raw.trim(), null, true);
        continue;
      }
      inTraceback = false;
      const m = DEBUG_LINE.exec(raw);
      if (!m) continue;
      const kind = m[1]!;
      let quoted = m[2]!;
      let value = readPyRepr(quoted);
      // A forum wrapped the line inside the quotes: the rest is on the next lines.
      for (let j = i + 1; value === null && j < lines.length && j <= i + 3; j++) {
        quoted += lines[j]!.text;
        value = readPyRepr(quoted);
        if (value !== null) i = j;
      }
      if (value === null) continue;
      const v = value.value;
      if (kind === "cmd" || (kind === "put" && !hasCmd)) out.command(n, v.replace(/\r?\n$/, ""));
      else if (kind === "get" || (kind === "resp" && !hasGet)) {
        for (const l of v.replace(/\r?\n$/, "").split(/\r?\n/)) out.reply(n, l);
      } else if (kind === "welcome") out.program(n, `*welcome* ${v}`);
    }
    return out.build();
  },
};
