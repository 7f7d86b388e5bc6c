/**
 * What a log shows about its data connection, read the same way from a pasted log and from a
 * simulated session (session-log.ts), so the two can be compared field by field (match.ts).
 * Every fact keeps the line it was read from: a cause cites its evidence by line number.
 *
 * The session is cut into attempts: each starts at a mode command (PORT, PASV, EPRT, EPSV,
 * RFC 959 §4.1.2 and RFC 2428) and runs to the next one. The attempt that matters is the first
 * one that did not end in a transfer-complete reply (226/250, RFC 959 §4.2); with none failing,
 * the last one.
 */
import { parseCommand } from "../ftp/commands";
import { parseEprtArgument, parseHostPort, parse227, parse229 } from "../ftp/hostport";
import { isPrivateIp, parseIpv4 } from "../net/addresses";
import { LOG_TRANSFER_VERBS } from "./formats/ftp-syntax";
import type { LogEntry, ParsedLog } from "./log-types";

export type ModeVerb = "PORT" | "PASV" | "EPRT" | "EPSV" | "LPRT" | "LPSV";

/** What the program said went wrong, whatever its language or wording. */
export type RemarkKind = "timeout" | "refused" | "unreachable" | "substituted" | "mismatch" | "tls-error";

export interface Remark {
  readonly kind: RemarkKind;
  readonly line: number;
}

export interface ReplyAt {
  readonly code: number;
  readonly text: string;
  readonly line: number;
}

/** How the data connection ended, as far as the log tells. */
export type DataOutcome =
  /** It carried the transfer. */
  | "ok"
  /** A SYN went unanswered: the connect timed out (a drop somewhere). */
  | "timeout"
  /** A RST or ICMP error answered: actively refused. */
  | "refused"
  /** The server refused the PORT/EPRT itself (5xx to the mode command). */
  | "port-refused"
  /** The server refused a data connection from another address (vsftpd "Security: Bad IP"). */
  | "foreign-refused"
  /** The client itself would not use the 227's address (tnftp, inetutils: "Passive mode address mismatch."). */
  | "address-refused"
  /** The server answered 425/426 without saying why. */
  | "server-failed"
  /** The transfer was refused for another reason: a file, a permission (4xx/5xx other than 425/426). */
  | "not-network"
  | null;

export interface Attempt {
  readonly mode: { readonly verb: ModeVerb; readonly line: number; readonly arg: string };
  readonly modeReply: ReplyAt | null;
  /**
   * The address in a 227 reply (null when masked or absent), and its port; `said` is where the
   * program itself judged it (FileZilla's "unroutable address") when the reply is not in the log.
   */
  readonly pasv: { readonly ip: string | null; readonly port: number | null; readonly line: number; readonly said?: "private" } | null;
  /** The address a PORT/EPRT named (null when masked). */
  readonly port: { readonly ip: string | null; readonly port: number | null } | null;
  /** Where the client says it dialled the data connection (curl "Trying …", lftp "Connecting data socket to …"). */
  readonly dialled: { readonly ip: string; readonly port: number | null; readonly line: number } | null;
  /** The transfer command, when the client got as far as sending it. */
  readonly transfer: { readonly verb: string; readonly arg: string; readonly line: number } | null;
  readonly replies: readonly ReplyAt[];
  readonly remarks: readonly Remark[];
  /** Data SYNs seen in a capture: retransmitted unanswered, or answered by RST (or an ICMP error). */
  readonly packets: { readonly unanswered: readonly number[]; readonly reset: readonly number[] };
  readonly outcome: DataOutcome;
  /** The line where the data connection is seen to die (or the attempt's last line). */
  readonly failureLine: number;
  /** How long after the mode reply it died, when the log has timestamps: a drop takes seconds, a refusal none. */
  readonly failedAfterMs: number | null;
  readonly lines: readonly number[];
}

