/**
 * detect() for the console clients: how much of the text is `---> CMD` echoes, bare reply lines,
 * `ftp> ` prompts, and each program's own marks. tnftp and GNU inetutils ftp print the same
 * `---> ` and bare replies; tnftp's `-d` adds `setupsockbufsize: …` and `features[FEAT_…] = …`
 * (every recorded tnftp log has them, none of inetutils' does: test/real/fixtures/software/clients).
 */
import { isCommandLine, REPLY_LINE } from "./ftp-syntax";
import { LISTING_LINE } from "./lines";
import { shapeOf, type Shape } from "./shape";

const TNFTP_MARK = /^(?:setupsockbufsize: |features\[FEAT_|tnftp: |remotemodtime: |Passive mode: o|EPSV\/EPRT on IPv4 o|disabling epsv4|.* bytes (?:received|sent) in \d\d:\d\d \(.* KiB\/s\)$)/;
const INETUTILS_MARK = /^(?:inetutils-ftp: |ftp: connect: |Use of EPRT\/EPSV for IPv4: |.* bytes (?:received|sent) in [\d.e+-]+ seconds \(.* kbytes\/s\)$)/;
const WINDOWS_MARK = /^(?:User \([^)]*:\(none\)\): ?|ftp: \d+ bytes (?:received|sent) in [\d.]+Seconds|Invalid command\.$|Not connected\.$|ftp> )/;

export interface ConsoleShape extends Shape {
  /** `---> ` lines. */
  readonly echoes: number;
  readonly replies: number;
  readonly tnftp: number;
  readonly inetutils: number;
  readonly windows: number;
  /** lftp's `<--- ` or `---- `: then `---> ` is lftp's. */
  readonly lftp: number;
}

export function consoleShape(text: string): ConsoleShape {
  let echoes = 0;
  let replies = 0;
  let tnftp = 0;
  let inetutils = 0;
  let windows = 0;
  let lftp = 0;
  const shape = shapeOf(text, (line) => {
    if (line.startsWith("---> ")) {
      if (!isCommandLine(line.slice(5))) return "foreign";
      echoes++;
      return "mine";
    }
    if (/^(?:<---|----) /.test(line)) lftp++;
    if (TNFTP_MARK.test(line)) {
      tnftp++;
      return "mine";
    }
    if (INETUTILS_MARK.test(line)) {
      inetutils++;
      return "mine";
    }
    if (WINDOWS_MARK.test(line)) {
      windows++;
      return "mine";
    }
    if (REPLY_LINE.test(line)) {
      replies++;
      return "shared";
    }
    return /^Connected to \S+\.$|^Remote system type is |^Using binary mode|^local: |^Password:|^Login failed\.$|^ \S/.test(line) || LISTING_LINE.test(line) ? "shared" : "foreign";
  });
  return { ...shape, echoes, replies, tnftp, inetutils, windows, lftp };
}
