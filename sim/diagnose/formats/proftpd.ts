/**
 * ProFTPD's logs, recorded from ProFTPD 1.3.8 (test/fixtures/logs/proftpd/README.md):
 * - SystemLog / syslog / `-n` stderr: `2026-12-06 03:05:43,200 vm proftpd[10304] 10.99.2.21
 *   (10.99.1.10[10.99.1.10]): FTP session opened.`; through syslog `Dec  6 03:05:43 vm
 *   proftpd[10304]: 10.99.2.21 (10.99.1.10[10.99.1.10]) - FTP session opened.` (src/log.c
 *   pr_log_vwritefile / log_write). With `-d` (DebugLevel) each command shows as `dispatching
 *   CMD command 'PASV' to mod_core` (src/main.c _dispatch, once per phase: PRE_CMD, CMD, POST_CMD,
 *   LOG_CMD) and PASV's answer as `Entering Passive Mode (10,99,2,21,117,83).` (modules/mod_core.c
 *   core_pasv's debug line). Replies are not logged otherwise.
 * - ExtendedLog with the default LogFormat `%h %l %u %t "%r" %s %b` (modules/mod_log.c): one line
 *   per command, with the reply code only: `10.99.1.10 UNKNOWN ftp [06/Dec/…] "PASV" 227 -`.
 * - TransferLog (xferlog(5)): one line per file transferred, no commands.
 */
import { parseIpv4 } from "../../net/addresses";
import type { LogReader, ParsedLog } from "../log-types";
import { parseCommand } from "../../ftp/commands";
import { LOG_TRANSFER_VERBS, isCommandLine } from "./ftp-syntax";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { clfStamp, ctimeStamp, isoStamp, syslogStamp } from "./timestamps";
import { scoreOf, shapeOf } from "./shape";

/** [stamp] host proftpd[pid][:] server[ (client[ip])]: | - message */
const SYSTEM = /^(.*?)\S+ proftpd\[\d+\]:? (\S+)(?: \(([^[\]()]*)\[([^\]]*)\]\))?(?::| -) ?(.*)$/;
const EXTENDED = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "(.*)" (\d{3}|-) (\S+)$/;
/** xferlog(5): ctime duration host bytes file type action direction access user service auth-method auth-id status */
const XFER = /^(\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}) \d+ (\S+) (\d+) (.+) [ab] \S+ ([oid]) [agr] \S+ \S+ \d \S+ ([ci])$/;
const DISPATCH = /^dispatching (PRE_CMD|CMD|POST_CMD|POST_CMD_ERR|LOG_CMD|LOG_CMD_ERR) command '(.*)' to /;
const PASSIVE_REPLY = /^(Entering (?:Extended )?Passive Mode \(.*\)\.?)$/;
const LOCAL = /^connected - local\s*: (\S+):(\d+)$/;
const FAILURE = /refused|denied|failed|[Ee]rror|unable|[Tt]imeout|timed out|Illegal|Login incorrect|no such/;

function stampOf(s: string): number | null {
  const t = s.trim();
  return isoStamp(t) ?? syslogStamp(t);
}

export const proftpdReader: LogReader = {
  format: "proftpd",
  detect(text) {
    return scoreOf(
      shapeOf(text, (line) => {
        if (SYSTEM.test(line) || XFER.test(line)) return "mine";
        const e = EXTENDED.exec(line);
        // The Common Log Format is also every web server's: only an FTP command in the quotes is ProFTPD's.
        return e && isCommandLine(e[5]!) ? "mine" : "foreign";
      }),
      1,
    );
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("proftpd", "server", { server: "proftpd" });
    /** The command being dispatched, so that its phases make one entry. */
    let dispatching: string | null = null;
    for (const { n, text: raw } of readLines(text)) {
      const s = SYSTEM.exec(raw);
      if (s) {
        const ms = stampOf(s[1]!);
        if (s[4]) out.clientIp(s[4]);
        const msg = s[5]!;
        const d = DISPATCH.exec(msg);
        if (d) {
          const phase = d[1]!;
          const cmd = d[2]!;
          if ((phase === "PRE_CMD" || phase === "CMD") && dispatching !== cmd) out.command(n, cmd, ms);
          // The debug log has no replies, but a command is logged in LOG_CMD only once it succeeded, in
          // LOG_CMD_ERR when it failed (src/main.c, pr_cmd_dispatch_phase): for a transfer, its 226 or its failure.
          if (dispatching === cmd && phase === "LOG_CMD" && LOG_TRANSFER_VERBS.has(parseCommand(cmd).verb)) out.reply(n, "226", ms);
          if (dispatching === cmd && phase === "LOG_CMD_ERR") out.program(n, `${cmd} failed`, ms, true);
          dispatching = phase.startsWith("LOG_CMD") ? null : cmd;
          continue;
        }
        const p = PASSIVE_REPLY.exec(msg);
        if (p) {
          // core_pasv/core_epsv log the reply's text; the code is the one the reply carries.
          out.reply(n, `${p[1]!.includes("Extended") ? "229" : "227"} ${p[1]}`, ms);
          continue;
        }
        const l = LOCAL.exec(msg);
        if (l) {
          out.serverIp(l[1]!);
          out.port(l[2]!);
        }
        if (parseIpv4(s[2]!) !== null && s[3] !== undefined) out.serverIp(s[2]!);
        // The debug log's bookkeeping (privileges, config dump) is left out: it says nothing of the session.
        if (/^(?:ROOT|RELINQUISH|SETUP|REVOKE|PRIVS) PRIVS|^ ?\w+$|^$/.test(msg)) continue;
        out.program(n, msg, ms, FAILURE.test(msg));
        continue;
      }
      const e = EXTENDED.exec(raw);
      if (e && isCommandLine(e[5]!)) {
        const ms = clfStamp(e[4]!);
        out.clientIp(e[1]!);
        out.command(n, e[5]!, ms);
        // Only the code is logged (%s): the entry is the bare code.
        if (e[6] !== "-") out.reply(n, e[6]!, ms);
        continue;
      }
      const x = XFER.exec(raw);
      if (x) {
        const ms = ctimeStamp(x[1]!);
        out.clientIp(x[2]!);
        // The transfer command itself is not logged; the direction says which it was (xferlog(5): o outgoing, i incoming, d deleted).
        const verb = x[5] === "o" ? "RETR" : x[5] === "i" ? "STOR" : "DELE";
        out.command(n, `${verb} ${x[4]}`, ms);
        out.program(n, `${x[6] === "c" ? "transfer complete" : "transfer incomplete"}, ${x[3]} bytes`, ms, x[6] === "i");
      }
    }
    return out.build();
  },
};
