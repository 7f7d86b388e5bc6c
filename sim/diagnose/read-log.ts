/**
 * Which format a pasted or dropped log is, and its parse: a capture by its magic number (pcap,
 * pcapng), text by the reader most sure of it. Nothing FTP in it: null.
 */
import { TEXT_READERS } from "./formats";
import { isCapture, readCapture } from "./formats/pcap";
import { decodeText } from "./log-text";
import type { ParsedLog } from "./log-types";

/** Below this, no reader recognises the text: it is not a log the lab can read. */
const MIN_CONFIDENCE = 0.2;

export function readLog(input: string | Uint8Array): ParsedLog | null {
  if (typeof input !== "string") {
    if (isCapture(input)) return readCapture(input);
    input = decodeText(input);
  }
  let best: { score: number; reader: (typeof TEXT_READERS)[number] } | null = null;
  for (const reader of TEXT_READERS) {
    const score = reader.detect(input);
    if (score >= MIN_CONFIDENCE && (best === null || score > best.score)) best = { score, reader };
  }
  if (best === null) return null;
  const parsed = best.reader.parse(input);
  return isFtp(parsed) ? parsed : null;
}

/** Commands only FTP has (RFC 959 §4.1, RFC 2428, RFC 3659): SMTP and POP3 share QUIT, USER and PASS, not these. */
const FTP_ONLY_COMMAND = /^(PASV|EPSV|PORT|EPRT|LPRT|LPSV|LIST|NLST|MLSD|MLST|RETR|STOR|STOU|APPE|PWD|XPWD|CWD|CDUP|TYPE|SYST|FEAT|SIZE|MDTM|REST|PBSZ|PROT)\b/i;
/** Replies only FTP gives: entering passive mode, logged in, password please, opening data, a path. */
const FTP_ONLY_REPLY = /^(227|229|230|331|150|125|257|425|426)[ -]/;

/** Some line only an FTP session has: another protocol's 220 and QUIT are not enough. */
function isFtp(log: ParsedLog): boolean {
  if (log.format === "pcap") return log.entries.some((e) => e.from === "client" || e.from === "server");
  return log.entries.some((e) => (e.from === "client" && FTP_ONLY_COMMAND.test(e.text.trim())) || (e.from === "server" && FTP_ONLY_REPLY.test(e.text.trim())));
}
