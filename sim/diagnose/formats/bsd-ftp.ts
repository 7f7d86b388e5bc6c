/**
 * BSD ftp / tnftp with `-d` (and `-v`): `---> CMD` echoes, replies bare, its notes
 * (`Connected to X.`, `Remote system type is UNIX.`, `setupsockbufsize: …`, `features[FEAT_…] = 1`,
 * `tnftp: Can't connect to \`X:N': Connection timed out`): tnftp 20210827 src/ftp.c, src/util.c,
 * as recorded in test/real/fixtures/software/clients/bsd-ftp--*.log.
 */
import type { LogReader } from "../log-types";
import { consoleShape } from "./console-shape";
import { readConsole } from "./console-ftp";
import { scoreOf } from "./shape";

export const bsdFtpReader: LogReader = {
  format: "bsd-ftp",
  detect(text) {
    const s = consoleShape(text);
    if (s.lftp > 0 || s.echoes === 0) return 0;
    // Without tnftp's own marks the same lines are more likely GNU inetutils ftp's.
    return scoreOf(s) * (s.tnftp > 0 ? 1 : 0.8);
  },
  parse(text) {
    return readConsole(text, {
      format: "bsd-ftp",
      failure: /^(?:tnftp|ftp): |^Passive mode address mismatch|^Login failed|^Not connected|[Cc]onnection (?:timed out|refused)/,
      note: /^(?:Remote system type is|Using binary mode|Passive mode:|EPSV\/EPRT on IPv4|disabling epsv4|local: |\d+ bytes (?:received|sent) in )/,
      dropEcho: true,
    });
  },
};
