/**
 * GNU inetutils ftp with `-d` (and `-v`): `---> CMD` echoes, replies bare, its notes
 * (`Connected to X.`, `Use of EPRT/EPSV for IPv4: on.`, `N bytes received in S seconds (R kbytes/s)`)
 * and failures (`ftp: connect: Connection timed out`, `inetutils-ftp: bind: Address already in use`):
 * inetutils 2.4 ftp/ftp.c, ftp/cmds.c, as recorded in test/real/fixtures/software/clients/inetutils-ftp--*.log.
 */
import type { LogReader } from "../log-types";
import { consoleShape } from "./console-shape";
import { readConsole } from "./console-ftp";
import { clamp01, scoreOf } from "./shape";

export const inetutilsFtpReader: LogReader = {
  format: "inetutils-ftp",
  detect(text) {
    const s = consoleShape(text);
    if (s.lftp > 0 || s.echoes === 0) return 0;
    const score = scoreOf(s);
    return s.tnftp > 0 ? score * 0.8 : clamp01(score + (s.inetutils > 0 ? 0.05 : 0.01));
  },
  parse(text) {
    return readConsole(text, {
      format: "inetutils-ftp",
      failure: /^(?:inetutils-ftp|ftp): |^Passive mode address mismatch|^Login failed|^Not connected|[Cc]onnection (?:timed out|refused)/,
      note: /^(?:Remote system type is|Using binary mode|Use of EPRT\/EPSV|\d+ bytes (?:received|sent) in )/,
      dropEcho: false,
    });
  },
};
