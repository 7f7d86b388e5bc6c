/**
 * The fallback: bare FTP lines pasted without any program's prefix (`PASV`, `227 Entering …`),
 * as a person copies a session out of a terminal or a forum post. Commands are known verbs,
 * replies start with their code; everything else is left out. Sure of itself only a little: any
 * reader that recognises its program wins.
 */
import type { LogReader, ParsedLog } from "../log-types";
import { REPLY_LINE, ReplyTracker, isCommandLine } from "./ftp-syntax";
import { LogBuilder } from "./log-builder";
import { readLines } from "./lines";
import { shapeOf } from "./shape";

export const plainReader: LogReader = {
  format: "plain",
  detect(text) {
    let replies = 0;
    let commands = 0;
    const shape = shapeOf(text, (line) => {
      if (REPLY_LINE.test(line)) {
        replies++;
        return "mine";
      }
      if (isCommandLine(line)) {
        commands++;
        return "mine";
      }
      return "foreign";
    });
    if (replies === 0 || replies + commands < 2) return 0;
    return 0.2 + 0.15 * (shape.mine / shape.total);
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("plain", "client");
    const replies = new ReplyTracker();
    for (const { n, text: raw } of readLines(text)) {
      if (raw.trim() === "") continue;
      if (replies.accept(raw) !== null) out.reply(n, raw);
      else if (isCommandLine(raw.trim())) out.command(n, raw.trim());
    }
    return out.build();
  },
};