export interface Evidence {
  readonly login: { readonly ok: boolean | null; readonly lines: readonly number[]; readonly failure: ReplyAt | null };
  readonly tls: { readonly on: boolean; readonly lines: readonly number[] };
  /** The address the control connection went to (null when the log does not say or masks it). */
  readonly controlIp: string | null;
  /** The client's address as the server sees it (server logs, captures). */
  readonly clientSeenAs: string | null;
  readonly attempts: readonly Attempt[];
  /** The attempt that failed (or the last one); null when the log has no mode command at all. */
  readonly failing: Attempt | null;
  /** Transfer commands in the order sent, for rebuilding the session. */
  readonly transfers: readonly string[];
  /** A 421, or a 4xx/5xx that is the log's last reply outside any transfer: how the session ended. */
  readonly sessionEnd: ReplyAt | null;
}

const MODE_VERBS = new Set<string>(["PORT", "PASV", "EPRT", "EPSV", "LPRT", "LPSV"]);

/**
 * The program's words for a failure, in the languages and wordings real logs have: curl, lftp,
 * FileZilla (and its translations), WinSCP, ftplib's exceptions, Windows' WSA errors.
 */
const REMARK_PATTERNS: ReadonlyArray<readonly [RemarkKind, RegExp]> = [
  ["mismatch", /address mismatch|bad ip connecting/i],
  ["substituted", /unroutable address|using server address instead|skip \S+ for data connection|re-?us(e|ing) .* ip|fixing|replaced .*address|adresse.*(remplac|routable)|nicht routbar/i],
  ["tls-error", /tls|ssl|certificate|handshake failed/i],
  ["timeout", /timed? ?out|timeout|etimedout|10060|inactivity|zeitüberschreitung|zeit.berschreitung|délai|delai d'attente|tiempo de espera|tempo (limite|esgotado)|scaduto|превышен|超时|逾時|przekroczon/i],
  ["refused", /refused|econnrefused|10061|verweigert|refusée|rechazad|recusad|rifiutat|отклонен|拒绝|odrzucon|connection reset|econnreset|10054/i],
  ["unreachable", /no route to host|ehostunreach|enetunreach|network is unreachable|10065|10051|host unreachable|unreachable/i],
];

function remarkOf(entry: LogEntry): RemarkKind | null {
  for (const [kind, re] of REMARK_PATTERNS) if (re.test(entry.text)) return kind;
  return null;
}

const replyCode = (text: string): number | null => {
  const m = /^(\d{3})[ -]/.exec(text) ?? /^(\d{3})$/.exec(text);
  return m ? Number(m[1]) : null;
};


/** A 227 address as written: null when masked (xxx, *, 1.2.3.x). */
function pasvOf(text: string, line: number): Attempt["pasv"] {
  const e = parse227(text);
  if (e) return { ip: e.ip, port: e.port, line };
  // A masked address ("(92,222,XXX,XXX,128,133)") still carries its port in the last two numbers.
  const masked = /\(([^()]*),\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)/.exec(text);
  if (masked && Number(masked[2]) <= 255 && Number(masked[3]) <= 255) return { ip: null, port: Number(masked[2]) * 256 + Number(masked[3]), line };
  const port = parse229(text);
  return { ip: null, port, line };
}

function portArgOf(verb: ModeVerb, arg: string): Attempt["port"] {
  if (verb === "PORT") {
    const e = parseHostPort(arg.trim());
    if (e) return { ip: e.ip, port: e.port };
    return { ip: null, port: null };
  }
  if (verb === "EPRT") {
    const e = parseEprtArgument(arg.trim());
    if (e.ok) return { ip: e.ip, port: e.port };
    // A masked address ("|1|xxx.xxx.xxx.xxx|40123|") still names its port.
    const port = /(\d{1,5})\|\s*$/.exec(arg)?.[1];
    return { ip: null, port: port === undefined ? null : Number(port) };
  }
  return null;
}

interface Builder {
  /** What the last command of the attempt was: its replies go with it, a QUIT's or TYPE's do not. */
  awaiting: "mode" | "transfer" | "other";
  dialled: Attempt["dialled"];
  mode: Attempt["mode"];
  modeReply: ReplyAt | null;
  pasv: Attempt["pasv"];
  port: Attempt["port"];
  transfer: Attempt["transfer"];
  replies: ReplyAt[];
  remarks: Remark[];
  packets: { unanswered: number[]; reset: number[] };
  lines: number[];
}

/** An attempt as its mode command (or the reply that implies one) opens it. */
function newAttempt(mode: Attempt["mode"], first: Partial<Pick<Builder, "modeReply" | "port">> = {}): Builder {
  return { awaiting: "mode", dialled: null, mode, modeReply: null, pasv: null, port: null, transfer: null, replies: [], remarks: [], packets: { unanswered: [], reset: [] }, lines: [mode.line], ...first };
}

/**
 * A PORT/EPRT refused for the address it names (RFC 2577 §3): vsftpd's and ProFTPD's "500 Illegal
 * PORT command", Pure-FTPd's "500 I won't open a connection to …", a 501. Not a server that does
 * not know the command (502, "500 Unknown command", vsftpd's "550 Permission denied." for EPRT
 * with extended commands off): that one the client gets past with PORT.
 */
function isAddressRefusal(verb: ModeVerb, reply: ReplyAt): boolean {
  if (verb !== "PORT" && verb !== "EPRT" && verb !== "LPRT") return false;
  return (reply.code === 500 || reply.code === 501) && !/unknown|not understood|not implemented|unrecogni[sz]ed|command not/i.test(reply.text);
}

/** The program says the control connection is now encrypted (FileZilla, WinSCP, curl, lftp). */
const TLS_WORDS = /TLS connection established|Initializing TLS|SSL connection using|TLS handshake|Verbindung.*TLS|Initialisation de TLS/i;

function implicitAttempt(verb: ModeVerb, reply: ReplyAt): Builder {
  return newAttempt({ verb, line: reply.line, arg: "" }, { modeReply: reply });
}

/** The mode command a reply answers, when the log never showed the command itself. */
function impliedMode(reply: ReplyAt, lastCommand: string): ModeVerb | null {
  if (MODE_VERBS.has(lastCommand)) return null;
  if (reply.code === 227) return "PASV";
  if (reply.code === 229) return "EPSV";
  if (reply.code === 200 && /\bPORT\b/i.test(reply.text)) return "PORT";
  if (reply.code === 200 && /\bEPRT\b/i.test(reply.text)) return "EPRT";
  return null;
}

/** What the outcome is read from: an attempt's facts, while it is built or after. */
type Facts = Pick<Attempt, "mode" | "modeReply" | "transfer" | "replies" | "remarks" | "packets" | "lines">;

function outcomeOf(b: Facts): { outcome: DataOutcome; failureLine: number } {
  if (b.modeReply && isAddressRefusal(b.mode.verb, b.modeReply)) return { outcome: "port-refused", failureLine: b.modeReply.line };
  const done = b.replies.find((r) => r.code === 226 || r.code === 250);
  // A 226 after the transfer command, with no 4xx before it; the 150 may be missing (ProFTPD's ExtendedLog logs one code per command).
  if (done && b.transfer !== null && !b.replies.some((r) => r.code >= 400 && r.line <= done.line)) return { outcome: "ok", failureLine: done.line };
  const foreign = b.replies.find((r) => r.code === 425 && /bad ip|security/i.test(r.text)) ?? b.remarks.find((r) => r.kind === "mismatch" && b.replies.some((x) => x.code === 425));
  if (foreign) return { outcome: "foreign-refused", failureLine: foreign.line };
  const mismatch = b.remarks.find((r) => r.kind === "mismatch");
  if (mismatch && b.mode.verb === "PASV") return { outcome: "address-refused", failureLine: mismatch.line };
  // What the network did, seen on the wire, outranks what the programs say about it.
  if (b.packets.reset.length > 0) return { outcome: "refused", failureLine: b.packets.reset[0]! };
  if (b.packets.unanswered.length > 0) return { outcome: "timeout", failureLine: b.packets.unanswered[0]! };
  const said = b.remarks.find((r) => r.kind === "timeout" || r.kind === "refused" || r.kind === "unreachable");
  // tnftp prints its own "421 Service not available, remote server timed out." when no reply comes in 60 s.
  const dataFail = b.replies.find((r) => r.code === 425 || r.code === 426 || (r.code === 421 && /timed? ?out/i.test(r.text)));
  if (dataFail && /refused/i.test(dataFail.text)) return { outcome: "refused", failureLine: dataFail.line };
  if (dataFail && /timed? ?out/i.test(dataFail.text)) return { outcome: "timeout", failureLine: dataFail.line };
  if (said) return { outcome: said.kind === "timeout" ? "timeout" : "refused", failureLine: said.line };
  if (dataFail) return { outcome: "server-failed", failureLine: dataFail.line };
  const refusal = b.replies.find((r) => r.code >= 400);
  if (refusal && b.transfer) return { outcome: "not-network", failureLine: refusal.line };
  if (b.modeReply && b.modeReply.code >= 400) return { outcome: "not-network", failureLine: b.modeReply.line };
  return { outcome: null, failureLine: b.lines[b.lines.length - 1] ?? b.mode.line };
}

function finish(b: Builder): Omit<Attempt, "failedAfterMs"> {
  return { mode: b.mode, modeReply: b.modeReply, pasv: b.pasv, port: b.port, dialled: b.dialled, transfer: b.transfer, replies: b.replies, remarks: b.remarks, packets: b.packets, lines: b.lines, ...outcomeOf(b) };
}

/** "Connecting to 10.0.0.5:30000", "Trying 10.0.0.5:30000...", "Connecting data socket to (10.0.0.5) port 30000", "Connecting to 10.0.0.5 port 30000". */
const DIALLED = /(?:connect|trying|verbinde|connexion|conectando|connessione|подключение|连接)\D{0,40}?\(?(\d{1,3}(?:\.\d{1,3}){3})\)?(?::|\s+port\s+|\s*,\s*port\s+)?(\d{1,5})?/i;

/** The evidence of a parsed log. Never throws: what cannot be read is left out. */
export function evidenceOf(log: ParsedLog): Evidence {
  const attempts: Omit<Attempt, "failedAfterMs">[] = [];
  const transfers: string[] = [];
  const loginLines: number[] = [];
  const tlsLines: number[] = [];
  let loginOk: boolean | null = null;
  let loginFailure: ReplyAt | null = null;
  let tls = false;
  let current: Builder | null = null;
  let lastCommand = "";
  let sessionEnd: ReplyAt | null = null;
  // The log's last reply: a refusal there (outside any transfer) is how the session ended; one earlier (SYST before USER) is not.
  let lastReply: ReplyAt | null = null;
  // Capture: SYNs per data connection (src→dst), to tell unanswered from refused.
  const syns = new Map<string, { lines: number[]; answered: "synack" | "rst" | null }>();

  for (const entry of log.entries) {
    if (entry.from === "client") {
      const { verb, arg } = parseCommand(entry.text.trim());
      lastCommand = verb;
      if (verb === "USER" || verb === "PASS") loginLines.push(entry.line);
      // TLS counts once the server agrees: 234 to AUTH (RFC 4217 §4), 200 to PROT P; a 530 "Insecure server" is no TLS.
      if (verb === "AUTH" || verb === "PROT" || verb === "PBSZ") tlsLines.push(entry.line);
      if (MODE_VERBS.has(verb)) {
        if (current) attempts.push(finish(current));
        const mv = verb as ModeVerb;
        current = newAttempt({ verb: mv, line: entry.line, arg }, { port: portArgOf(mv, arg) });
      } else if (LOG_TRANSFER_VERBS.has(verb)) {
        transfers.push(`${verb}${arg ? ` ${arg.trim()}` : ""}`);
        if (current && current.transfer === null) {
          current.transfer = { verb, arg: arg.trim(), line: entry.line };
          current.lines.push(entry.line);
          current.awaiting = "transfer";
        } else if (current) current.awaiting = "other";
      } else if (current) {
        if (verb === "ABOR" || verb === "QUIT") current.lines.push(entry.line);
        current.awaiting = verb === "ABOR" && current.transfer !== null ? "transfer" : "other";
      }
      continue;
    }
    if (entry.from === "server") {
      const code = replyCode(entry.text.trim());
      if (code === null) continue;
      const reply = { code, text: entry.text.trim(), line: entry.line };
      // Only a reply's last line (or its only one) carries the final code; "211-" lines go by.
      if (/^\d{3}-/.test(entry.text.trim())) continue;
      if (code === 230) {
        loginOk = true;
        loginLines.push(entry.line);
      } else if ((lastCommand === "USER" || lastCommand === "PASS") && code >= 400) {
        loginOk = loginOk ?? false;
        loginFailure = reply;
        loginLines.push(entry.line);
      }
      if (lastCommand === "AUTH" || lastCommand === "PROT") tlsLines.push(entry.line);
      if ((lastCommand === "AUTH" && code === 234) || (lastCommand === "PROT" && code === 200 && /\bP(rivate)?\b/i.test(entry.text))) tls = true;
      if (code === 421) sessionEnd = reply;
      // A console client that echoes no commands (Windows ftp.exe): the reply names the mode command.
      const implied = current === null || current.awaiting === "other" ? impliedMode(reply, lastCommand) : null;
      if (implied) {
        if (current) attempts.push(finish(current));
        current = implicitAttempt(implied, reply);
        if (code === 227 || code === 229) current.pasv = pasvOf(entry.text, entry.line);
        current.transfer = { verb: "LIST", arg: "", line: entry.line };
        current.awaiting = "transfer";
        continue;
      }
      if (current && current.awaiting !== "other") {
        current.lines.push(entry.line);
        if (current.awaiting === "mode" && current.modeReply === null) {
          current.modeReply = reply;
          if (code === 227 || code === 229) current.pasv = pasvOf(entry.text, entry.line);
        } else current.replies.push(reply);
      }
      lastReply = reply;
      continue;
    }
    if (entry.from === "packet" && entry.packet) {
      const p = entry.packet;
      const isControl = p.src.port === (log.control.port ?? 21) || p.dst.port === (log.control.port ?? 21);
      if (isControl) continue;
      const key = `${p.src.ip}:${p.src.port}>${p.dst.ip}:${p.dst.port}`;
      const back = `${p.dst.ip}:${p.dst.port}>${p.src.ip}:${p.src.port}`;
      const flags = new Set(p.flags);
      if (flags.has("SYN") && !flags.has("ACK")) {
        const s = syns.get(key) ?? { lines: [], answered: null };
        s.lines.push(entry.line);
        syns.set(key, s);
      } else if (syns.has(back)) {
        const s = syns.get(back)!;
        // An ICMP destination-unreachable (a REJECT with icmp-admin-prohibited) refuses as a RST does.
        if (s.answered === null) s.answered = flags.has("RST") || /unreachable|prohibited/i.test(entry.text) ? "rst" : flags.has("SYN") ? "synack" : null;
        if (current && s.answered === "rst") current.packets.reset.push(entry.line);
      } else if (/unreachable|prohibited/i.test(entry.text) && current) {
        current.packets.reset.push(entry.line);
      }
      if (current) current.lines.push(entry.line);
      continue;
    }
    // The program's own words.
    if (TLS_WORDS.test(entry.text)) {
      tls = true;
      tlsLines.push(entry.line);
    }
    // FileZilla's abbreviated log keeps its Status line and drops the PASV and 227 it speaks of.
    if (/unroutable address/i.test(entry.text) && (current === null || current.transfer !== null)) {
      if (current) attempts.push(finish(current));
      current = implicitAttempt("PASV", { code: 227, text: "227 (not in the log)", line: entry.line });
      current.pasv = { ip: null, port: null, line: entry.line, said: "private" };
      current.awaiting = "other";
    }
    const dialled = current && current.dialled === null && current.modeReply !== null ? DIALLED.exec(entry.text) : null;
    if (current && dialled && parseIpv4(dialled[1]!)) {
      current.dialled = { ip: dialled[1]!, port: dialled[2] ? Number(dialled[2]) : null, line: entry.line };
      current.lines.push(entry.line);
    }
    const kind = remarkOf(entry);
    if (kind && current) {
      current.remarks.push({ kind, line: entry.line });
      current.lines.push(entry.line);
    } else if (kind === "tls-error") tlsLines.push(entry.line);
  }
  if (current) attempts.push(finish(current));

  // SYNs retransmitted with no answer: a drop. Attributed to the attempt whose lines they fall in.
  const withPackets = attempts.map((a) => {
    const unanswered: number[] = [];
    for (const s of syns.values()) {
      const first = s.lines[0]!;
      const inside = first >= a.mode.line && first <= (a.lines[a.lines.length - 1] ?? first);
      if (inside && s.answered === null) unanswered.push(...s.lines);
    }
    if (unanswered.length === 0) return a;
    const b = { ...a, packets: { ...a.packets, unanswered } };
    return { ...b, ...outcomeOf(b) };
  });

  const timeOf = new Map<number, number>();
  for (const entry of log.entries) if (entry.t !== undefined && !timeOf.has(entry.line)) timeOf.set(entry.line, entry.t);
  const timed = withPackets.map((a) => {
    const from = timeOf.get(a.modeReply?.line ?? a.mode.line);
    const to = timeOf.get(a.failureLine);
    return { ...a, failedAfterMs: from !== undefined && to !== undefined && a.outcome !== "ok" ? Math.max(0, to - from) : null };
  });
  const failing = failingAttempt(timed);
  const serverIp = log.control.serverIp;
  return {
    login: { ok: loginOk, lines: loginLines, failure: loginFailure },
    tls: { on: tls, lines: tlsLines },
    controlIp: serverIp && parseIpv4(serverIp) ? serverIp : log.control.host && parseIpv4(log.control.host) ? log.control.host : null,
    clientSeenAs: log.control.clientIp && parseIpv4(log.control.clientIp) ? log.control.clientIp : null,
    attempts: timed,
    failing,
    transfers,
    sessionEnd: sessionEnd ?? (lastReply !== null && lastReply.code >= 400 && loginOk !== false && !attempts.some((a) => a.lines.includes(lastReply!.line)) ? lastReply : null),
  };
}

/** The endings that are a data connection failing (the rest: it worked, or something else was refused). */
export const DATA_FAILURES: ReadonlySet<DataOutcome> = new Set<DataOutcome>(["timeout", "refused", "port-refused", "foreign-refused", "address-refused", "server-failed"]);

/**
 * The attempt that matters: the first whose data connection failed; else a refused command the
 * client did not get past (an EPSV refused and then a PASV that worked is no failure: tnftp and
 * lftp fall back, RFC 2428 §3); else the last attempt.
 */
function failingAttempt(attempts: readonly Attempt[]): Attempt | null {
  const dataFailure = attempts.find((a) => DATA_FAILURES.has(a.outcome));
  if (dataFailure) return dataFailure;
  const unrecovered = attempts.find((a, i) => a.outcome === "not-network" && !attempts.slice(i + 1).some((b) => b.outcome === "ok"));
  return unrecovered ?? attempts[attempts.length - 1] ?? null;
}

export type AddressClass = "same" | "private" | "other" | "unspecified";

/** Where a 227 address points, next to the address the control connection went to. */
export function addressClass(ip: string | null, controlIp: string | null): AddressClass | null {
  // Without the control connection's address there is nothing to compare with: unknown, not a guess.
  if (ip === null || controlIp === null) return null;
  if (ip === "0.0.0.0") return "unspecified";
  if (ip === controlIp) return "same";
  if (isPrivateIp(ip) || ip.startsWith("127.") || ip.startsWith("169.254.")) return isPrivateIp(controlIp) ? "other" : "private";
  return "other";
}
