/**
 * FileZilla Server's logs. 0.9.x (`FileZilla Server.log`, the admin window):
 * `(000001)5/12/2026 20:31:00 - anonymous (10.99.1.10)> PASV` for a command and `…> 227 Entering
 * Passive Mode (…)` for a reply — the same `> ` for both; a reply starts with its code (legacy source
 * `FileZilla Server/trunk/source/ControlSocket.cpp` in larygwil/FileZilla-proj, Log()). Before login
 * the user is `(not logged in)`. 1.x: `<12/3/2025 11:23:17 AM> FTP Session 87 11.222.33.44
 * myUsername [Response] 227 Entering Passive Mode (…)` with `[Command]`, `[Response]`, `[Status]`,
 * `[Error]` (a published log, DOCUMENTED.md §4).
 */
import type { LogReader, ParsedLog } from "../log-types";
import { REPLY_LINE } from "./ftp-syntax";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { localeStamp } from "./timestamps";
import { scoreOf, shapeOf } from "./shape";

const LEGACY = /^\((\d+)\)\s*(\S+ \d{1,2}:\d\d:\d\d(?: ?[AP]M)?) - (.*?) \(([^()]*)\)> ?(.*)$/i;
const MODERN = /^<([^>]+)> FTP Session (\d+) (\S+)(?: (.*?))? \[(Command|Response|Status|Error|Info|Warning)\] (.*)$/;

export const fileZillaServerReader: LogReader = {
  format: "filezilla-server",
  detect(text) {
    return scoreOf(shapeOf(text, (line) => (LEGACY.test(line) || MODERN.test(line) ? "mine" : "foreign")), 1);
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("filezilla-server", "server", { server: "filezilla-server" });
    for (const { n, text: raw } of readLines(text)) {
      const l = LEGACY.exec(raw);
      if (l) {
        const ms = localeStamp(l[2]!);
        out.clientIp(l[4]!);
        const msg = l[5]!;
        if (REPLY_LINE.test(msg)) out.reply(n, msg, ms);
        // A 3- or 4-letter word first is a command; its own words (`Connected, sending welcome message...`) are longer.
        else if (/^[A-Za-z]{3,4}(?: |$)/.test(msg)) out.command(n, msg, ms);
        else out.program(n, msg, ms);
        continue;
      }
      const m = MODERN.exec(raw);
      if (!m) continue;
      const ms = localeStamp(m[1]!);
      out.clientIp(m[3]!);
      const msg = m[6]!;
      if (m[5] === "Command") out.command(n, msg, ms);
      else if (m[5] === "Response") out.reply(n, msg, ms);
      else out.program(n, msg, ms, m[5] === "Error");
    }
    return out.build();
  },
};
