/**
 * What an FTP command line and a reply line look like on the wire (RFC 959 §4, §5.4 and the
 * extensions a client sends: RFC 2228, 2389, 2428, 3659, draft CLNT/HOST/AVBL), for the readers of
 * formats that print them bare (console clients, a paste of plain lines) and to judge what a
 * prefixed line holds.
 */
import { parseCommand } from "../../ftp/commands";
import { TRANSFER_VERBS } from "../../ftp/transfer-verbs";

const FTP_VERBS: ReadonlySet<string> = new Set([
  "USER", "PASS", "ACCT", "CWD", "CDUP", "SMNT", "QUIT", "REIN", "PORT", "PASV", "TYPE", "STRU",
  "MODE", "RETR", "STOR", "STOU", "APPE", "ALLO", "REST", "RNFR", "RNTO", "ABOR", "DELE", "RMD",
  "MKD", "PWD", "LIST", "NLST", "SITE", "SYST", "STAT", "HELP", "NOOP", "FEAT", "OPTS", "AUTH",
  "PBSZ", "PROT", "CCC", "EPRT", "EPSV", "LPRT", "LPSV", "MDTM", "SIZE", "MLSD", "MLST", "CLNT",
  "HOST", "LANG", "AVBL", "MFMT", "MFCT", "XPWD", "XCWD", "XMKD", "XRMD", "XCUP", "ADAT", "MIC",
  "CONF", "ENC", "HASH", "CSID", "DSIZ", "RMDA", "MLSC", "THMB", "XCRC", "XMD5", "XSHA1",
]);

/** `PASV`, `RETR hello.txt`, `port 10,0,0,1,4,1`: a known verb, alone or with its argument. */
export function isCommandLine(line: string): boolean {
  return FTP_VERBS.has(parseCommand(line).verb);
}

/** A reply line that carries its code: `227 Entering …`, `211-Features:`, a bare `226`. */
export const REPLY_LINE = /^[1-5]\d\d(?:[ -]|$)/;

/**
 * Follows a multi-line reply (RFC 959 §4.2: `211-` opens it, `211 ` closes it) so that its
 * middle lines (` EPRT`, `Welcome`) are read as the reply's, not as a program's words. A reply whose
 * end never comes (lines lost in the paste) is let go after a bound, so one missing line does not
 * swallow the rest of the log.
 */
export class ReplyTracker {
  private open: string | null = null;
  private inside = 0;
  private static readonly MAX_LINES = 100;

  /** "reply": a line with a code; "continuation": a middle line of an open reply; null: neither. */
  accept(line: string): "reply" | "continuation" | null {
    const m = /^([1-5]\d\d)([ -]|$)/.exec(line);
    if (this.open !== null) {
      if (m && m[1] === this.open && m[2] !== "-") {
        this.open = null;
        return "reply";
      }
      if (++this.inside > ReplyTracker.MAX_LINES) this.open = null;
      else return m ? "reply" : "continuation";
    }
    if (!m) return null;
    if (m[2] === "-") {
      this.open = m[1]!;
      this.inside = 0;
    }
    return "reply";
  }

  reset(): void {
    this.open = null;
  }
}

/** Verbs that open a data connection in a log: the lab's (sim/ftp/transfer-verbs.ts) and the two real clients send that it does not model (RFC 3659 MLSD, RFC 959 STOU). */
export const LOG_TRANSFER_VERBS: ReadonlySet<string> = new Set([...Object.keys(TRANSFER_VERBS), "MLSD", "STOU"]);
