/**
 * Windows ftp.exe's console (without -d): it echoes no command; the replies bare; `Connected to
 * X.`, the prompts `User (X:(none)): name` and `Password:`, what the user typed at `ftp> `, and
 * `ftp: N bytes received in S.SSSeconds R.RRKbytes/sec.` (DOCUMENTED.md §3, dummies.com's session).
 * No command is logged, so the entries are replies and the user's typing, as notes.
 */
import type { LogReader } from "../log-types";
import { consoleShape } from "./console-shape";
import { readConsole } from "./console-ftp";
import { scoreOf } from "./shape";

export const windowsFtpReader: LogReader = {
  format: "windows-ftp",
  detect(text) {
    const s = consoleShape(text);
    if (s.echoes > 0 || s.lftp > 0 || s.windows === 0 || s.replies === 0) return 0;
    return scoreOf({ mine: s.windows + s.replies, shared: s.shared - s.replies, total: s.total });
  },
  parse(text) {
    return readConsole(text, {
      format: "windows-ftp",
      failure: /^>? ?ftp: (?!\d+ bytes)|^Invalid command|^Not connected|^Login failed|^Unknown host/,
      note: /^(?:User \(|Password:|ftp: \d+ bytes)/,
      dropEcho: false,
    });
  },
};
