/**
 * Node's basic-ftp with `client.ftp.verbose = true` (console.log): `> CMD` per command sent
 * (FtpContext.send; `> PASS ###` for the password), `< ` + each chunk read from the control
 * socket as it came (FtpContext._onControlSocketData: `this.log(\`< ${chunk}\`)`). A chunk keeps
 * its CRLFs, so a multi-line reply's further lines follow bare and console.log's own newline
 * leaves a blank line after it; one chunk may hold two replies (`150 …` and `226 …`). Its notes
 * (src/Client.ts, src/transfer.ts): `Connected to 10.0.0.1:21 (No encryption)`, `Login security: …`,
 * `Trying to find optimal transfer strategy...`, `Optimal transfer strategy found.`,
 * `Downloading from 10.0.0.1:30042 (No encryption)`, `Uploading to …`; a listing is logged bare
 * after its transfer (Client._requestListWithCommand). Source: patrickjuchli/basic-ftp on GitHub.
 */
import type { LogReader, ParsedLog } from "../log-types";
import { REPLY_LINE, ReplyTracker, isCommandLine } from "./ftp-syntax";
import { LogBuilder } from "./log-builder";
import { LISTING_LINE, readLines } from "./lines";
import { clamp01, scoreOf, shapeOf } from "./shape";

const NOTE = /^(?:Connected to \S+ \(|Login security: |Control socket is using: |Trying to find optimal transfer strategy|Optimal transfer strategy found|Downloading from |Uploading to |Warning: |Invalid filename from server listing)/;
const CONNECTED = /^Connected to (\[[0-9a-fA-F:]+\]|[^\s:]+):(\d+) \(/;
/** What a script prints when basic-ftp rejects: `Error: connect ECONNREFUSED 1.2.3.4:21`, `FTPError: 530 …`, `Error: Timeout (data socket)`. */
const ERROR = /^(?:\w*Error|Uncaught \w*Error)\b.*:/;

export const basicFtpReader: LogReader = {
  format: "basic-ftp",
  detect(text) {
    let notes = 0;
    let stars = 0;
    const score = scoreOf(
      shapeOf(text, (line) => {
        if (NOTE.test(line)) {
          notes++;
          return "mine";
        }
        if (line.startsWith("* ")) stars++;
        if (line.startsWith("> ")) return isCommandLine(line.slice(2)) ? "mine" : "foreign";
        if (line.startsWith("< ")) return REPLY_LINE.test(line.slice(2)) ? "mine" : "foreign";
        return REPLY_LINE.test(line) || /^ \S/.test(line) || LISTING_LINE.test(line) ? "shared" : "foreign";
      }),
    );
    // Without its notes, `> `/`< ` lines could be curl's with the `* ` lines left out; with `* ` lines they are.
    if (stars > 0) return score * 0.3;
    return notes > 0 ? clamp01(score + 0.1) : score * 0.45;
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("basic-ftp", "client");
    const replies = new ReplyTracker();
    let inChunk = false;
    for (const { n, text: raw } of readLines(text)) {
      if (raw.startsWith("> ")) {
        inChunk = false;
        out.command(n, raw.slice(2));
        continue;
      }
      if (raw.startsWith("< ")) {
        inChunk = true;
        const body = raw.slice(2);
        if (replies.accept(body) !== null) out.reply(n, body);
        continue;
      }
      if (inChunk && raw !== "") {
        // The rest of a chunk: further reply lines (` EPRT`, `211 End`, a second reply).
        if (replies.accept(raw) !== null) {
          out.reply(n, raw);
          continue;
        }
      }
      inChunk = false;
      const c = CONNECTED.exec(raw);
      if (c) {
        out.serverIp(c[1]!);
        out.port(c[2]!);
      }
      if (NOTE.test(raw)) out.program(n, raw);
      else if (ERROR.test(raw)) out.program(n, raw.trim(), null, true);
    }
    return out.build();
  },
};
