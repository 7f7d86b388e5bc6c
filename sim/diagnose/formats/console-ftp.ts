/**
 * The console FTP clients that print replies bare: BSD ftp / tnftp and GNU inetutils ftp (`-d`
 * echoes each command sent as `---> CMD`, PASS as `---> PASS XXXX`: tnftp ftp.c command(),
 * inetutils ftp/ftp.c command()), and Windows ftp.exe (echoes none). A reply line is one that
 * starts with its code, or a middle line of a multi-line reply (RFC 959 §4.2); the rest is the
 * program's own words, the user's typing at `ftp> ` and what a listing printed, which is left out.
 */
import type { ClientSoftware } from "../../software/names";
import type { LogFormat, ParsedLog } from "../log-types";
import { ReplyTracker } from "./ftp-syntax";
import { LogBuilder } from "./log-builder";
import { LISTING_LINE, readLines } from "./lines";

export interface ConsoleStyle {
  readonly format: LogFormat & ClientSoftware;
  /** The program's own failure lines: `tnftp: Can't connect to …`, `ftp: connect: Connection timed out`. */
  readonly failure: RegExp;
  /** The program's own other words worth keeping as notes. */
  readonly note: RegExp;
  /**
   * tnftp -d prints a 229 (and an EPRT's 200) a second time, the reply it parsed
   * (bsd-ftp--open-passive.log): the echo is dropped.
   */
  readonly dropEcho: boolean;
}

/** `Connected to ftp.example.com.`, `Connected to 203.0.113.5 (203.0.113.5).` (ftp.c hookup(): "Connected to %s."). */
const CONNECTED = /^Connected to (\S+?)\.?(?: \(([^)]*)\))?\.?$/;
/** The command line the user typed: `C:\>ftp 203.0.113.5`, `$ ftp -d ftp.example.com 2121`. */
const INVOCATION = /^(?:\S*[>$#%] ?)?(?:tnftp|ftp|inetutils-ftp|ftp\.exe)(?: -\S+)* ([\w.:[\]-]+)(?: (\d+))?$/;
const PROMPT = /^ftp> ?(.*)$/;

export function readConsole(text: string, style: ConsoleStyle): ParsedLog {
  const out = new LogBuilder(style.format, "client", { client: style.format });
  const replies = new ReplyTracker();
  let lastReply: string | null = null;
  for (const { n, text: raw } of readLines(text)) {
    if (raw.startsWith("---> ")) {
      replies.reset();
      lastReply = null;
      out.command(n, raw.slice(5));
      continue;
    }
    const kind = raw === "" ? null : replies.accept(raw);
    if (kind !== null && !(kind === "continuation" && LISTING_LINE.test(raw))) {
      if (style.dropEcho && kind === "reply" && raw === lastReply && /^(?:229|200) /.test(raw)) continue;
      out.reply(n, raw);
      lastReply = kind === "reply" ? raw : null;
      continue;
    }
    const c = CONNECTED.exec(raw);
    if (c) {
      out.host(c[1]!);
      if (c[2]) out.serverIp(c[2]);
      out.program(n, raw);
      continue;
    }
    const inv = INVOCATION.exec(raw);
    if (inv && out.size === 0) {
      out.host(inv[1]!);
      if (inv[2]) out.port(inv[2]);
      continue;
    }
    const p = PROMPT.exec(raw);
    if (p) {
      if (p[1]) out.program(n, raw);
      continue;
    }
    if (style.failure.test(raw)) out.program(n, raw.trim(), null, true);
    else if (style.note.test(raw)) out.program(n, raw.trim());
  }
  return out.build();
}
